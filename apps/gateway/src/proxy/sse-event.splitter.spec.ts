import { SseEventSplitter } from './sse-event.splitter';

const stream =
  'data: {"id":"a","choices":[{"delta":{"content":"héllo"}}]}\n\n' +
  ': keep-alive\n\n' +
  'data: {"id":"b"}\r\n\r\n' +
  'data: [DONE]\n\n';

describe('SseEventSplitter', () => {
  it('yields the same payloads wherever the bytes are cut', () => {
    const bytes = new TextEncoder().encode(stream);
    const whole = new SseEventSplitter().push(bytes);
    expect(whole).toEqual([
      '{"id":"a","choices":[{"delta":{"content":"héllo"}}]}',
      '{"id":"b"}',
      '[DONE]',
    ]);
    for (let cut = 1; cut < bytes.length; cut++) {
      const splitter = new SseEventSplitter();
      expect([...splitter.push(bytes.slice(0, cut)), ...splitter.push(bytes.slice(cut))]).toEqual(
        whole,
      );
    }
  });

  it('joins multi-line data with newlines', () => {
    expect(new SseEventSplitter().push(new TextEncoder().encode('data: a\ndata: b\n\n'))).toEqual([
      'a\nb',
    ]);
  });
});
