/* eslint-disable no-restricted-syntax -- the benchmark reads its own switches, not app config */
/**
 * `npm run bench` (issue #15; never part of `npm test`). Seeds a scale (default 1) into MariaDB
 * and SQLite (kept between runs, per scale), starts the hub as in production, and the baselines
 * B1 (node http + mysql2, minimal SQL) and B2 (graphql-js over the same SQL) on the same MariaDB
 * data; checks that every answer deep-equals B1's; then drives each query of ./queries.ts with
 * autocannon at several concurrencies, one server at a time. Per query and server: requests/s,
 * p50 and p99 latency, SQL statements and server CPU per request, the server's peak RSS; ratios
 * to B1 and B2 in the same run. The hub on MariaDB also runs with OpenTelemetry tracing on (10%
 * sampled, exporting to an OTLP endpoint here that drops what it gets): tracing's cost is its
 * throughput against the untraced hub's. Writes bench/results/<date>-s<scale>.{json,md} and the
 * results table of docs/performance.md.
 *
 *   npm run bench -- [--scale 1] [--duration 5] [--connections 1,8,32] [--growth 4]
 *                    [--queries Q1,Q5] [--reseed] [--mysql mysql://root@127.0.0.1:3306]
 *                    [--targets 'hub (MariaDB),B1'] [--profile DIR] [--interleave 5]
 * A run limited by --queries or --targets writes under data/bench/partial only.
 * --interleave N runs the selected servers side by side, taking turns (median of N runs each);
 * naming 'hub (MariaDB again)' in --targets adds the untraced hub twice, an A/A control.
 * BENCH_NODE_OPTIONS replaces the hubs' NODE_OPTIONS (the Dockerfile's heap limit), to probe V8
 * settings (`--max-semi-space-size=64`: see "Running in production" in docs/operations.md).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createConnection } from 'mysql2/promise';
import { projectRoot } from '../../../src/shared/project-root';
import { QUERIES, QUERY_SET_VERSION, SAVED_QUERY_NAME, type BenchQuery } from './queries';

// ---------------------------------------------------------------------------------------------
// Options

const argv = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const SCALE = Number(option('scale', '1'));
const DURATION = Number(option('duration', '5'));
const CONNECTIONS = option('connections', '1,8,32').split(',').map(Number);
const GROWTH = Number(option('growth', '0'));
const ONLY = option('queries', '')
  .split(',')
  .filter((q) => q !== '');
const RESEED = argv.includes('--reseed');
/** Write a V8 CPU profile of every hub process under this directory (`--cpu-prof`). */
const PROFILE = option('profile', '');
/**
 * Run only these targets (labels, comma separated: `hub (MariaDB),B1`; a comma inside a label's
 * parentheses is the label's); B1 always answers first.
 */
const TARGETS = option('targets', '')
  .split(/,(?![^(]*\))/)
  .map((t) => t.trim())
  .filter(Boolean);
/**
 * Drive the selected servers in turns, this many runs each per query and concurrency, and keep
 * each one's median run (0: one server after the other, one run each).
 */
const INTERLEAVE = Number(option('interleave', '0'));
/** Re-renders the table from a results JSON (no measuring). */
const REPORT = option('report', '');
const MYSQL = option('mysql', process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');

const root = projectRoot();
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const baselineScript = join(root, 'dist', 'test', 'bench', 'perf', 'baseline.js');
const dataDir = join(root, 'data', 'bench');
/**
 * A run of some queries or some targets is a probe (profiling, a fix under way): its results go
 * under data/bench/partial, and the committed results and docs/performance.md stay as they are.
 */
const PARTIAL = ONLY.length > 0 || TARGETS.length > 0;
const resultsDir = PARTIAL
  ? join(root, 'data', 'bench', 'partial')
  : join(root, 'bench', 'results');
const queries = QUERIES.filter((q) => ONLY.length === 0 || ONLY.includes(q.id));

/** The hub on MariaDB with OpenTelemetry tracing on, 10% of requests sampled. */
const TRACED = 'hub (MariaDB traced 10%)';
/** The untraced hub on MariaDB a second time, the control of an A/A comparison. */
const CONTROL = 'hub (MariaDB again)';
/** The hub on MariaDB executing with graphql-js instead of the compiled executor (#26). */
const INTERPRETED = 'hub (MariaDB, graphql-js)';
/** The cached hub asked by GraphQL GET, answered before GraphQL runs (#26). */
const CACHED_GET = 'hub (MariaDB, cache, GET)';
/** B1 sending each answer as a constant body: what node's http serves with no work (#26). */
const B1_CONSTANT = 'B1 (constant body)';

const log = (text: string) => process.stdout.write(`${text}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Data: one MariaDB database and one SQLite file per scale, seeded once

const mysqlUrl = (scale: number) => `${MYSQL}/rg_bench_s${String(scale).replace('.', '_')}`;
const sqlitePath = (scale: number) => join(dataDir, `s${scale}.sqlite`);

function runCli(args: string[], env: Record<string, string>): void {
  execFileSync(process.execPath, [cli, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function seed(scale: number, datasets?: string): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  const marker = join(dataDir, `seeded-s${scale}${datasets ? `-${datasets}` : ''}.json`);
  const version = readFileSync(join(root, 'package-lock.json'), 'utf8').length; // cheap change signal
  const previous = existsSync(marker)
    ? (JSON.parse(readFileSync(marker, 'utf8')) as { version: number })
    : null;
  if (!RESEED && previous?.version === version) return;
  const admin = await createConnection(MYSQL);
  const name = `rg_bench_s${String(scale).replace('.', '_')}`;
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const only = datasets ? ['--datasets', datasets] : [];
  const targets: Record<string, string>[] = [
    { DATABASE_URL: mysqlUrl(scale) },
    { SQLITE_PATH: sqlitePath(scale) },
  ];
  for (const env of targets) {
    const started = Date.now();
    if ('SQLITE_PATH' in env)
      execFileSync('rm', [
        '-f',
        sqlitePath(scale),
        `${sqlitePath(scale)}-wal`,
        `${sqlitePath(scale)}-shm`,
      ]);
    runCli(['migrate'], env);
    runCli(['seed', '--scale', String(scale), '--replace', ...only], env);
    log(
      `seeded scale ${scale} into ${Object.keys(env)[0]} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  writeFileSync(marker, JSON.stringify({ version, scale, at: new Date().toISOString() }));
}

// ---------------------------------------------------------------------------------------------
// Processes

interface Server {
  name: string;
  child: ChildProcess;
  base: string;
  stop(): Promise<void>;
}

let nextPort = 4700;

async function start(
  name: string,
  args: string[],
  env: Record<string, string>,
  ready: string,
): Promise<Server> {
  const port = nextPort++;
  const child = spawn(process.execPath, [...args.map((a) => a.replace('{port}', String(port)))], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}${ready}`)).ok) break;
    } catch {
      /* not yet listening */
    }
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    await sleep(100);
  }
  return {
    name,
    child,
    base,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** User and system CPU of a process so far, in ms (from /proc; clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Waits until a server is idle: requests still queued when autocannon stopped go on running, and
 * their CPU would be counted in the next run (at most 60 s).
 */
async function settle(pid: number): Promise<void> {
  let last = cpuMs(pid);
  for (let i = 0; i < 300; i++) {
    await sleep(200);
    const now = cpuMs(pid);
    if (now - last <= 10) return;
    last = now;
  }
}

/** Peak resident set size of a process so far, MB. */
function peakRssMb(pid: number): number {
  const line = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return line ? Math.round(Number(line[1]) / 1024) : 0;
}

// ---------------------------------------------------------------------------------------------
// Requests per target

interface HttpRequest {
  path: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

interface Target {
  label: string;
  server: Server;
  request(query: BenchQuery): HttpRequest;
  statements(): Promise<{ sum: number; count: number }>;
}

function hubTarget(label: string, server: Server, token: string, get = false): Target {
  return {
    label,
    server,
    request(query): HttpRequest {
      const headers = { authorization: `Bearer ${token}` };
      if (query.csv) return { path: `/api/${SAVED_QUERY_NAME}?format=csv`, method: 'GET', headers };
      // A GraphQL GET, as a BI tool or a CDN-fronted page sends it (Apollo's CSRF header set).
      if (get)
        return {
          path: `/graphql?query=${encodeURIComponent(query.document)}`,
          method: 'GET',
          headers: { ...headers, 'apollo-require-preflight': 'true' },
        };
      return {
        path: '/graphql',
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ query: query.document }),
      };
    },
    async statements() {
      const text = await (await fetch(`${server.base}/metrics`)).text();
      const read = (suffix: string) =>
        Number(
          new RegExp(`^reformgraph_sql_statements_per_request_${suffix} (\\S+)$`, 'm').exec(
            text,
          )?.[1] ?? 0,
        );
      return { sum: read('sum'), count: read('count') };
    },
  };
}

function baselineTarget(label: 'B1' | 'B2' | typeof B1_CONSTANT, server: Server): Target {
  let requests = 0;
  return {
    label,
    server,
    request(query): HttpRequest {
      requests++;
      if (label === 'B1') return { path: `/q/${query.id}`, method: 'GET', headers: {} };
      if (label === B1_CONSTANT) return { path: `/c/${query.id}`, method: 'GET', headers: {} };
      return {
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: query.document }),
      };
    },
    async statements() {
      const stats = (await (await fetch(`${server.base}/stats`)).json()) as { statements: number };
      return { sum: stats.statements, count: requests };
    },
  };
}

async function once(target: Target, query: BenchQuery): Promise<{ status: number; body: string }> {
  const r = target.request(query);
  const res = await fetch(`${target.server.base}${r.path}`, {
    method: r.method,
    headers: r.headers,
    body: r.body,
  });
  return { status: res.status, body: await res.text() };
}

/** Arrays of cells in a canonical order (GROUP BY gives none); Q6's rows keep theirs. */
function canonical(value: unknown, keepOrder: boolean): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v, keepOrder));
    return keepOrder
      ? items
      : items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  }
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v, keepOrder)]));
  return value;
}

function comparable(query: BenchQuery, body: string): unknown {
  if (query.csv) {
    const [header, ...lines] = body.trim().split(/\r?\n/);
    return [header, ...lines.sort()];
  }
  const parsed = JSON.parse(body) as { data?: unknown; errors?: unknown };
  if (parsed.errors) return { errors: parsed.errors };
  return canonical(parsed.data, query.id === 'Q6');
}

interface Measurement {
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  statementsPerRequest: number;
  cpuMsPerRequest: number;
  peakRssMb: number;
}

/** Requests per second: whole above 10, else one decimal (a slow baseline's 0.4 is not 0). */
const formatRps = (rps: number): string => rps.toFixed(rps >= 10 ? 0 : 1);

/**
 * How long a run lasts: `seconds`, or, for a server too slow to complete many requests in that
 * time (a baseline scanning the survey's answers takes over a second a request), two requests
 * per connection (at least 4), each allowed to finish.
 */
type RunLength = { slow: false; seconds: number } | { slow: true };

async function drive(
  target: Target,
  query: BenchQuery,
  connections: number,
  length: RunLength,
): Promise<Measurement> {
  const r = target.request(query);
  const before = { cpu: cpuMs(target.server.child.pid ?? 0), sql: await target.statements() };
  const result = await autocannon({
    url: `${target.server.base}${r.path}`,
    method: r.method,
    headers: r.headers,
    body: r.body,
    connections,
    ...(length.slow
      ? { amount: Math.max(4, 2 * connections), timeout: 600 }
      : { duration: length.seconds }),
  });
  const after = { cpu: cpuMs(target.server.child.pid ?? 0), sql: await target.statements() };
  await settle(target.server.child.pid ?? 0);
  const requests = Math.max(1, result.requests.total);
  const counted = after.sql.count - before.sql.count;
  return {
    connections,
    // Completed requests over the run's length: the average of per-second samples reads 0 or 1
    // for a server that completes a handful of requests a run (B1 scanning the survey's answers).
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    statementsPerRequest:
      target.label === 'B1' || target.label === 'B2'
        ? // The baselines count a statement when they send it: per request sent, so requests
          // still running when the run ends do not inflate the figure.
          (after.sql.sum - before.sql.sum) / Math.max(1, result.requests.sent)
        : counted > 0
          ? (after.sql.sum - before.sql.sum) / counted
          : 0,
    cpuMsPerRequest: (after.cpu - before.cpu) / requests,
    peakRssMb: peakRssMb(target.server.child.pid ?? 0),
  };
}

// ---------------------------------------------------------------------------------------------
// Main

interface Row {
  query: string;
  target: string;
  equalToB1: boolean | null;
  runs: Measurement[];
}

async function main(): Promise<void> {
  log(`reformgraph bench, query set ${QUERY_SET_VERSION}, scale ${SCALE}`);
  await seed(SCALE);

  // An hr token signed by a key the hub trusts (production: JWKS file, no development tokens).
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwksFile = join(dataDir, 'bench-jwks.json');
  writeFileSync(
    jwksFile,
    JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'bench', alg: 'ES256' }] }),
  );
  const token = await new SignJWT({ role: 'hr' })
    .setProtectedHeader({ alg: 'ES256', kid: 'bench' })
    .setSubject('bench')
    .setIssuer('reformgraph-dev')
    .setAudience('reformgraph')
    .setExpirationTime('6h')
    .sign(privateKey);

  // Where a traced hub exports: an OTLP/HTTP endpoint that takes every batch and keeps nothing
  // (the cost measured is the hub's: spans made, sampled, batched and sent).
  let exported = 0;
  const sink = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (exported += chunk.length));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end());
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', () => resolve()));
  const sinkPort = (sink.address() as AddressInfo).port;
  sink.unref();

  const hubEnv = (
    database: Record<string, string>,
    cache: boolean,
    traced = false,
  ): Record<string, string> => ({
    ...database,
    NODE_ENV: 'production',
    // The Dockerfile's heap limit, unless a probe asks for other V8 settings.
    NODE_OPTIONS:
      process.env.BENCH_NODE_OPTIONS ?? '--max-old-space-size=256 --max-semi-space-size=32',
    LOG_LEVEL: 'warn',
    AUTH_JWKS_FILE: jwksFile,
    MAX_PAGE_SIZE: '1000',
    MAX_CONCURRENT_REQUESTS: '10000',
    // Q6 asks for a 1,000-row page: allowed by MAX_PAGE_SIZE, and costed at about 5,000 + its rows.
    MAX_QUERY_COMPLEXITY: '20000',
    RESPONSE_CACHE: cache ? 'on' : 'off',
    // OpenTelemetry as an operator would turn it on: every request decides, 10% are recorded.
    ...(traced
      ? {
          OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${sinkPort}`,
          OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
          OTEL_TRACES_SAMPLER_ARG: '0.1',
        }
      : {}),
  });
  /** A hub process as in production, on one database, with the response cache on or off. */
  const hubPlan = (
    label: string,
    name: string,
    database: Record<string, string>,
    cache: boolean,
    traced = false,
    get = false,
    env: Record<string, string> = {},
  ) => ({
    label,
    make: async () =>
      hubTarget(
        label,
        await start(
          name,
          [...(PROFILE ? ['--cpu-prof', '--cpu-prof-dir', join(PROFILE, name)] : []), cli, 'serve'],
          { ...hubEnv(database, cache, traced), ...env },
          '/readyz',
        ),
        token,
        get,
      ),
  });
  const plans: { label: string; make(): Promise<Target> }[] = [
    hubPlan('hub (MariaDB)', 'hub-mariadb', { DATABASE_URL: mysqlUrl(SCALE) }, false),
    hubPlan('hub (MariaDB, cache)', 'hub-mariadb-cache', { DATABASE_URL: mysqlUrl(SCALE) }, true),
    hubPlan(
      CACHED_GET,
      'hub-mariadb-cache-get',
      { DATABASE_URL: mysqlUrl(SCALE) },
      true,
      false,
      true,
    ),
    hubPlan('hub (SQLite)', 'hub-sqlite', { SQLITE_PATH: sqlitePath(SCALE) }, false),
    // The untraced hub again, run only when named (--targets): with --interleave, an A/A pair
    // that shows how far two identical servers' figures differ on this machine.
    hubPlan(CONTROL, 'hub-mariadb-control', { DATABASE_URL: mysqlUrl(SCALE) }, false),
    // The hub with graphql-js's executor, run only when named: the compiled executor's gain.
    hubPlan(
      INTERPRETED,
      'hub-mariadb-graphql-js',
      { DATABASE_URL: mysqlUrl(SCALE) },
      false,
      false,
      false,
      { GRAPHQL_EXECUTOR: 'graphql-js' },
    ),
    hubPlan(TRACED, 'hub-mariadb-traced', { DATABASE_URL: mysqlUrl(SCALE) }, false, true),
    {
      label: 'B1',
      make: async () =>
        baselineTarget(
          'B1',
          await start('b1', [baselineScript, 'b1', '{port}', mysqlUrl(SCALE)], {}, '/stats'),
        ),
    },
    {
      label: B1_CONSTANT,
      make: async () =>
        baselineTarget(
          B1_CONSTANT,
          await start(
            'b1-constant',
            [baselineScript, 'b1', '{port}', mysqlUrl(SCALE)],
            {},
            '/stats',
          ),
        ),
    },
    {
      label: 'B2',
      make: async () =>
        baselineTarget(
          'B2',
          await start(
            'b2',
            [
              baselineScript,
              'b2',
              '{port}',
              mysqlUrl(SCALE),
              join(root, 'schema', 'schema.graphql'),
            ],
            {},
            '/stats',
          ),
        ),
    },
  ];

  // The reference answers, from B1.
  const b1 = await (plans.find((plan) => plan.label === 'B1') as (typeof plans)[number]).make();
  const reference = new Map<string, unknown>();
  for (const query of queries)
    reference.set(query.id, comparable(query, (await once(b1, query)).body));
  await b1.server.stop();

  /** Q8's saved query, registered as hr (kept in the database; a second run replaces it). */
  const registerSavedQuery = async (target: Target): Promise<void> => {
    const q5 = queries.find((q) => q.id === 'Q8') ?? QUERIES.find((q) => q.id === 'Q8');
    const res = await fetch(`${target.server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query:
          'mutation ($d: String!) { registerSavedQuery(name: "' +
          SAVED_QUERY_NAME +
          '", description: "Benchmark Q8: headcount by entity and year, 2017-2021.", document: $d, replace: true) { name } }',
        variables: { d: q5?.document },
      }),
    });
    if (!res.ok)
      throw new Error(`registering ${SAVED_QUERY_NAME}: ${res.status} ${await res.text()}`);
  };
  /** The first answer against B1's, then (unless slow) a warm-up; how long its runs last. */
  const prepare = async (target: Target, query: BenchQuery) => {
    const first = await once(target, query);
    // Fewer than about 20 requests one after the other in a run: a fixed number instead.
    // Timed on a second request: the first may read cold pages.
    const started = performance.now();
    await once(target, query);
    const slow = performance.now() - started > (DURATION * 1000) / 20;
    const equal =
      first.status === 200 &&
      isDeepStrictEqual(comparable(query, first.body), reference.get(query.id));
    if (!equal)
      log(
        first.status === 200
          ? `  ${query.id}: answer differs from B1 ${firstDifference(comparable(query, first.body), reference.get(query.id))}`
          : `  ${query.id}: answer differs from B1 (status ${first.status}): ${first.body.slice(0, 300)}`,
      );
    if (!slow) await drive(target, query, 4, { slow: false, seconds: 1 }); // warm-up
    const length: RunLength = slow ? { slow } : { slow, seconds: DURATION };
    return { equal, length };
  };
  const logRuns = (query: string, runs: Measurement[]) =>
    log(
      `  ${query}: ${runs.map((r) => `c${r.connections} ${formatRps(r.rps)} req/s p50 ${r.p50} ms`).join(', ')}; ${runs[0].statementsPerRequest.toFixed(1)} SQL, ${runs[0].cpuMsPerRequest.toFixed(2)} CPU ms/req at c${runs[0].connections}`,
    );
  const selected = plans.filter((plan) =>
    TARGETS.length === 0
      ? plan.label !== CONTROL && plan.label !== INTERPRETED
      : TARGETS.includes(plan.label),
  );

  const rows: Row[] = [];
  if (INTERLEAVE > 0) {
    // Every selected server runs at once (idle but the one driven); each query's runs take
    // turns, ABBA..., and a server's figure is its median run: the machine's drift over minutes
    // falls on every server alike, which comparing figures a few percent apart needs.
    const targets: Target[] = [];
    for (const plan of selected) {
      const target = await plan.make();
      if (target.label.startsWith('hub')) await registerSavedQuery(target);
      targets.push(target);
    }
    for (const query of queries) {
      const driven = targets.filter((t) => !(query.csv && t.label === 'B2'));
      const prepared = new Map<Target, { equal: boolean; length: RunLength }>();
      for (const target of driven) prepared.set(target, await prepare(target, query));
      const runs = new Map<Target, Measurement[]>(driven.map((t) => [t, []]));
      for (const connections of CONNECTIONS) {
        const rounds = new Map<Target, Measurement[]>(driven.map((t) => [t, []]));
        for (let round = 0; round < INTERLEAVE; round++)
          for (const target of round % 2 === 0 ? driven : [...driven].reverse())
            rounds
              .get(target)
              ?.push(
                await drive(
                  target,
                  query,
                  connections,
                  prepared.get(target)?.length ?? { slow: true },
                ),
              );
        for (const target of driven) {
          const sorted = [...(rounds.get(target) ?? [])].sort((a, b) => a.rps - b.rps);
          runs.get(target)?.push(sorted[Math.floor(sorted.length / 2)]);
        }
      }
      for (const target of driven) {
        const measured = runs.get(target) ?? [];
        rows.push({
          query: query.id,
          target: target.label,
          equalToB1: prepared.get(target)?.equal ?? null,
          runs: measured,
        });
        log(`${target.label}`);
        logRuns(query.id, measured);
      }
    }
    for (const target of targets) await target.server.stop();
  } else {
    for (const plan of selected) {
      const target = await plan.make();
      log(`\n${plan.label}`);
      if (target.label.startsWith('hub')) await registerSavedQuery(target);
      for (const query of queries) {
        // B2 is GraphQL only: Q8's CSV URL is the hub's and B1's.
        if (query.csv && target.label === 'B2') continue;
        const { equal, length } = await prepare(target, query);
        const runs: Measurement[] = [];
        for (const connections of CONNECTIONS)
          runs.push(await drive(target, query, connections, length));
        rows.push({ query: query.id, target: plan.label, equalToB1: equal, runs });
        logRuns(query.id, runs);
      }
      await target.server.stop();
    }
  }

  // Growth: Q5 on MariaDB at GROWTH x the rows (staffing only), against scale SCALE.
  let growth: { scale: number; p50: number; baseP50: number; ratio: number } | null = null;
  if (GROWTH > 0) {
    await seed(GROWTH, 'dimensions,representation,staffing');
    const target = await hubPlan(
      'hub (MariaDB)',
      'hub-growth',
      { DATABASE_URL: mysqlUrl(GROWTH) },
      false,
    ).make();
    const server = target.server;
    const q5 = QUERIES.find((q) => q.id === 'Q5') as BenchQuery;
    await drive(target, q5, 1, { slow: false, seconds: 2 });
    const big = await drive(target, q5, 1, { slow: false, seconds: DURATION });
    await server.stop();
    const base = rows
      .find((r) => r.query === 'Q5' && r.target === 'hub (MariaDB)')
      ?.runs.find((r) => r.connections === 1);
    if (base)
      growth = {
        scale: GROWTH,
        p50: big.p50,
        baseP50: base.p50,
        ratio: big.p50 / Math.max(base.p50, 0.01),
      };
  }

  if (exported > 0) log(`\nthe traced hub exported ${(exported / 1e6).toFixed(1)} MB of spans`);
  report(rows, growth, INTERLEAVE);
}

// ---------------------------------------------------------------------------------------------
// Report

function report(
  rows: Row[],
  growth: { scale: number; p50: number; baseP50: number; ratio: number } | null,
  /** Runs per server taken in turns (0: one server after the other). */
  interleave: number,
): void {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, node ${process.version}`;
  const at = new Date().toISOString();
  const mid = CONNECTIONS[Math.min(1, CONNECTIONS.length - 1)];
  const rpsAt = (query: string, target: string, c: number) =>
    rows
      .find((r) => r.query === query && r.target === target)
      ?.runs.find((m) => m.connections === c)?.rps ?? NaN;
  const lines: string[] = [
    `Query set ${QUERY_SET_VERSION}, scale ${SCALE}, ${DURATION} s per run, connections ${CONNECTIONS.join('/')}; ${machine}; ${at}.`,
    '',
    `| query | server | = B1 | req/s (c=${CONNECTIONS.join('/')}) | p50 / p99 ms (c=${mid}) | SQL/req | CPU ms/req (c=${CONNECTIONS[0]}) | peak RSS MB | × B1 (c=${mid}) | × B2 (c=${mid}) | target × B1 |`,
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const m = row.runs.find((r) => r.connections === mid) ?? row.runs[0];
    const query = QUERIES.find((q) => q.id === row.query);
    const hub = row.target.startsWith('hub');
    const vsB1 = rpsAt(row.query, row.target, mid) / rpsAt(row.query, 'B1', mid);
    const vsB2 = rpsAt(row.query, row.target, mid) / rpsAt(row.query, 'B2', mid);
    const target =
      hub && query?.targetVsB1
        ? `${row.target.includes('cache') && query.targetVsB1 >= 5 ? 20 : query.targetVsB1}`
        : '';
    lines.push(
      `| ${row.query} | ${row.target} | ${row.equalToB1 === null ? '' : row.equalToB1 ? 'yes' : '**no**'} | ${row.runs.map((r) => formatRps(r.rps)).join(' / ')} | ${m.p50} / ${m.p99} | ${m.statementsPerRequest.toFixed(1)} | ${row.runs[0].cpuMsPerRequest.toFixed(2)} | ${Math.max(...row.runs.map((r) => r.peakRssMb))} | ${Number.isFinite(vsB1) ? vsB1.toFixed(2) : ''} | ${Number.isFinite(vsB2) ? vsB2.toFixed(2) : ''} | ${target} |`,
    );
  }
  // The issue's targets, met or not, at the middle concurrency.
  const ratio = (query: string, target: string) =>
    rpsAt(query, target, mid) / rpsAt(query, 'B1', mid);
  const verdict = (value: number, goal: number, higher = true) =>
    Number.isNaN(value)
      ? 'not measured'
      : `${value.toFixed(2)} (target ${higher ? '>=' : '<='} ${goal}: ${(higher ? value >= goal : value <= goal) ? 'met' : '**missed**'})`;
  lines.push('', `Targets (c=${mid}, hub on MariaDB):`, '');
  for (const q of ['Q1', 'Q3', 'Q6'])
    lines.push(`- ${q} × B1: ${verdict(ratio(q, 'hub (MariaDB)'), 0.8)}`);
  for (const q of ['Q2', 'Q4', 'Q5', 'Q7']) {
    lines.push(`- ${q} × B1 without the response cache: ${verdict(ratio(q, 'hub (MariaDB)'), 5)}`);
    lines.push(`- ${q} × B1 with it: ${verdict(ratio(q, 'hub (MariaDB, cache)'), 20)}`);
  }
  const peak = Math.max(
    ...rows
      .filter((r) => r.target.startsWith('hub'))
      .flatMap((r) => r.runs.map((m) => m.peakRssMb)),
  );
  lines.push(`- peak RSS of a hub under load, MB: ${verdict(peak, 300, false)}`);
  // A cached answer against the same body sent as a constant by node's http (#26: 0.5).
  const constant = (q: string, target: string) =>
    rpsAt(q, target, mid) / rpsAt(q, B1_CONSTANT, mid);
  for (const q of ['Q1', 'Q5']) {
    lines.push(
      `- ${q} cached, by GraphQL GET × B1's constant body: ${verdict(constant(q, CACHED_GET), 0.5)}`,
    );
    lines.push(
      `- ${q} cached, by GraphQL POST × B1's constant body: ${verdict(constant(q, 'hub (MariaDB, cache)'), 0.5)}`,
    );
  }
  lines.push(
    `- Q8 cached, a saved query's CSV URL × B1's constant body: ${verdict(constant('Q8', 'hub (MariaDB, cache)'), 0.5)}`,
  );
  // Tracing's cost: the traced hub's throughput over the same hub's untraced, query by query.
  // Servers measured one after the other differ by more than the budget (docs/performance.md,
  // "Tracing's cost"): only an interleaved run gives a verdict.
  for (const q of ['Q1', 'Q3', 'Q2', 'Q4', 'Q5', 'Q7']) {
    const control = rpsAt(q, CONTROL, mid) / rpsAt(q, 'hub (MariaDB)', mid);
    const traced = rpsAt(q, TRACED, mid) / rpsAt(q, 'hub (MariaDB)', mid);
    const figure =
      interleave > 0 || Number.isNaN(traced)
        ? verdict(traced, 0.97)
        : `${traced.toFixed(2)} (servers one after the other: no verdict; --interleave gives one)`;
    lines.push(
      `- ${q} traced (10% sampled) × untraced: ${figure}${Number.isNaN(control) ? '' : `; the same untraced hub twice (A/A): ${control.toFixed(2)}`}`,
    );
  }
  if (growth)
    lines.push(
      '',
      `Growth: Q5 p50 at scale ${growth.scale} (staffing only) ${growth.p50} ms against ${growth.baseP50} ms at scale ${SCALE}: ${growth.ratio.toFixed(2)}x (target 1.3x).`,
    );
  const markdown = `${lines.join('\n')}\n`;
  mkdirSync(resultsDir, { recursive: true });
  const stem = join(resultsDir, `${at.slice(0, 10)}-s${SCALE}`);
  writeFileSync(`${stem}.md`, markdown);
  writeFileSync(
    `${stem}.json`,
    `${JSON.stringify({ version: QUERY_SET_VERSION, scale: SCALE, duration: DURATION, connections: CONNECTIONS, interleave, machine, at, rows, growth }, null, 2)}\n`,
  );
  log(`\n${markdown}\nwritten to ${stem}.{md,json}`);
  if (PARTIAL) return;
  // docs/performance.md shows the latest table of a full run.
  const pagePath = join(root, 'docs', 'performance.md');
  const page = readFileSync(pagePath, 'utf8');
  const updated = page.replace(
    /(<!-- bench:results:start -->\n)[\s\S]*?(<!-- bench:results:end -->)/,
    `$1${markdown}$2`,
  );
  if (updated !== page) writeFileSync(pagePath, updated);
}

async function rerender(file: string): Promise<void> {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as {
    rows: Row[];
    growth: Parameters<typeof report>[1];
    interleave?: number;
  };
  report(saved.rows, saved.growth, saved.interleave ?? 0);
}

(REPORT ? rerender(REPORT) : main()).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);

/** Where two answers first differ: the path and both values (for the log of a run). */
function firstDifference(actual: unknown, expected: unknown, path = '$'): string {
  if (isDeepStrictEqual(actual, expected)) return '';
  if (
    actual !== null &&
    expected !== null &&
    typeof actual === 'object' &&
    typeof expected === 'object' &&
    Array.isArray(actual) === Array.isArray(expected)
  ) {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    for (const key of new Set([...Object.keys(a), ...Object.keys(e)])) {
      const found = firstDifference(a[key], e[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `at ${path}: ${JSON.stringify(actual)?.slice(0, 200)} (B1: ${JSON.stringify(expected)?.slice(0, 200)})`;
}
