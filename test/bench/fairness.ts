/* Fairness under load: `npm run fairness [-- --scale 0.5]` (not part of `npm test`). Seeds a
 * database with the CLI, starts the hub as in production (`reformgraph serve`, its own process)
 * and measures a cheap request's latency idle, then while 5 callers keep maximum-cost requests
 * running. With DATABASE_URL=mysql://... it measures MySQL/MariaDB (an empty database) instead of
 * SQLite. A measurement, not a test: the ratio under load / idle is what it reports. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../../src/shared/project-root';
import { freePort } from '../support/server-process';
import { CHEAP_QUERY, HEAVY_QUERY } from '../support/workloads';

const CLI = join(projectRoot(), 'dist', 'src', 'cli', 'main.js');
const CALLERS = ['a', 'b', 'c', 'd', 'e'];
const TOKENS = CALLERS.map((c) => `fairness-caller-${c}=analyst`).join(',');
const SAMPLES = 40;

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: 'inherit' });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args[0]} exited ${code}`)),
    );
  });
}

async function post(url: string, query: string, token?: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query }),
  });
  await res.text();
  if (res.status !== 200) throw new Error(`status ${res.status}`);
  return performance.now() - started;
}

const quantile = (samples: number[], q: number) =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(samples.length * q))];

async function main(): Promise<void> {
  const scaleArg = process.argv.indexOf('--scale');
  const scale = scaleArg > 0 ? process.argv[scaleArg + 1] : '0.5';
  const dir = await mkdtemp(join(tmpdir(), 'rg-fairness-'));
  const port = await freePort();
  // eslint-disable-next-line no-restricted-syntax -- the script passes its environment to the hub it starts
  const base = process.env;
  const env: NodeJS.ProcessEnv = {
    ...base,
    SQLITE_PATH: join(dir, 'fairness.sqlite'),
    SEED_DIR: join(dir, 'seed'),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    API_TOKENS: TOKENS,
    RESPONSE_CACHE: 'off',
  };
  const database = base.DATABASE_URL ? 'MySQL/MariaDB' : 'SQLite';
  process.stdout.write(`seeding scale ${scale} into ${database}...\n`);
  await run(['seed', '--scale', scale, '--datasets', 'dimensions,staffing', '--replace'], env);
  let server: ChildProcess | undefined;
  try {
    server = spawn(process.execPath, [CLI, 'serve'], { env, stdio: 'ignore' });
    const origin = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300; i++) {
      const ready = await fetch(`${origin}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const url = `${origin}/graphql`;
    for (let i = 0; i < 5; i++) await post(url, CHEAP_QUERY); // warm up
    await post(url, HEAVY_QUERY, 'fairness-caller-a');
    const idle: number[] = [];
    for (let i = 0; i < SAMPLES; i++) idle.push(await post(url, CHEAP_QUERY));

    let loading = true;
    const heavyTimes: number[] = [];
    const load = CALLERS.map(async (caller) => {
      while (loading) heavyTimes.push(await post(url, HEAVY_QUERY, `fairness-caller-${caller}`));
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const loaded: number[] = [];
    for (let i = 0; i < SAMPLES; i++) loaded.push(await post(url, CHEAP_QUERY));
    loading = false;
    await Promise.all(load);

    const row = (name: string, samples: number[]) =>
      `| ${name} | ${quantile(samples, 0.5).toFixed(1)} | ${quantile(samples, 0.95).toFixed(1)} |\n`;
    process.stdout.write(
      `\n${database}, scale ${scale}: cheap request \`${CHEAP_QUERY}\`, ${SAMPLES} samples each; ` +
        `5 callers each keeping one maximum-cost request (${HEAVY_QUERY.length} characters, 4 aggregates by entity, grade and nationality) running\n\n` +
        '| | p50 ms | p95 ms |\n|---|---|---|\n' +
        row('cheap, idle', idle) +
        row('cheap, under load', loaded) +
        row('heavy, under load', heavyTimes) +
        `\nratio under load / idle (p50): ${(quantile(loaded, 0.5) / quantile(idle, 0.5)).toFixed(1)}x\n`,
    );
  } finally {
    server?.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
