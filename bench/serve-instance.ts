import { spawn, type ChildProcess } from 'node:child_process';

/** A `double-random serve` process of its own, as a bureau runs it. */
export interface ServedInstance {
  readonly child: ChildProcess;
  readonly port: number;
  /** What it printed until it listened: on a first start, the demo admin token among it. */
  readonly output: string;
  /** False once the process has exited (a hostile request killed it, say). */
  alive(): boolean;
}

/** Starts `double-random serve` on port 0 with `env` over this process's; resolves once it listens. */
export function serveInstance(env: Record<string, string>): Promise<ServedInstance> {
  const child = spawn(process.execPath, ['bin/double-random.js', 'serve'], { env: { ...process.env, PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let alive = true;
  return new Promise((resolve, reject) => {
    let output = '';
    let listening = false;
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const port = /localhost:(\d+)\/graphql/.exec(output)?.[1];
      if (port && !listening) {
        listening = true;
        resolve({ child, port: Number(port), output, alive: () => alive });
      }
    });
    child.once('exit', (code, signal) => {
      alive = false;
      if (!listening) reject(new Error(`server exited ${code ?? signal}: ${output}`));
    });
  });
}

/** The demo admin token a first start prints. */
export function demoAdminToken(instance: ServedInstance): string {
  const token = /token for \d+ \(shown once\): (\S+)/.exec(instance.output)?.[1];
  if (!token) throw new Error(`the server printed no demo admin token: ${instance.output}`);
  return token;
}
