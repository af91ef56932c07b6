import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * Runs the real CLI (`src/cli/main.ts`, transpiled as the built CLI would run it) in a child
 * process and resolves with what it printed; rejects when it exits non-zero. A process of its
 * own is what a user runs, and reaches a server only through the database and Redis; it also
 * runs a seed at scale 1 in half the time the same code takes inside a Jest worker.
 */
export function cliInChildProcess(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'test/support/run-ts.js'), 'src/cli/main.ts', ...args],
      {
        cwd: ROOT,
        // eslint-disable-next-line no-restricted-syntax -- the child inherits PATH and the like
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`cli exited ${code}: ${output}`)),
    );
  });
}
