/* eslint-disable no-restricted-syntax -- the test harness reads its own switches, not app config */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import { freePort, serverProcess } from './server-process';

/** CI sets REQUIRE_REDIS=1: a missing redis-server then fails the run instead of skipping. */
const REQUIRE_REDIS = process.env.REQUIRE_REDIS === '1';
const BINARY = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));

/** Whether the Redis suites run here; says why not when they are skipped. */
export function redisAvailable(): boolean {
  if (BINARY) return true;
  if (REQUIRE_REDIS)
    throw new Error(
      'REQUIRE_REDIS=1 but redis-server is not installed (apt-get install redis-server)',
    );
  console.warn('redis-server is not installed: the Redis cases are skipped (CI requires them)');
  return false;
}

/** A real redis-server of its own, on a free port, no persistence. */
export interface RedisInstance {
  url: string;
  stop(): Promise<void>;
  /** Starts it again on the same port (after `stop`), empty. */
  restart(): Promise<void>;
  /** Stops it and removes its directory. */
  dispose(): Promise<void>;
}

export async function startRedis(): Promise<RedisInstance> {
  if (!BINARY) throw new Error('redis-server is not installed');
  const binary = BINARY;
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'rg-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  const server = serverProcess(
    `redis-server on port ${port}`,
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    async () => {
      const client = createClient({ url, socket: { reconnectStrategy: false } });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.ping();
        await client.close();
        return true;
      } catch {
        return false;
      }
    },
    { cwd: dir },
  );
  await server.start();
  return {
    url,
    stop: server.stop,
    restart: server.start,
    async dispose() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
