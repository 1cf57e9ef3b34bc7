// Visitors of bench/portal.ts, in a process of their own so that their requests do not take the
// server's event loop: `tsx bench/portal-visitors.ts <url> <visitors> <rounds>` prints one JSON line.
// node:http with a keep-alive connection per visitor, as a browser keeps one: undici's fetch costs
// the client several times the CPU, which on a shared machine is taken from the server measured.
import { Agent, get } from 'node:http';
import { performance } from 'node:perf_hooks';

const [url, visitors, rounds] = [process.argv[2]!, Number(process.argv[3] ?? 30), Number(process.argv[4] ?? 10)];
const agent = new Agent({ keepAlive: true, maxSockets: visitors });
const times: number[] = [];
const statuses: Record<string, number> = {};
let bytes = 0;

const once = () =>
  new Promise<void>((resolve) => {
    const start = performance.now();
    const done = (status: string) => {
      times.push(performance.now() - start);
      statuses[status] = (statuses[status] ?? 0) + 1;
      resolve();
    };
    get(url, { agent }, (res) => {
      let n = 0;
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => {
        bytes = n;
        done(String(res.statusCode));
      });
      res.on('error', () => done('failed'));
    }).on('error', () => done('failed'));
  });

await Promise.all(Array.from({ length: visitors }, async () => {
  for (let i = 0; i < rounds; i++) await once();
}));
agent.destroy();
console.log(JSON.stringify({ times, bytes, statuses }));
