import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './server-process';

const ROOT = join(__dirname, '..', '..');

export interface HubProcess {
  /** `http://127.0.0.1:<port>`; GraphQL at `/graphql`. */
  origin: string;
  /** Everything it printed so far (stdout and stderr: the log lines are JSON). */
  output(): string;
  /** SIGTERM (the drain), then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * `reformgraph serve` in a process of its own, as an operator runs it (the CLI transpiled as
 * the built one runs), with `env` over this process's: started when `/readyz` answers 200. The
 * port is chosen free before the process starts, and another process (a test running beside)
 * may take it in the seconds the CLI takes to listen: then it starts again on another.
 */
export async function startHubProcess(env: Record<string, string>): Promise<HubProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(env);
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}

async function startOnce(env: Record<string, string>): Promise<HubProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [join(ROOT, 'test/support/run-ts.js'), 'src/cli/main.ts', 'serve'],
    {
      cwd: ROOT,
      // eslint-disable-next-line no-restricted-syntax -- the child inherits PATH and the like
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let attempt = 0; ; attempt++) {
    const ready = await fetch(`${origin}/readyz`)
      .then((res) => res.ok)
      .catch(() => false);
    if (ready) break;
    if (child.exitCode !== null || attempt > 600)
      throw new Error(`reformgraph serve did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    origin,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
