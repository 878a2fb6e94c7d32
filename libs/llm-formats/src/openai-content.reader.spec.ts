import { countChunkCharacters, type OpenAiChatChunk } from '@app/llm-formats';
import { readFirstChoiceOfChunk } from './openai-content.reader';

const chunkOf = (content: unknown): OpenAiChatChunk =>
  ({ choices: [{ index: 0, delta: { content } }] }) as unknown as OpenAiChatChunk;

describe('countChunkCharacters: array content parts count, so a cut stream is billed', () => {
  it('counts string content and text parts as before', () => {
    expect(countChunkCharacters(chunkOf('hello'))).toBe(5);
    expect(countChunkCharacters(chunkOf([{ type: 'text', text: 'hello' }]))).toBe(5);
  });

  it('counts parts of other types: their text, else their JSON', () => {
    expect(countChunkCharacters(chunkOf([{ type: 'output_text', text: 'hello' }]))).toBe(5);
    const image = { type: 'image_url', image_url: { url: 'data:image/png;base64,QUJD' } };
    expect(countChunkCharacters(chunkOf([image]))).toBe(JSON.stringify(image).length);
  });
});

describe('readFirstChoiceOfChunk', () => {
  it('reads the first choice: reasoning, text then refusal, tool calls, finish reason', () => {
    const read = readFirstChoiceOfChunk({
      choices: [
        { index: 1, delta: { content: 'other choice' } },
        {
          index: 0,
          delta: {
            content: 'Hi',
            reasoning_content: 'think',
            refusal: 'no',
            tool_calls: [{ index: 0, function: { name: 'f', arguments: '{}' } }],
          },
          finish_reason: 'stop',
        },
      ],
    });
    expect(read).toEqual({
      reasoning: 'think',
      texts: ['Hi', 'no'],
      toolCalls: [{ index: 0, function: { name: 'f', arguments: '{}' } }],
      finishReason: 'stop',
      usage: undefined,
    });
  });

  it('reads the usage of a chunk without choices, and nothing else', () => {
    const usage = { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 };
    expect(readFirstChoiceOfChunk({ choices: [], usage })).toEqual({
      reasoning: '',
      texts: [],
      toolCalls: [],
      usage,
    });
  });
});
