import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The installed command (bin/double-random.js), as a bureau runs it. */
export const CLI_BIN = new URL('../../bin/double-random.js', import.meta.url).pathname;

export interface CliOutcome { readonly code: number; readonly stdout: string; readonly stderr: string }

/**
 * A runner of `double-random …` on the embedded database in `dataDir` (DATABASE_URL cleared, so a
 * PostgreSQL in the environment is never touched), with its exit code and output, failing or not.
 */
export function cliIn(dataDir: string, env: Record<string, string> = {}): (...args: string[]) => Promise<CliOutcome> {
  return async (...args) => {
    try {
      const { stdout, stderr } = await run('node', [CLI_BIN, ...args], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ...env } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
}
