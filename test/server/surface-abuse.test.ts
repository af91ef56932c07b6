import { loadConfig, type Config } from '../../src/config/config';
import { runCli } from '../../src/cli/main';
import { measureSql } from '../../src/db/sql-statement-counter';
import type { RunningServer } from '../../src/server/server';
import { buildAppSchema } from '../../src/server/schema';
import { Role } from '../../src/shared/auth/principal';
import { INDICATORS } from '../../src/shared/persisted/dashboard';
import { SavedQueryRegistry } from '../../src/shared/saved-queries/registry';
import { SavedQueryRecord } from '../../src/shared/saved-queries/saved-query.entity';
import { cliEnv, databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

/**
 * The surfaces added after the hardening, tried as an outsider and as each role (issue #23):
 * saved queries with owners, a registry that does not weigh on every request, metrics whose
 * series clients cannot grow and that are not open to anyone.
 */
describe.each(databaseCases())('server > abuse of the newer surfaces > %s', (_name, database) => {
  let harness: Harness;
  let apiKey = '';
  const servers: RunningServer[] = [];
  const TOKENS = {
    desa: 'abuse-hr-desa-token',
    ocha: 'abuse-hr-ocha-token',
    both: 'abuse-hr-both-token',
    all: 'abuse-hr-all-token',
    analyst: 'abuse-analyst-token',
  };

  const start = async (change: (config: Config) => Config = (c) => c) => {
    const server = await harness.serve(change);
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    harness = await openHarness(database, {
      file: true,
      seedScale: 0.02,
      seedDatasets: ['dimensions', 'staffing'],
      env: {
        API_TOKENS: [
          `${TOKENS.desa}=hr:DESA`,
          `${TOKENS.ocha}=hr:OCHA`,
          `${TOKENS.both}=hr:DESA|OCHA`,
          `${TOKENS.all}=hr`,
          `${TOKENS.analyst}=analyst`,
        ].join(','),
      },
    });
    const out: string[] = [];
    await runCli(['node', 'reformgraph', 'keys', 'create', '--role', 'hr', '--entity', 'DESA'], {
      env: cliEnv(harness.config.database, '/tmp'),
      out: (text: string) => out.push(text),
    });
    apiKey = /rgk_[A-Za-z0-9_-]+/.exec(out.join(''))?.[0] ?? '';
  }, 300_000);
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await harness?.close();
  });

  interface Answer {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions: { code: string } }[];
  }
  const graphql = async (
    server: RunningServer,
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<Answer> => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as Answer;
  };
  const REGISTER = `mutation Register($name: String!, $document: String!, $replace: Boolean) {
    registerSavedQuery(name: $name, document: $document, replace: $replace) { name owner }
  }`;
  const DELETE = 'mutation Delete($name: String!) { deleteSavedQuery(name: $name) }';
  const register = (server: RunningServer, token: string, name: string, document: string) =>
    graphql(server, REGISTER, { name, document, replace: true }, token);
  const headcountIn = (entity: string) =>
    `query Headcount${entity} { workforce(year: 2021, filter: { entityCodes: ["${entity}"] }) { headcount } }`;

  describe('saved queries have owners (finding 1)', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await start();
    });

    it('lets only the owner, or an hr user whose scope covers the owner’s, replace or delete', async () => {
      const registered = await graphql(
        server,
        REGISTER,
        { name: 'desa-refresh', document: headcountIn('DESA') },
        TOKENS.desa,
      );
      expect(registered.errors).toBeUndefined();
      expect(registered.data?.registerSavedQuery).toEqual({
        name: 'desa-refresh',
        owner: 'hr (DESA)',
      });

      // The attack of the issue: another entity's hr user replaces, then deletes it.
      const replaced = await register(server, TOKENS.ocha, 'desa-refresh', headcountIn('OCHA'));
      expect(replaced.errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect(replaced.errors?.[0].message).toMatch(/belongs to hr \(DESA\)/);
      const deleted = await graphql(server, DELETE, { name: 'desa-refresh' }, TOKENS.ocha);
      expect(deleted.errors?.[0].extensions.code).toBe('FORBIDDEN');
      // The DESA team's refresh still runs the DESA document.
      const refresh = await fetch(`${server.origin}/api/desa-refresh?format=csv`, {
        headers: { authorization: `Bearer ${TOKENS.desa}` },
      });
      expect(refresh.status).toBe(200);
      const saved = await graphql(server, '{ savedQueries { name document } }');
      const list = saved.data?.savedQueries as { name: string; document: string }[];
      expect(list.find((q) => q.name === 'desa-refresh')?.document).toBe(headcountIn('DESA'));

      // An analyst may not register at all; the owner may replace; a covering scope may too.
      expect(
        (await register(server, TOKENS.analyst, 'desa-refresh', headcountIn('OCHA'))).errors?.[0]
          .extensions.code,
      ).toBe('FORBIDDEN');
      expect(
        (await register(server, TOKENS.desa, 'desa-refresh', headcountIn('DESA'))).errors,
      ).toBeUndefined();
      const taken = await register(server, TOKENS.both, 'desa-refresh', headcountIn('DESA'));
      expect(taken.errors).toBeUndefined();
      // Replaced by a wider scope, it is that user's now: DESA alone no longer covers it.
      expect((taken.data?.registerSavedQuery as { owner: string }).owner).toBe('hr (DESA, OCHA)');
      expect(
        (await graphql(server, DELETE, { name: 'desa-refresh' }, TOKENS.desa)).errors?.[0]
          .extensions.code,
      ).toBe('FORBIDDEN');
      expect(
        (await graphql(server, DELETE, { name: 'desa-refresh' }, TOKENS.all)).data
          ?.deleteSavedQuery,
      ).toBe(true);
    });

    it('lists names, paths, variables and owner labels to every role, never a credential', async () => {
      expect(
        (await register(server, apiKey, 'desa-by-key', headcountIn('DESA'))).errors,
      ).toBeUndefined();
      expect(
        (await register(server, TOKENS.desa, 'desa-by-token', headcountIn('DESA'))).errors,
      ).toBeUndefined();
      const keyId = /^rgk_([A-Za-z0-9]+)_/.exec(apiKey)?.[1] ?? 'no key id';
      const QUERY = '{ savedQueries { name path owner mayChange variables { name } } }';
      for (const [role, token] of [
        ['public', undefined],
        ['analyst', TOKENS.analyst],
        ['hr OCHA', TOKENS.ocha],
        ['hr DESA', TOKENS.desa],
      ] as const) {
        const answer = await graphql(server, QUERY, {}, token);
        expect([role, answer.errors]).toEqual([role, undefined]);
        const text = JSON.stringify(answer);
        expect([role, text.includes(keyId), /dev-token|key:/.test(text)]).toEqual([
          role,
          false,
          false,
        ]);
        const byName = new Map(
          (answer.data?.savedQueries as { name: string; owner: string; mayChange: boolean }[]).map(
            (q) => [q.name, q],
          ),
        );
        expect(byName.get('desa-by-key')?.owner).toBe('hr (DESA)');
        expect(byName.get('time-to-recruit')?.owner).toBeNull();
        expect([role, byName.get('desa-by-token')?.mayChange]).toEqual([role, role === 'hr DESA']);
      }
      const index = await (await fetch(`${server.origin}/api`)).text();
      expect(index).toContain('"owner":"hr (DESA)"');
      expect(index.includes(keyId) || /dev-token|key:/.test(index)).toBe(false);
      // The field that listed credentials is gone from the schema.
      const old = await graphql(server, '{ savedQueries { registeredBy } }');
      for (const name of ['desa-by-key', 'desa-by-token'])
        await graphql(server, DELETE, { name }, TOKENS.all);
      expect(old.errors?.[0].message).toMatch(/Cannot query field "registeredBy"/);
    });

    it('limits how many queries and characters an owner and the registry hold', async () => {
      const limited = await start((config) => ({
        ...config,
        savedQueries: { perOwner: 2, total: 3, charsPerOwner: 600, charsTotal: 100_000 },
      }));
      const doc = (n: number) => `query Q${n} { grades { code } }`;
      expect((await register(limited, TOKENS.desa, 'limit-a', doc(1))).errors).toBeUndefined();
      expect((await register(limited, TOKENS.desa, 'limit-b', doc(2))).errors).toBeUndefined();
      // Replacing one of one's own does not count twice.
      expect((await register(limited, TOKENS.desa, 'limit-b', doc(3))).errors).toBeUndefined();
      const third = await register(limited, TOKENS.desa, 'limit-c', doc(4));
      expect(third.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(third.errors?.[0].message).toMatch(/at most 2 queries/);
      expect((await register(limited, TOKENS.ocha, 'limit-c', doc(5))).errors).toBeUndefined();
      const full = await register(limited, TOKENS.all, 'limit-d', doc(6));
      expect(full.errors?.[0].message).toMatch(/registry holds at most 3 queries/);
      const padded = `${doc(7)}\n  # ${'x'.repeat(700)}`;
      const big = await register(limited, TOKENS.ocha, 'limit-c', padded);
      expect(big.errors?.[0].message).toMatch(/at most 600 characters/);
      for (const [name, token] of [
        ['limit-a', TOKENS.desa],
        ['limit-b', TOKENS.desa],
        ['limit-c', TOKENS.ocha],
      ])
        expect((await graphql(limited, DELETE, { name }, token)).data?.deleteSavedQuery).toBe(true);
    });
  });

  describe('the registry does not weigh on every request (finding 2)', () => {
    /** A document of about `chars` characters that validates and runs within the limits. */
    const large = (n: number, chars: number) => {
      const codes: string[] = [];
      for (let i = 0; codes.join(', ').length < chars; i++)
        codes.push(`"NO-SUCH-ENTITY-${String(i).padStart(5, '0')}"`);
      const aliases: string[] = [];
      for (let i = 0; i < codes.length; i += 100)
        aliases.push(`e${i}: entities(codes: [${codes.slice(i, i + 100).join(', ')}]) { code }`);
      return `query Large${n} { ${aliases.join(' ')} }`;
    };

    it('validates a registered document once per change, and reads no registry for the repository’s queries', async () => {
      const schema = await buildAppSchema(harness.catalog);
      const records = harness.dataSource.getRepository(SavedQueryRecord);
      const limits = { perOwner: 1000, total: 1000, charsPerOwner: 1e7, charsTotal: 1e7 };
      await records.clear();
      const one = new SavedQueryRegistry(schema, records, limits);
      const hr = { role: Role.HR, entityScope: null, subject: 'dev-token:registry' };
      for (let n = 0; n < 20; n++)
        await one.register(hr, {
          name: `large-${n}`,
          document: large(n, 15_000),
          description: null,
          replace: false,
        });
      expect(one.compilations).toBe(20);
      // A repository query: no SQL, nothing compiled.
      const own = await measureSql(() => one.find('time-to-recruit'));
      expect(own.result?.name).toBe('time-to-recruit');
      expect(own.statements).toEqual([]);
      // A registered one: its row only, compiled when registered.
      const registered = await measureSql(() => one.find('large-7'));
      expect(registered.result?.operation.name?.value).toBe('Large7');
      expect(registered.statements).toHaveLength(1);
      await one.list();
      expect(one.compilations).toBe(20);
      // Another process compiles each once, at its first read, and sees a change at the next.
      const other = new SavedQueryRegistry(schema, records, limits);
      for (let i = 0; i < 3; i++) await other.list();
      await other.find('large-3');
      expect(other.compilations).toBe(20);
      await one.register(hr, {
        name: 'large-3',
        document: large(33, 100),
        description: null,
        replace: true,
      });
      expect((await other.find('large-3'))?.operation.name?.value).toBe('Large33');
      expect(other.compilations).toBe(21);
      await one.delete(hr, 'large-5');
      expect(await other.find('large-5')).toBeNull();
      for (let n = 0; n < 20; n++) if (n !== 5) await one.delete(hr, `large-${n}`);
    }, 120_000);

    it('keeps GET /api/time-to-recruit as fast with 100 registrations of 15,000 characters', async () => {
      const server = await start((config) => ({
        ...config,
        cache: { ...config.cache, enabled: false },
        savedQueries: { perOwner: 200, total: 200, charsPerOwner: 1e7, charsTotal: 1e7 },
      }));
      const median = async (path: string) => {
        const times: number[] = [];
        for (let i = 0; i < 25; i++) {
          const started = performance.now();
          const res = await fetch(`${server.origin}${path}`);
          const body = await res.text();
          if (res.status !== 200) expect([res.status, body]).toEqual([200, '']);
          times.push(performance.now() - started);
        }
        return times.sort((a, b) => a - b)[12];
      };
      await median('/api/time-to-recruit'); // warm up
      const before = await median('/api/time-to-recruit');
      for (let n = 0; n < 100; n++) {
        const answer = await register(server, TOKENS.all, `large-${n}`, large(n, 15_000));
        expect(answer.errors).toBeUndefined();
      }
      const after = await median('/api/time-to-recruit');
      const registered = await median('/api/large-42?limit=5');
      // Before the change every request validated every registration: 955 ms against 4 ms.
      // The bound is loose (a busy machine), far below what validating 100 documents costs.
      expect(after).toBeLessThan(Math.max(before * 3, before + 40));
      expect(registered).toBeLessThan(Math.max(before * 3, before + 40) + 40);
      for (let n = 0; n < 100; n++)
        await graphql(server, DELETE, { name: `large-${n}` }, TOKENS.all);
    }, 300_000);
  });

  describe('metrics (finding 3)', () => {
    it('keeps the operation series bounded after 1,500 distinct operation names', async () => {
      const server = await start();
      const series = async () => {
        const text = await (await fetch(`${server.metricsOrigin}/metrics`)).text();
        return {
          text,
          operations: text
            .split('\n')
            .filter((line) =>
              line.startsWith('reformgraph_graphql_request_duration_seconds_count'),
            ),
        };
      };
      await graphql(server, INDICATORS);
      const start1 = await series();
      for (let i = 0; i < 1500; i += 50)
        await Promise.all(
          Array.from({ length: 50 }, (_, j) =>
            graphql(server, `query Probe${i + j} { __typename }`),
          ),
        );
      const end = await series();
      expect(end.operations.length).toBeLessThanOrEqual(start1.operations.length + 1);
      expect(end.text).toMatch(
        /reformgraph_graphql_request_duration_seconds_count\{operation="other"\} 1500/,
      );
      // Names the hub knows keep their series: the dashboard's documents, saved queries.
      expect(end.text).toMatch(/_count\{operation="ReformIndicators"\} 1/);
      // One series more (other), and longer numbers; 1,500 series were 1.8 MB more.
      expect(end.text.length).toBeLessThan(start1.text.length + 10_000);
    }, 120_000);

    it('refuses /metrics to a caller that is not allowed, and serves it on a port of its own when asked', async () => {
      const tokenOnly = await start((config) => ({
        ...config,
        metrics: { token: 'scraper-token-0123456789', allow: [], port: null },
      }));
      const anonymous = await fetch(`${tokenOnly.origin}/metrics`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await anonymous.json()) as Answer).errors?.[0].extensions.code).toBe(
        'UNAUTHENTICATED',
      );
      for (const token of ['wrong-token-0123456789', TOKENS.all, apiKey])
        expect(
          (
            await fetch(`${tokenOnly.origin}/metrics`, {
              headers: { authorization: `Bearer ${token}` },
            })
          ).status,
        ).toBe(401);
      const scraper = await fetch(`${tokenOnly.origin}/metrics`, {
        headers: { authorization: 'bearer  scraper-token-0123456789' },
      });
      expect(scraper.status).toBe(200);
      expect(await scraper.text()).toMatch(/reformgraph_process_resident_memory_bytes/);

      // A network rule that does not hold this (loopback) caller, and no token: 403.
      const elsewhere = await start((config) => ({
        ...config,
        metrics: { ...loadConfig({ METRICS_ALLOW: '10.0.0.0/8,fd00::/8' }).metrics },
      }));
      expect((await fetch(`${elsewhere.origin}/metrics`)).status).toBe(403);
      // The default: loopback only, and not through a proxy on this host (it forwards the client).
      const byDefault = await start();
      expect((await fetch(`${byDefault.origin}/metrics`)).status).toBe(200);
      for (const header of [
        ['x-forwarded-for', '203.0.113.9'],
        ['forwarded', 'for=203.0.113.9'],
      ] as const)
        expect(
          (await fetch(`${byDefault.origin}/metrics`, { headers: [[...header]] })).status,
        ).toBe(403);

      // A port of its own, opened to anyone by the operator: not served on the main port.
      const apart = await start((config) => ({
        ...config,
        metrics: loadConfig({ METRICS_PORT: '0', METRICS_ALLOW: 'any' }).metrics,
      }));
      expect(apart.metricsOrigin).not.toBe(apart.origin);
      expect((await fetch(`${apart.metricsOrigin}/metrics`)).status).toBe(200);
      expect((await fetch(`${apart.origin}/metrics`)).status).toBe(404);
      expect(() => loadConfig({ METRICS_ALLOW: '10.0.0.0/40' })).toThrow(/METRICS_ALLOW/);
    }, 120_000);
  });
});
