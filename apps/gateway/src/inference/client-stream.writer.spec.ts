import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Response } from 'express';
import { ClientStreamWriter } from './client-stream.writer';

/**
 * The writer on a real HTTP response: the writes of one turn of the event loop (headers,
 * then the events of one upstream read) reach the socket in one system call, and every
 * byte arrives.
 */
describe('ClientStreamWriter', () => {
  let server: Server;
  let socketWrites: number;
  let serve: (response: Response) => Promise<void>;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      const socket = response.socket as Socket & { _writeGeneric: (...args: unknown[]) => void };
      // Every write the socket hands the kernel, writev or write, passes here once.
      const original = socket._writeGeneric.bind(socket);
      socket._writeGeneric = (...args: unknown[]) => {
        socketWrites++;
        original(...args);
      };
      void serve(response as unknown as Response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => (socketWrites = 0));

  const fetchBody = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const { port } = server.address() as AddressInfo;
      httpRequest({ port, host: '127.0.0.1', agent: false }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve(body));
      })
        .on('error', reject)
        .end();
    });

  it('sends the headers and the events written in one turn of the event loop in one socket write', async () => {
    let writesBeforeEnd = 0;
    serve = async (response) => {
      const writer = new ClientStreamWriter(response, 1000);
      writer.open({ 'content-type': 'text/event-stream' });
      for (const event of ['data: 1\n\n', 'data: 2\n\n', 'data: 3\n\n']) await writer.write(event);
      await new Promise((resolve) => setImmediate(resolve));
      writesBeforeEnd = socketWrites;
      writer.end();
    };
    expect(await fetchBody()).toBe('data: 1\n\ndata: 2\n\ndata: 3\n\n');
    expect(writesBeforeEnd).toBe(1);
  });

  it('sends events written in later turns as they come, none held back', async () => {
    const seen: number[] = [];
    serve = async (response) => {
      const writer = new ClientStreamWriter(response, 1000);
      writer.open({ 'content-type': 'text/event-stream' });
      for (const event of ['data: a\n\n', 'data: b\n\n']) {
        await new Promise((resolve) => setImmediate(resolve));
        await writer.write(event);
        await new Promise((resolve) => setImmediate(resolve));
        seen.push(socketWrites);
      }
      writer.end();
    };
    expect(await fetchBody()).toBe('data: a\n\ndata: b\n\n');
    // The headers left in their own turn; each event then left in its own write.
    expect(seen).toEqual([2, 3]);
  });
});
