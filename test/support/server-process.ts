import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A TCP port nobody listens on now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A real server the tests run as a child process (redis-server, mariadbd): `start` launches it
 * and waits until `answers()` says it serves; `stop` sends SIGTERM and waits for it to exit.
 */
export function serverProcess(
  what: string,
  command: string,
  args: readonly string[],
  answers: () => Promise<boolean>,
  options: { cwd?: string; attempts?: number } = {},
): { start(): Promise<void>; stop(): Promise<void> } {
  let child: ChildProcess | undefined;
  return {
    async start() {
      child = spawn(command, args, { cwd: options.cwd, stdio: 'ignore' });
      for (let attempt = 0; attempt < (options.attempts ?? 200); attempt++) {
        if (await answers()) return;
        if (child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`${what} did not start (${command} ${args.join(' ')})`);
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGTERM');
      });
    },
  };
}
