/**
 * The subscribers of the fan-out benchmark, in their own process (as real clients would be):
 * opens N graphql-ws connections to `url`, each subscribed to `graphChanged`, and talks to the
 * benchmark over stdio: `connected`, then `ready` once every subscriber has a first revision,
 * then, after `expect R` on stdin, a JSON line of delivery figures once all have R more.
 *
 *   npx tsx bench/fanout-clients.ts URL N
 */
import { createInterface } from 'node:readline';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, count] = [process.argv[2]!, Number(process.argv[3] ?? 1000)];
const received = new Array<number>(count).fill(0);
const last = new Array<number>(count).fill(0);
const latencies: number[] = [];
let outOfOrder = 0;
let connected = 0;
let measuring = false;
const clients: Client[] = [];
const say = (line: string) => process.stdout.write(`${line}\n`);

for (let i = 0; i < count; i++) {
  const client = createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    on: {
      connected: () => {
        if (++connected === count) say('connected');
      },
    },
  });
  client.subscribe(
    { query: 'subscription { graphChanged { revision timestamp changes { op key } } }' },
    {
      next: ({ data }) => {
        const event = (data as { graphChanged: { revision: number; timestamp: number } }).graphChanged;
        if (measuring) latencies.push(Date.now() - event.timestamp);
        if (event.revision <= last[i]!) outOfOrder++;
        last[i] = event.revision;
        received[i]!++;
        if (!measuring && received.every((n) => n > 0)) {
          measuring = true;
          received.fill(0);
          say('ready');
        }
      },
      error: () => {},
      complete: () => {},
    },
  );
  clients.push(client);
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [command, value] = line.split(' ');
  if (command === 'expect') {
    const expected = Number(value);
    const deadline = Date.now() + 60_000;
    const check = () => {
      if (received.every((n) => n >= expected) || Date.now() > deadline) {
        const lost = received.reduce((sum, n) => sum + Math.max(0, expected - n), 0);
        say(JSON.stringify({ latencies, lost, outOfOrder }));
      } else setTimeout(check, 5);
    };
    check();
  } else if (command === 'close') {
    void Promise.all(clients.map((c) => c.dispose())).then(() => {
      say('closed');
      process.exit(0);
    });
  }
});
