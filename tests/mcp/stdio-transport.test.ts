/**
 * The bounded stdio transport on its own, over in-memory streams: what each kind of bad line is
 * answered with, and that the messages around it still arrive.
 */
import { PassThrough } from 'node:stream';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { BoundedStdioTransport } from '../../server/mcp/index.ts';
import { capturedLogger } from '../helpers/log.ts';

async function open(maxMessageBytes: number) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const log = capturedLogger();
  const transport = new BoundedStdioTransport({ stdin, stdout, logger: log.logger, maxMessageBytes });
  const received: JSONRPCMessage[] = [];
  let arrived: (() => void) | undefined;
  transport.onmessage = (message) => {
    received.push(message);
    arrived?.();
  };
  /** Resolves once `count` messages were passed on. */
  const receivedCount = async (count: number) => {
    while (received.length < count)
      await new Promise<void>((resolve) => {
        arrived = resolve;
      });
  };
  await transport.start();
  let written = '';
  stdout.on('data', (chunk: Buffer) => {
    written += chunk;
  });
  /** Writes `text` in pieces of `size` bytes, then waits until `answers` lines came out. */
  const feed = async (text: string, answers: number, size = 7) => {
    for (let at = 0; at < text.length; at += size) stdin.write(text.slice(at, at + size));
    while (written.split('\n').filter(Boolean).length < answers)
      await new Promise((resolve) => stdout.once('data', resolve));
  };
  const answers = () =>
    written
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { transport, received, receivedCount, feed, answers, log };
}

const ping = (id: number) => `${JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' })}\n`;

describe('the bounded stdio transport', () => {
  it('passes messages on, whatever pieces they come in', async () => {
    const { received, receivedCount, feed } = await open(1024);
    await feed(`${ping(1)}\r\n${ping(2).replace('\n', '\r\n')}`, 0);
    await receivedCount(2);
    expect(received).toEqual([
      { jsonrpc: '2.0', id: 1, method: 'ping' },
      { jsonrpc: '2.0', id: 2, method: 'ping' },
    ]);
  });

  it('answers each bad line by its kind and goes on', async () => {
    const { received, receivedCount, feed, answers, log } = await open(200);
    const longCall = `{"jsonrpc":"2.0","method":"tools/call","params":{"name":"x","arguments":{"q":"${'a'.repeat(300)}"}},"id":7}\n`;
    const longPingIdFirst = `{"jsonrpc": "2.0", "id": "p-1", "method":"ping","params":{"pad":"${'b'.repeat(300)}"}}\n`;
    const deep = `{"jsonrpc":"2.0","id":9,"method":"ping","params":{"a":${'['.repeat(70)}${']'.repeat(70)}}}\n`;
    await feed(`${longCall}not json\n${longPingIdFirst}${deep}{"id":10,"what":"no method"}\n${ping(11)}`, 5);
    expect(answers()).toEqual([
      {
        jsonrpc: '2.0',
        id: 7,
        result: {
          content: [
            {
              type: 'text',
              text: `MCP error -32600: the message is ${longCall.length - 1} bytes, over the limit of 200: send smaller arguments`,
            },
          ],
          isError: true,
        },
      },
      { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error: the message is not JSON' } },
      {
        jsonrpc: '2.0',
        id: 'p-1',
        error: {
          code: -32600,
          message: `Invalid Request: the message is ${longPingIdFirst.length - 1} bytes, over the limit of 200: send smaller arguments`,
        },
      },
      {
        jsonrpc: '2.0',
        id: 9,
        error: { code: -32600, message: 'Invalid Request: the message nests more than 64 levels deep' },
      },
      {
        jsonrpc: '2.0',
        id: 10,
        error: { code: -32600, message: 'Invalid Request: not a JSON-RPC 2.0 message' },
      },
    ]);
    await receivedCount(1);
    expect(received).toEqual([{ jsonrpc: '2.0', id: 11, method: 'ping' }]);
    expect(await log.until('MCP message over the limit')).toContain('"limit":200');
  });

  it('answers an over-long message whose id is no valid JSON string, and goes on', async () => {
    const { received, receivedCount, feed, answers } = await open(200);
    // `"\\x"` looks like a string id to a scan of the message's end, but JSON has no `\x` escape.
    const badId = `{"jsonrpc":"2.0","method":"ping","params":{"pad":"${'c'.repeat(300)}"},"id":"\\x"}\n`;
    await feed(`${badId}${ping(12)}`, 1);
    expect(answers()).toEqual([
      {
        jsonrpc: '2.0',
        id: null,
        error: {
          code: -32600,
          message: `Invalid Request: the message is ${badId.length - 1} bytes, over the limit of 200: send smaller arguments`,
        },
      },
    ]);
    await receivedCount(1);
    expect(received).toEqual([{ jsonrpc: '2.0', id: 12, method: 'ping' }]);
  });

  it('ends the session when the client closes its end of stdout, without an unhandled error', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const transport = new BoundedStdioTransport({ stdin, stdout, logger: capturedLogger().logger });
    const closed = new Promise<void>((resolve) => {
      transport.onclose = resolve;
    });
    await transport.start();
    stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    await closed;
    // Later answers go nowhere, and say nothing.
    await transport.send({ jsonrpc: '2.0', id: 1, result: {} });
    stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(stdout.read()).toBeNull();
  });

  it('stops reading and says so once closed', async () => {
    const { transport, received, feed } = await open(1024);
    let closed = false;
    transport.onclose = () => {
      closed = true;
    };
    await transport.close();
    await feed(ping(1), 0);
    expect(closed).toBe(true);
    expect(received).toEqual([]);
  });
});
