// npm run bench:console — issue 19's targets for the staff console: the JavaScript a first visit
// loads (gzip, ≤ 500 kB; each screen is its own chunk) and the login screen's time to interactive
// in headless Chromium (≤ 1 s), plus the home screen after logging in. PGlite in memory; needs the
// built console (npm run build:console) and Debian's Chromium. Prints Markdown for docs/performance.md.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CONSOLE_DIR } from '../src/server/console/serve-console.ts';
import { openDatabase } from '../src/server/db/database.ts';
import { launchChromium } from '../test/helpers/browser.ts';
import { demoCounty, DEMO } from '../test/helpers/demo-county.ts';
import { inspectingTask } from '../test/helpers/results-flow.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const demo = await demoCounty(await openDatabase({ dataDir: 'memory://' }), { enterprises: 300 });
await inspectingTask(demo, { size: 5 }, 'DISPATCHED');
const created = await demo.gql(`mutation { createUser(jurisdiction: "${DEMO}", username: "bench", name: "测试", password: "Bench-2026-pass", role: PLANNER) { __typename } }`, {}, demo.tokens.ADMIN);
if (created.data?.createUser?.__typename !== 'User') throw new Error(JSON.stringify(created));
const base = `http://127.0.0.1:${(await demo.app.start(0)).port}`;
const browser = await launchChromium();

const gzipOf = (path: string) => gzipSync(readFileSync(join(CONSOLE_DIR, path.replace(/^\/console\//, '')))).length;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const loginMs: number[] = [];
const homeMs: number[] = [];
let loginScripts: string[] = [];
let homeScripts: string[] = [];
for (let run = 0; run < RUNS; run++) {
  // A new context each run: an empty cache, as on a clerk's first visit.
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  const start = Date.now();
  await page.goto(`${base}/console/login`);
  await page.waitForSelector('#login-submit:enabled');
  loginMs.push(Date.now() - start);
  loginScripts = [...scripts];
  await page.fill('#login-username', 'bench');
  await page.fill('#login-password', 'Bench-2026-pass');
  const submitted = Date.now();
  await page.click('#login-submit');
  await page.waitForSelector('#deadlines tbody tr.ant-table-row');
  homeMs.push(Date.now() - submitted);
  homeScripts = [...new Set(scripts)];
  await context.close();
}
await browser.close();
await demo.app.stop();
await demo.db.close();

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const sum = (paths: string[]) => paths.reduce((n, p) => n + gzipOf(p), 0);
const homeOnly = homeScripts.filter((s) => !loginScripts.includes(s));
console.log(`| measurement (${cpus().length} vCPU, Node ${process.versions.node}, ${RUNS} runs) | now | target |`);
console.log('|---|---|---|');
console.log(`| JavaScript of a first visit (/console/login), gzip | ${kB(sum(loginScripts))} in ${loginScripts.length} files | ≤ 500 kB |`);
console.log(`| … then the home screen's own chunks, gzip | ${kB(sum(homeOnly))} in ${homeOnly.length} files | — |`);
console.log(`| login screen interactive, empty cache (median / max) | ${median(loginMs)} / ${Math.max(...loginMs)} ms | ≤ 1 s |`);
console.log(`| log in → home screen with its deadlines (median / max) | ${median(homeMs)} / ${Math.max(...homeMs)} ms | — |`);
