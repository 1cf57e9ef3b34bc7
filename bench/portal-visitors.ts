// Visitors of bench/portal.ts, in a process of their own so that their requests do not take the
// server's event loop: `tsx bench/portal-visitors.ts <url> <visitors> <rounds>` prints one JSON line.
import { performance } from 'node:perf_hooks';

const [url, visitors, rounds] = [process.argv[2]!, Number(process.argv[3] ?? 30), Number(process.argv[4] ?? 10)];
const times: number[] = [];
const statuses: Record<string, number> = {};
let bytes = 0;
await Promise.all(Array.from({ length: visitors }, async () => {
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    try {
      const r = await fetch(url);
      bytes = (await r.arrayBuffer()).byteLength;
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    } catch {
      statuses.failed = (statuses.failed ?? 0) + 1;
    }
    times.push(performance.now() - start);
  }
}));
console.log(JSON.stringify({ times, bytes, statuses }));
