import { countChunkCharacters, type OpenAiChatChunk } from '@app/llm-formats';

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
