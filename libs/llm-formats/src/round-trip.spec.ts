import {
  accumulateAnthropicEvents,
  anthropicToOpenAiRequest,
  checkAnthropicEventSequence,
  openAiToAnthropicResponse,
  OpenAiSseParser,
  OpenAiToAnthropicStream,
  serializeAnthropicEvent,
  validateAnthropicRequest,
  type AnthropicMessage,
  type AnthropicMessageParam,
  type OpenAiChatChunk,
  type OpenAiChatRequest,
  type OpenAiChatResponse,
} from '@app/llm-formats';

const USAGE = {
  prompt_tokens: 120,
  completion_tokens: 30,
  prompt_tokens_details: { cached_tokens: 100 },
};

/**
 * A deterministic upstream: with tools and a user turn last, it reasons and calls the first
 * tool with the user's text as `query`; after a tool result, it answers with that result.
 */
function fakeUpstream(req: OpenAiChatRequest): OpenAiChatResponse {
  const last = req.messages[req.messages.length - 1];
  if (last.role === 'tool') {
    return {
      choices: [{ message: { content: `Result: ${last.content}` }, finish_reason: 'stop' }],
      usage: USAGE,
    };
  }
  const tool = req.tools?.[0];
  const question = typeof last.content === 'string' ? last.content : '';
  if (tool === undefined) {
    return {
      choices: [{ message: { content: `You said: ${question}` }, finish_reason: 'length' }],
      usage: USAGE,
    };
  }
  return {
    choices: [
      {
        message: {
          reasoning_content: 'I should look it up.',
          content: 'Looking it up.',
          tool_calls: [
            {
              id: 'call_42',
              type: 'function',
              function: {
                name: tool.function.name,
                arguments: JSON.stringify({ query: question }),
              },
            },
          ],
        },
        finish_reason: 'tool_calls',
      },
    ],
    usage: USAGE,
  };
}

/** The same answer as the chunks an upstream would stream, fragments of 3 characters. */
function toChunks(res: OpenAiChatResponse): OpenAiChatChunk[] {
  const { message, finish_reason } = res.choices[0];
  const pieces = (text: string): string[] => text.match(/[\s\S]{1,3}/g) ?? [];
  const delta = (fields: OpenAiChatChunk['choices'][number]['delta']): OpenAiChatChunk => ({
    choices: [{ index: 0, delta: fields, finish_reason: null }],
  });
  const chunks: OpenAiChatChunk[] = [delta({ role: 'assistant', content: '' })];
  for (const piece of pieces(message.reasoning_content ?? '')) {
    chunks.push(delta({ reasoning_content: piece }));
  }
  for (const piece of pieces(typeof message.content === 'string' ? message.content : '')) {
    chunks.push(delta({ content: piece }));
  }
  (message.tool_calls ?? []).forEach((call, index) => {
    chunks.push(
      delta({
        tool_calls: [
          {
            index,
            id: call.id,
            type: 'function',
            function: { name: call.function?.name, arguments: '' },
          },
        ],
      }),
    );
    for (const piece of pieces(call.function?.arguments ?? '')) {
      chunks.push(delta({ tool_calls: [{ index, function: { arguments: piece } }] }));
    }
  });
  chunks.push({ choices: [{ index: 0, delta: {}, finish_reason }] });
  chunks.push({ choices: [], usage: res.usage });
  return chunks;
}

const toSse = (chunks: OpenAiChatChunk[]): string =>
  `${chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('')}data: [DONE]\n\n`;

/** Runs one turn both ways: complete, and streamed through SSE text in 7-character pieces. */
function turn(body: unknown, supportsReasoning = true): AnthropicMessage {
  const req = validateAnthropicRequest(body);
  const upstreamReq = anthropicToOpenAiRequest(req, {
    upstreamModel: 'up-model',
    supportsReasoning,
  });
  expect(upstreamReq.model).toBe('up-model');
  const upstreamRes = fakeUpstream(upstreamReq);
  const options = { requestModel: req.model, messageId: 'msg_rt' };
  const complete = openAiToAnthropicResponse(upstreamRes, options);

  const parser = new OpenAiSseParser();
  const stream = new OpenAiToAnthropicStream({ ...options, estimatedInputTokens: 1 });
  const sse = toSse(toChunks(upstreamRes));
  const events = [];
  for (let i = 0; i < sse.length; i += 7) {
    for (const item of parser.push(sse.slice(i, i + 7))) {
      if (item === 'done') events.push(...stream.finish());
      else events.push(...stream.push(item));
    }
  }
  expect(checkAnthropicEventSequence(events)).toEqual([]);
  expect(accumulateAnthropicEvents(events)).toEqual(complete);
  // What the client sends over the wire parses back to the same events.
  const wire = events.map(serializeAnthropicEvent).join('');
  const reparsed = new OpenAiSseParser().push(wire);
  expect(reparsed).toEqual(events);
  return complete;
}

const EXPECTED_USAGE = {
  input_tokens: 20,
  output_tokens: 30,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 100,
};

describe('round trips through an OpenAI-dialect upstream', () => {
  const tools = [
    {
      name: 'search',
      description: 'Search the web',
      input_schema: { type: 'object', properties: { query: { type: 'string' } } },
    },
  ];

  it('answers a plain question', () => {
    const answer = turn({
      model: 'claude-sonnet-4-5',
      max_tokens: 64,
      system: 'Be brief.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi there' }] }],
    });
    expect(answer).toEqual({
      id: 'msg_rt',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: 'You said: Hi there' }],
      stop_reason: 'max_tokens',
      stop_sequence: null,
      usage: EXPECTED_USAGE,
    });
  });

  it('runs a whole tool loop: call, result, final answer', () => {
    const first: AnthropicMessageParam = { role: 'user', content: 'Weather in Paris?' };
    const body = {
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      tools,
      tool_choice: { type: 'auto' },
      messages: [first],
    };
    const call = turn(body);
    expect(call.content).toEqual([
      { type: 'thinking', thinking: 'I should look it up.', signature: '' },
      { type: 'text', text: 'Looking it up.' },
      { type: 'tool_use', id: 'call_42', name: 'search', input: { query: 'Weather in Paris?' } },
    ]);
    expect(call.stop_reason).toBe('tool_use');
    expect(call.usage).toEqual(EXPECTED_USAGE);

    // The client sends the answer back verbatim, with the tool's result.
    const history: AnthropicMessageParam[] = [
      first,
      { role: 'assistant', content: call.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'call_42', content: '21°C' }] },
    ];
    const next = { ...body, messages: history };
    const upstreamReq = anthropicToOpenAiRequest(validateAnthropicRequest(next), {
      upstreamModel: 'up-model',
      supportsReasoning: true,
    });
    expect(upstreamReq.reasoning_effort).toBe('low');
    expect(upstreamReq.messages).toEqual([
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: 'Looking it up.',
        tool_calls: [
          {
            id: 'call_42',
            type: 'function',
            function: { name: 'search', arguments: '{"query":"Weather in Paris?"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_42', content: '21°C' },
    ]);

    const final = turn(next);
    expect(final.content).toEqual([{ type: 'text', text: 'Result: 21°C' }]);
    expect(final.stop_reason).toBe('end_turn');
  });
});
