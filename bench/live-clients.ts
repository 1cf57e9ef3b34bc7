// A crowd of graphql-ws subscribers to one draw, in a process of its own so that their work does
// not slow the server being measured. Usage: live-clients.ts <drawNodeId> <port>[,<port>…] <count>
// Prints "ready" once every subscriber has the draw's state, then one JSON line of latencies.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [drawId, ports, count] = [process.argv[2]!, process.argv[3]!.split(',').map(Number), Number(process.argv[4])];
const QUERY = `subscription($d: ID!) { drawEvents(draw: $d) { __typename ... on SeedRevealed { drawnAt } ... on PickRevealed { revealAt } } }`;

const seed: number[] = [];
const picks: number[] = [];
let ready = 0;
let completed = 0;
let failed = 0;

function finish() {
  const p = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? null;
  console.log(JSON.stringify({ picks: picks.length, pickP50: p(picks, 0.5), pickP99: p(picks, 0.99), pickMax: p(picks, 1), seedP99: p(seed, 0.99), failed, completed }));
  process.exit(0);
}
// Report what arrived if the crowd does not finish within a minute.
setTimeout(finish, 60_000).unref();
if (process.env.DEBUG_CLIENTS) setInterval(() => console.error(`ready ${ready}, failed ${failed}, completed ${completed}, picks ${picks.length}`), 2000).unref();

for (let i = 0; i < count; i++) {
  const port = ports[i % ports.length]!;
  const client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
  client.subscribe<{ drawEvents: { __typename: string; drawnAt?: string; revealAt?: string } }>(
    { query: QUERY, variables: { d: drawId } },
    {
      next: ({ data }) => {
        const now = Date.now();
        const e = data!.drawEvents;
        if (e.__typename === 'DrawLocked' && ++ready + failed === count) console.log('ready');
        if (e.__typename === 'SeedRevealed') seed.push(now - Date.parse(e.drawnAt!));
        if (e.__typename === 'PickRevealed') picks.push(now - Date.parse(e.revealAt!));
      },
      error: (error) => {
        if (++failed === 1) console.error('first failure:', error);
        if (ready + failed === count && completed === 0) console.log('ready');
        if (completed + failed === count) finish();
      },
      complete: () => {
        if (++completed + failed === count) finish();
      },
    },
  );
}
