/* The hub beyond one machine, on one machine: `scripts/cluster [--short]` (not part of `npm test`).
 * Starts a MariaDB primary and a binlog replica (private data directories and ports), a
 * redis-server, two hub processes (`reformgraph serve` with DATABASE_URL, DATABASE_REPLICA_URLS,
 * REDIS_URL) and HAProxy (deploy/haproxy.cfg) in front of them; seeds the primary; drives load
 * through HAProxy while it imports a new version on the primary (the CLI), kills one hub with
 * SIGKILL (and starts it again), stops the replica (and starts it again). Reports errors seen by
 * clients, time to recover, the time each hub, asked directly, took to serve the new version,
 * and whether every answer begun after the import carried the new version; writes the report to
 * bench/results/cluster-<time>.{json,md} and exits 1 when a check fails. */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../../src/shared/project-root';
import { startReplicatedMariadb, type ReplicatedMariadb } from '../support/mariadb-instance';
import { startRedis, type RedisInstance } from '../support/redis-server';
import { freePort } from '../support/server-process';

const ROOT = projectRoot();
const CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const HAPROXY = '/usr/sbin/haproxy';
const HAPROXY_CONFIG = join(ROOT, 'deploy', 'haproxy.cfg');
const NEW_COURSE = 'CLUSTER-NEW-1';
/** The answer every probe and most load requests read: it changes with the import. */
const PROBE = '{ learningCourses { code } }';

interface Plan {
  mode: 'short' | 'full';
  seedScale: number;
  /** Clients sending one request after another through HAProxy. */
  clients: number;
  /** Each event waits this long (ms) after the one before has finished: load before the import, */
  beforeImport: number;
  /** from the import (and the invalidation probes) to killing hub1, */
  beforeKill: number;
  /** from the kill to starting hub1 again (as a supervisor would), */
  restartAfter: number;
  /** from hub1 being ready to stopping the replica, */
  beforeReplicaStop: number;
  /** the replica stopped, */
  replicaDown: number;
  /** and the load after the replica is back. */
  tail: number;
  /** Clients of each step of the saturation ramp (uncached requests), and its length. */
  ramp: number[];
  rampStepMs: number;
}

const PLANS: Record<Plan['mode'], Plan> = {
  short: {
    mode: 'short',
    seedScale: 0.02,
    clients: 8,
    beforeImport: 3000,
    beforeKill: 2000,
    restartAfter: 2000,
    beforeReplicaStop: 2000,
    replicaDown: 4000,
    tail: 3000,
    ramp: [4, 16],
    rampStepMs: 3000,
  },
  full: {
    mode: 'full',
    seedScale: 0.1,
    clients: 16,
    beforeImport: 10_000,
    beforeKill: 8000,
    restartAfter: 5000,
    beforeReplicaStop: 8000,
    replicaDown: 15_000,
    tail: 10_000,
    ramp: [4, 8, 16, 32, 64, 128],
    rampStepMs: 10_000,
  },
};

interface Sample {
  client: number;
  /** Start, ms since the load began. */
  at: number;
  ms: number;
  ok: boolean;
  /** HTTP status, 0 when no response came. */
  status: number;
  problem?: string;
  servedBy?: string;
  /** extensions.datasets.learning of the answer. */
  learning?: number;
  cache?: string;
}

interface Check {
  name: string;
  pass: boolean;
  detail: string;
}

/** The process listening with `--port=<port>` on its command line (the private mariadbd). */
function pidWithPort(port: string): number | null {
  try {
    const out = execFileSync('pgrep', ['-f', '--', `--port=${port}`], { encoding: 'utf8' });
    return Number(out.trim().split('\n')[0]) || null;
  } catch {
    return null;
  }
}

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;

/** CPU seconds a process has used (utime + stime of /proc/<pid>/stat); 0 if it is gone. */
function cpuSecondsOf(pid: number | null): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A child process whose output goes to a log file in the run's directory. */
function launch(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  log: string,
): ChildProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = createWriteStream(log, { flags: 'a' });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Runs the CLI to completion (seed, import). */
async function cli(args: string[], env: NodeJS.ProcessEnv, log: string): Promise<void> {
  const code = await exited(launch(process.execPath, [CLI, ...args], env, log));
  if (code !== 0) throw new Error(`reformgraph ${args.join(' ')} exited ${code}; see ${log}`);
}

async function waitFor(
  what: string,
  test: () => Promise<boolean>,
  ms = 60_000,
  /** Why waiting is pointless (a process exited), if it is. */
  hopeless: () => string | null = () => null,
): Promise<void> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const reason = hopeless();
    if (reason) throw new Error(`${what}: ${reason}`);
    if (await test().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what} did not happen within ${ms} ms`);
}

/** One `reformgraph serve` process. */
class Hub {
  private child: ChildProcess | undefined;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: string,
  ) {}

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = launch(
      process.execPath,
      [CLI, 'serve'],
      { ...this.env, PORT: String(this.port) },
      this.log,
    );
    const child = this.child;
    await waitFor(
      `${this.name} ready`,
      async () => (await fetch(`${this.origin}/readyz`)).status === 200,
      60_000,
      () => (child.exitCode !== null ? `it exited; see ${this.log}` : null),
    );
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child) return;
    child.kill(signal);
    await exited(child);
  }

  /** CPU seconds the process used so far, and its event loop's p99 lag (s), from /metrics. */
  async cpu(): Promise<{ seconds: number; lagP99: number }> {
    const text = await (await fetch(`${this.origin}/metrics`)).text();
    const value = (name: string) =>
      Number(new RegExp(`^${name} ([0-9.e+-]+)`, 'm').exec(text)?.[1] ?? NaN);
    return {
      seconds: value('reformgraph_process_cpu_seconds_total'),
      lagP99: value('reformgraph_nodejs_eventloop_lag_p99_seconds'),
    };
  }

  /** Requests of each read route so far (reformgraph_read_routes_total). */
  async readRoutes(): Promise<Record<string, number>> {
    const text = await (await fetch(`${this.origin}/metrics`)).text();
    const routes: Record<string, number> = {};
    for (const m of text.matchAll(/^reformgraph_read_routes_total\{route="(\w+)"\} (\d+)/gm))
      routes[m[1] ?? ''] = Number(m[2]);
    return routes;
  }
}

interface Answer {
  status: number;
  codes: string[];
  learning?: number;
  cache?: string;
  servedBy?: string;
  errors: number;
}

async function ask(url: string, query: string, token?: string): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.headers.get('content-type')?.includes('json'))
    throw new Error(
      `HTTP ${res.status} from ${res.headers.get('server') ?? 'the balancer'}: ${text.slice(0, 60)}`,
    );
  const body = JSON.parse(text) as {
    data?: Record<string, unknown> | null;
    errors?: unknown[];
    extensions?: { datasets?: Record<string, number>; cache?: string };
  };
  const courses = Object.values(body.data ?? {}).find(
    (value): value is { code: string }[] =>
      Array.isArray(value) && value.every((v) => typeof v === 'object' && v && 'code' in v),
  );
  return {
    status: res.status,
    codes: (courses ?? []).map((c) => c.code),
    learning: body.extensions?.datasets?.learning,
    cache: body.extensions?.cache,
    servedBy: res.headers.get('x-served-by') ?? undefined,
    errors: body.errors?.length ?? 0,
  };
}

/** A request of the load: half repeat a few questions (cache hits), half are new (misses). */
function loadQuery(client: number, n: number, uncachedOnly: boolean): string {
  const year = 2017 + (n % 5);
  const unique = uncachedOnly || n % 2 === 1;
  const alias = unique ? `c${client}_${n}` : 'courses';
  return `{ ${alias}: learningCourses { code } workforce(year: ${year}, groupBy: [ENTITY]) { entityCode headcount } }`;
}

/** `clients` clients, each sending its next request when the last one answered, until `stop()`. */
function drive(url: string, clients: number, t0: number, uncachedOnly = false) {
  const samples: Sample[] = [];
  let running = true;
  const loops = Array.from({ length: clients }, async (_, client) => {
    for (let n = 0; running; n++) {
      const start = performance.now();
      const sample: Sample = { client, at: start - t0, ms: 0, ok: false, status: 0 };
      try {
        const answer = await ask(url, loadQuery(client, n, uncachedOnly), `load-client-${client}`);
        Object.assign(sample, {
          status: answer.status,
          ok: answer.status === 200 && answer.errors === 0,
          servedBy: answer.servedBy,
          learning: answer.learning,
          cache: answer.cache,
        });
        if (!sample.ok) sample.problem = `HTTP ${answer.status}, ${answer.errors} errors`;
      } catch (error) {
        sample.problem = error instanceof Error ? error.message : String(error);
      }
      sample.ms = performance.now() - start;
      samples.push(sample);
    }
  });
  return {
    samples,
    async stop(): Promise<Sample[]> {
      running = false;
      await Promise.all(loops);
      return samples;
    },
  };
}

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

function summarise(samples: Sample[], fromMs: number, toMs: number) {
  const within = samples.filter((s) => s.at >= fromMs && s.at < toMs);
  const ms = within.map((s) => s.ms);
  const seconds = Math.max(0.001, (toMs - fromMs) / 1000);
  return {
    requests: within.length,
    errors: within.filter((s) => !s.ok).length,
    perSecond: round(within.length / seconds),
    p50Ms: round(percentile(ms, 50)),
    p95Ms: round(percentile(ms, 95)),
    p99Ms: round(percentile(ms, 99)),
    maxMs: round(Math.max(0, ...ms)),
  };
}

async function main(): Promise<void> {
  const plan = PLANS[process.argv.includes('--short') ? 'short' : 'full'];
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  if (!existsSync(HAPROXY)) throw new Error(`${HAPROXY} is missing: apt-get install haproxy`);
  const dir = await mkdtemp(join(tmpdir(), 'rg-cluster-'));
  const say = (text: string) => process.stdout.write(`[cluster] ${text}\n`);
  let pair: ReplicatedMariadb | undefined;
  let redis: RedisInstance | undefined;
  let haproxy: ChildProcess | undefined;
  const hubs: Hub[] = [];
  let load: ReturnType<typeof drive> | undefined;
  try {
    say(`${plan.mode} run; logs in ${dir}`);
    pair = await startReplicatedMariadb();
    redis = await startRedis();
    const clientTokens = Array.from(
      { length: Math.max(plan.clients, ...plan.ramp) },
      (_, i) => `load-client-${i}=analyst`,
    ).join(',');
    // eslint-disable-next-line no-restricted-syntax -- the child processes inherit PATH and the like
    const base: NodeJS.ProcessEnv = { ...process.env };
    const env: NodeJS.ProcessEnv = {
      ...base,
      NODE_ENV: 'development',
      DATABASE_URL: pair.primary.url,
      DATABASE_REPLICA_URLS: pair.replica.url,
      REDIS_URL: redis.url,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SEED_DIR: join(dir, 'seed'),
      API_TOKENS: clientTokens,
    };
    say(`seeding the primary (scale ${plan.seedScale})`);
    await cli(
      ['seed', '--scale', String(plan.seedScale), '--datasets', 'dimensions,staffing,learning'],
      env,
      join(dir, 'seed.log'),
    );
    await pair.caughtUp(120_000);
    for (const name of ['hub1', 'hub2'])
      hubs.push(new Hub(name, await freePort(), env, join(dir, `${name}.log`)));
    await Promise.all(hubs.map((hub) => hub.start()));
    const [hub1, hub2] = hubs as [Hub, Hub];
    const balancerPort = await freePort();
    haproxy = launch(
      HAPROXY,
      ['-db', '-f', HAPROXY_CONFIG],
      {
        ...base,
        RG_LISTEN: `127.0.0.1:${balancerPort}`,
        RG_HUB1: `127.0.0.1:${hub1.port}`,
        RG_HUB2: `127.0.0.1:${hub2.port}`,
      },
      join(dir, 'haproxy.log'),
    );
    const url = `http://127.0.0.1:${balancerPort}/graphql`;
    // Both hubs answer through the balancer before the load starts.
    await waitFor('HAProxy serving both hubs', async () => {
      const served = new Set<string | undefined>();
      for (let i = 0; i < 6; i++) served.add((await ask(url, PROBE)).servedBy);
      return served.has('hub1') && served.has('hub2');
    });
    say(`HAProxy on ${balancerPort}, hubs on ${hub1.port} and ${hub2.port}`);

    // Each hub caches the probe's answer before the import, so invalidation is what is measured.
    const oldVersion = (await ask(`${hub1.origin}/graphql`, PROBE)).learning ?? 0;
    for (const hub of hubs) await ask(`${hub.origin}/graphql`, PROBE);
    const cachedBefore = await Promise.all(
      hubs.map(async (hub) => (await ask(`${hub.origin}/graphql`, PROBE)).cache),
    );

    const t0 = performance.now();
    const now = () => performance.now() - t0;
    load = drive(url, plan.clients, t0);
    const events: Record<string, number> = {};

    // 1. A new version on the primary while loading, through the CLI (announced on Redis).
    await sleep(plan.beforeImport);
    // The seeded courses and one more; --replace, since the seeded ones are synthetic.
    const file = join(dir, 'courses.csv');
    const seeded = await readFile(
      join(dir, 'seed', `scale-${plan.seedScale}-seed-1`, 'learning-courses.csv'),
      'utf8',
    );
    await writeFile(
      file,
      `${seeded.trimEnd()}\n${NEW_COURSE},FUNCTIONAL,Cluster run,,,ONLINE,2,false\n`,
    );
    events.importStarted = now();
    await cli(['import', 'learning-courses', file, '--replace'], env, join(dir, 'import.log'));
    events.importDone = now();
    say(`imported a new learning version (${round(events.importDone - events.importStarted)} ms)`);
    const invalidation = await Promise.all(
      hubs.map(async (hub) => {
        for (;;) {
          const answer = await ask(`${hub.origin}/graphql`, PROBE);
          if (answer.codes.includes(NEW_COURSE))
            return { hub: hub.name, ms: round(now() - events.importDone), answer };
          if (now() - events.importDone > 10_000)
            return { hub: hub.name, ms: Number.POSITIVE_INFINITY, answer };
          await sleep(20);
        }
      }),
    );
    const newVersion = invalidation[0]?.answer.learning ?? 0;
    for (const i of invalidation) say(`${i.hub} serves the new version ${i.ms} ms after import`);

    // 2. One hub killed mid-load (SIGKILL), started again after `restartAfter`.
    await sleep(plan.beforeKill);
    events.hubKilled = now();
    await hub1.kill('SIGKILL');
    say('hub1 killed (SIGKILL)');
    await sleep(plan.restartAfter);
    events.hubRestarting = now();
    await hub1.start();
    events.hubReady = now();
    say(`hub1 started again (ready after ${round(events.hubReady - events.hubRestarting)} ms)`);

    // 3. The replica stopped mid-load, then started again.
    await sleep(plan.beforeReplicaStop);
    const routesBeforeStop = await Promise.all(hubs.map((hub) => hub.readRoutes()));
    events.replicaStopped = now();
    await pair.replica.stop();
    say('replica stopped');
    await sleep(plan.replicaDown);
    const routesDuringStop = await Promise.all(hubs.map((hub) => hub.readRoutes()));
    events.replicaStarting = now();
    await pair.replica.start();
    events.replicaStarted = now();
    say('replica started again');
    // Time until both hubs read the replica again.
    const replicaBack = await Promise.all(
      hubs.map(async (hub) => {
        const before = (await hub.readRoutes()).replica ?? 0;
        for (;;) {
          if (((await hub.readRoutes()).replica ?? 0) > before)
            return round(now() - events.replicaStarted);
          if (now() - events.replicaStarted > 30_000) return Number.POSITIVE_INFINITY;
          await sleep(50);
        }
      }),
    );

    await sleep(plan.tail);
    const samples = await load.stop();
    load = undefined;
    const end = now();
    say(`load done: ${samples.length} requests`);

    // 4. Saturation: uncached requests (every one reads the database) at growing client counts.
    const ramp = [];
    const databasePids = [pair.primary, pair.replica].map((db) =>
      pidWithPort(new URL(db.url).port),
    );
    for (const clients of plan.ramp) {
      const cpuBefore = await Promise.all(hubs.map((hub) => hub.cpu()));
      const dbBefore = databasePids.map(cpuSecondsOf);
      const selfBefore = process.cpuUsage();
      const r0 = performance.now();
      const step = drive(url, clients, r0, true);
      await sleep(plan.rampStepMs);
      const stepSamples = await step.stop();
      const seconds = (performance.now() - r0) / 1000;
      const cpuAfter = await Promise.all(hubs.map((hub) => hub.cpu()));
      const [primaryCpu, replicaCpu] = databasePids.map((pid, i) =>
        Math.round((100 * (cpuSecondsOf(pid) - (dbBefore[i] ?? 0))) / seconds),
      );
      const self = process.cpuUsage(selfBefore);
      const figures = summarise(stepSamples, 0, plan.rampStepMs);
      // CPU of each hub process and of this load generator, in % of one core.
      const hubCpu = cpuAfter.map((after, i) =>
        Math.round((100 * (after.seconds - (cpuBefore[i]?.seconds ?? 0))) / seconds),
      );
      const loaderCpu = Math.round((self.user + self.system) / 1e4 / seconds);
      const lagMs = Math.round(1000 * Math.max(...cpuAfter.map((c) => c.lagP99)));
      ramp.push({
        clients,
        ...figures,
        hubCpu: hubCpu.join('/'),
        primaryCpu: primaryCpu ?? 0,
        replicaCpu: replicaCpu ?? 0,
        loaderCpu,
        lagMs,
      });
      say(
        `ramp ${clients} clients: ${figures.perSecond}/s, p95 ${figures.p95Ms} ms, ` +
          `${figures.errors} errors, CPU % hubs ${hubCpu.join('/')}, primary ${primaryCpu}, ` +
          `replica ${replicaCpu}, load generator ${loaderCpu}`,
      );
    }
    const replicaRoutes = await Promise.all(hubs.map((hub) => hub.readRoutes()));

    // The figures.
    const failures = samples.filter((s) => !s.ok);
    const afterImport = samples.filter((s) => s.at >= (events.importDone ?? 0));
    const staleAfterImport = afterImport.filter((s) => s.ok && (s.learning ?? 0) < newVersion);
    /** Older after newer, for answers begun after the import command returned, and during it. */
    const regressions: string[] = [];
    const regressionsDuringImport: string[] = [];
    const lastSeen = new Map<number, number>();
    for (const s of [...samples].sort((a, b) => a.at + a.ms - (b.at + b.ms))) {
      if (!s.ok || s.learning === undefined) continue;
      const seen = lastSeen.get(s.client) ?? 0;
      if (s.learning < seen)
        (s.at >= (events.importDone ?? 0) ? regressions : regressionsDuringImport).push(
          `client ${s.client} saw ${s.learning} after ${seen} at ${round(s.at)} ms`,
        );
      lastSeen.set(s.client, Math.max(seen, s.learning));
    }
    const firstFromRestarted = samples.find(
      (s) => s.at >= (events.hubReady ?? 0) && s.servedBy === 'hub1' && s.ok,
    );
    const killWindow = summarise(samples, events.hubKilled ?? 0, events.hubReady ?? 0);
    const stopWindow = summarise(samples, events.replicaStopped ?? 0, events.replicaStarted ?? 0);
    const steady = summarise(samples, 0, events.importStarted ?? 0);
    const primaryDuringStop = routesDuringStop.map(
      (during, i) =>
        (during.primary_unavailable ?? 0) +
        (during.primary_fallback ?? 0) -
        ((routesBeforeStop[i]?.primary_unavailable ?? 0) +
          (routesBeforeStop[i]?.primary_fallback ?? 0)),
    );

    const checks: Check[] = [
      {
        name: 'no client errors during the whole load (import, hub killed, replica stopped)',
        pass: failures.length === 0,
        detail:
          `${failures.length} of ${samples.length}` +
          (failures.length
            ? `: ${[...new Set(failures.map((f) => f.problem))].slice(0, 5).join('; ')}`
            : ''),
      },
      {
        name: 'each hub, asked directly, serves the new version within 2 s of the import',
        pass: invalidation.every((i) => i.ms <= 2000),
        detail: invalidation.map((i) => `${i.hub} ${i.ms} ms`).join(', '),
      },
      {
        name: 'each hub had the old answer cached before the import (so the cache was invalidated)',
        pass: cachedBefore.every((c) => c === 'HIT'),
        detail: cachedBefore.join(', '),
      },
      {
        name: 'every answer begun after the import carries the new version',
        pass: staleAfterImport.length === 0 && newVersion > oldVersion,
        detail: `${afterImport.length} answers, ${staleAfterImport.length} with version < ${newVersion} (was ${oldVersion})`,
      },
      {
        name: 'no client saw an older version after a newer one, once the import had returned',
        pass: regressions.length === 0,
        detail:
          `${regressions.length} after the import returned` +
          (regressions.length ? ` (${regressions.slice(0, 3).join('; ')})` : '') +
          `; ${regressionsDuringImport.length} while it ran` +
          (regressionsDuringImport.length
            ? ` (${regressionsDuringImport.slice(0, 3).join('; ')}): an answer cached before the ` +
              'commit, served in the moment before the announcement reached that hub'
            : ''),
      },
      {
        name: 'reads went to the primary while the replica was stopped, and back to the replica after',
        pass:
          primaryDuringStop.every((n) => n > 0) && replicaBack.every((ms) => Number.isFinite(ms)),
        detail:
          `to the primary while stopped: ${primaryDuringStop.join(', ')} requests; replica ` +
          `read again after ${replicaBack.map((ms) => `${ms} ms`).join(', ')}`,
      },
      {
        name: 'the restarted hub serves through HAProxy again',
        pass: firstFromRestarted !== undefined,
        detail: firstFromRestarted
          ? `${round(firstFromRestarted.at - (events.hubKilled ?? 0))} ms after the kill`
          : 'never',
      },
    ];

    const report = {
      when: new Date().toISOString(),
      mode: plan.mode,
      plan,
      topology: {
        mariadb: 'primary + 1 binlog replica (private mariadbd, separate datadirs and ports)',
        redis: 'redis-server (response cache, invalidation channel, per-caller counts)',
        hubs: 2,
        balancer: `HAProxy (${HAPROXY_CONFIG.replace(`${ROOT}/`, '')})`,
        cores: cpus().length,
      },
      events: Object.fromEntries(Object.entries(events).map(([k, v]) => [k, round(v)])),
      load: {
        clients: plan.clients,
        durationMs: round(end),
        ...summarise(samples, 0, end),
        steadyBeforeImport: steady,
        whileHubDown: killWindow,
        whileReplicaStopped: stopWindow,
        servedBy: Object.fromEntries(
          ['hub1', 'hub2'].map((h) => [h, samples.filter((s) => s.servedBy === h).length]),
        ),
        cacheHits: samples.filter((s) => s.cache === 'HIT').length,
      },
      versions: { before: oldVersion, after: newVersion },
      invalidationMs: Object.fromEntries(invalidation.map((i) => [i.hub, i.ms])),
      recovery: {
        hubRestartToReadyMs: round((events.hubReady ?? 0) - (events.hubRestarting ?? 0)),
        killToRestartedHubServingMs: firstFromRestarted
          ? round(firstFromRestarted.at - (events.hubKilled ?? 0))
          : null,
        replicaStartToReplicaReadsMs: Object.fromEntries(
          hubs.map((hub, i) => [hub.name, replicaBack[i]]),
        ),
      },
      readRoutes: Object.fromEntries(hubs.map((hub, i) => [hub.name, replicaRoutes[i]])),
      ramp,
      checks,
      pass: checks.every((c) => c.pass),
    };
    const stamp = report.when.replace(/[:.]/g, '-');
    const out = join(ROOT, 'bench', 'results');
    await mkdir(out, { recursive: true });
    const path = join(out, `cluster-${plan.mode}-${stamp}`);
    await writeFile(`${path}.json`, `${JSON.stringify(report, null, 2)}\n`);
    const markdown = toMarkdown(report);
    await writeFile(`${path}.md`, markdown);
    process.stdout.write(`\n${markdown}\nwritten to ${path}.{json,md}\n`);
    process.exitCode = report.pass ? 0 : 1;
  } finally {
    await load?.stop();
    if (haproxy) {
      haproxy.kill('SIGTERM');
      await exited(haproxy);
    }
    await Promise.all(hubs.map((hub) => hub.kill('SIGTERM')));
    await redis?.dispose();
    await pair?.dispose();
    if (process.exitCode === 0) await rm(dir, { recursive: true, force: true });
    else say(`logs kept in ${dir}`);
  }
}

type Report = {
  when: string;
  mode: string;
  load: ReturnType<typeof summarise> & {
    clients: number;
    durationMs: number;
    steadyBeforeImport: ReturnType<typeof summarise>;
    whileHubDown: ReturnType<typeof summarise>;
    whileReplicaStopped: ReturnType<typeof summarise>;
    servedBy: Record<string, number>;
    cacheHits: number;
  };
  invalidationMs: Record<string, number>;
  recovery: {
    hubRestartToReadyMs: number;
    killToRestartedHubServingMs: number | null;
    replicaStartToReplicaReadsMs: Record<string, number | undefined>;
  };
  ramp: ({
    clients: number;
    hubCpu: string;
    primaryCpu: number;
    replicaCpu: number;
    loaderCpu: number;
    lagMs: number;
  } & ReturnType<typeof summarise>)[];
  checks: Check[];
  pass: boolean;
};

function toMarkdown(r: Report): string {
  const row = (name: string, s: ReturnType<typeof summarise>) =>
    `| ${name} | ${s.requests} | ${s.errors} | ${s.perSecond} | ${s.p50Ms} | ${s.p95Ms} | ${s.p99Ms} | ${s.maxMs} |`;
  return [
    `# Cluster run (${r.mode}), ${r.when}`,
    '',
    `${r.pass ? 'PASS' : 'FAIL'}: MariaDB primary + replica, Redis, 2 hubs behind HAProxy, ${r.load.clients} clients, ${Math.round(r.load.durationMs / 1000)} s.`,
    '',
    '| check | result | detail |',
    '| --- | --- | --- |',
    ...r.checks.map((c) => `| ${c.name} | ${c.pass ? 'pass' : 'FAIL'} | ${c.detail} |`),
    '',
    '| window | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    row('whole load', r.load),
    row('before the import', r.load.steadyBeforeImport),
    row('hub1 killed until ready again', r.load.whileHubDown),
    row('replica stopped', r.load.whileReplicaStopped),
    '',
    `Answers per hub: ${Object.entries(r.load.servedBy)
      .map(([h, n]) => `${h} ${n}`)
      .join(', ')}; cache hits ${r.load.cacheHits}.`,
    `Invalidation (each hub asked directly): ${Object.entries(r.invalidationMs)
      .map(([h, ms]) => `${h} ${ms} ms`)
      .join(', ')} after the import command returned.`,
    `Recovery: restarted hub ready in ${r.recovery.hubRestartToReadyMs} ms, serving through HAProxy ${r.recovery.killToRestartedHubServingMs} ms after the kill; replica read again ${Object.entries(
      r.recovery.replicaStartToReplicaReadsMs,
    )
      .map(([h, ms]) => `${h} ${ms} ms`)
      .join(', ')} after it started.`,
    '',
    'Saturation (uncached requests: two aggregates-and-list reads each, through HAProxy):',
    '',
    'CPU in % of one core, over the step; hubs: each hub process.',
    '',
    '| clients | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms | CPU hubs | CPU primary | CPU replica | CPU load generator | event-loop lag p99 ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...r.ramp.map(
      (s) =>
        `${row(String(s.clients), s)} ${s.hubCpu} | ${s.primaryCpu} | ${s.replicaCpu} | ${s.loaderCpu} | ${s.lagMs} |`,
    ),
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[cluster] failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
});
