import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../../src/server/server';
import { cliEnv, databaseCases } from '../support/databases';
import { cliInChildProcess } from '../support/cli-process';
import { openHarness, type Harness } from '../support/harness';
import { redisAvailable, startRedis, type RedisInstance } from '../support/redis-server';
import { statementsServed } from '../support/hub-metrics';

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown>;
    errors?: { extensions: { code: string } }[];
    extensions?: { cache?: string; datasets?: Record<string, number> };
  };
  /** SQL statements the request ran, from the server's own metric. */
  statements: number;
}

const WORKFORCE = '{ workforce(year: 2021, groupBy: [ENTITY]) { entityCode headcount women } }';
const COURSES = '{ learningCourses { code title } }';
const COURSE_CSV =
  'code,programme,title,language,level,delivery,modules,certifies\n' +
  'TEST-CACHE-1,FUNCTIONAL,Cache invalidation,,,ONLINE,3,false\n';

const stores = redisAvailable() ? ['memory', 'redis'] : ['memory'];

describe.each(databaseCases())('server > response cache > %s', (_name, database) => {
  describe.each(stores)('%s store', (store) => {
    let harness: Harness;
    let server: RunningServer;
    let redis: RedisInstance | undefined;
    let dir: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'rg-cache-'));
      redis = store === 'redis' ? await startRedis() : undefined;
      harness = await openHarness(database, {
        file: true,
        seedScale: 0.05,
        seedDatasets: ['dimensions', 'staffing'],
        env: { API_TOKENS: 'hr-cache-token=hr,ocha-cache-token=analyst:OCHA' },
      });
      // With Redis, no poll: what reaches the server reaches it through Redis.
      server = await harness.serve((config) => ({
        ...config,
        cache: { ...config.cache, redisUrl: redis?.url ?? null, versionPollMs: redis ? 0 : 1000 },
      }));
    }, 240_000);
    afterAll(async () => {
      await server?.stop();
      await harness?.close();
      await redis?.dispose();
      await rm(dir, { recursive: true, force: true });
    });

    const statementsSoFar = () => statementsServed(server.origin);
    const ask = async (query: string, token?: string): Promise<Answer> => {
      const before = await statementsSoFar();
      const res = await fetch(server.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as Answer['body'];
      return { status: res.status, body, statements: (await statementsSoFar()) - before };
    };

    it('answers a repeated query from the cache with 0 SQL statements, the same answer', async () => {
      const first = await ask(WORKFORCE);
      expect(first.status).toBe(200);
      expect(first.body.extensions?.cache).toBe('MISS');
      expect(first.statements).toBeGreaterThan(0);
      const again = await ask(WORKFORCE);
      expect(again.body.extensions?.cache).toBe('HIT');
      expect(again.statements).toBe(0);
      expect(again.body.data).toEqual(first.body.data);
      expect(again.body.extensions?.datasets).toEqual(first.body.extensions?.datasets);
      // The same question written differently is the same entry.
      const reformatted = await ask(
        `query {\n  workforce(groupBy: [ENTITY], year: 2021) # same\n  { entityCode headcount women } }`.replace(
          'groupBy: [ENTITY], year: 2021',
          'year: 2021, groupBy: [ENTITY]',
        ),
      );
      expect([reformatted.body.extensions?.cache, reformatted.statements]).toEqual(['HIT', 0]);
    });

    /** A GraphQL GET, as a BI tool or a CDN-fronted front end sends it. */
    const get = async (query: string, headers: Record<string, string> = {}) => {
      const before = await statementsSoFar();
      const url = new URL(server.url);
      url.searchParams.set('query', query);
      const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true', ...headers } });
      const text = await res.text();
      return {
        status: res.status,
        text,
        etag: res.headers.get('etag'),
        type: res.headers.get('content-type'),
        statements: (await statementsSoFar()) - before,
      };
    };

    it('answers a GET it holds before GraphQL runs: the same answer, an ETag, 304 while unchanged', async () => {
      const query = '{ workforce(year: 2020, groupBy: [ENTITY]) { entityCode headcount } }';
      const first = await get(query);
      expect(first.status).toBe(200);
      expect((JSON.parse(first.text) as Answer['body']).extensions?.cache).toBe('MISS');
      // The full path's answer has Express's weak ETag; the one served before GraphQL a strong one.
      expect(first.etag ?? '').toMatch(/^(W\/.*)?$/);
      const fast = await get(query);
      expect(fast.status).toBe(200);
      expect(fast.etag).toMatch(/^"[\w-]+"$/);
      expect(fast.statements).toBe(0);
      expect(fast.type).toBe(first.type);
      // The answer the full path gives, byte for byte, as a hit.
      expect(fast.text).toBe(first.text.replace('"cache":"MISS"', '"cache":"HIT"'));
      const unchanged = await get(query, { 'if-none-match': String(fast.etag) });
      expect([unchanged.status, unchanged.text]).toEqual([304, '']);
      // Another role's or scope's question is its own entry.
      const hr = await get(query, { authorization: 'Bearer hr-cache-token' });
      expect((JSON.parse(hr.text) as Answer['body']).extensions?.cache).toBe('MISS');
      expect(hr.etag ?? '').toMatch(/^(W\/.*)?$/);
      // What the full path refuses or answers otherwise is left to it: Apollo's CSRF rule, a
      // credential that does not verify, a flat table.
      const url = new URL(server.url);
      url.searchParams.set('query', query);
      expect((await fetch(url)).status).toBe(400);
      expect((await get(query, { authorization: 'Bearer wrong-token' })).status).toBe(401);
      const csv = await get(query, { accept: 'text/csv' });
      expect(csv.type).toMatch(/^text\/csv/);
    });

    it('answers a POST it holds before Express runs: the same bytes and type, refusals as before', async () => {
      const query = '{ workforce(year: 2019, groupBy: [GENDER]) { gender headcount } }';
      const post = async (
        body: string,
        headers: Record<string, string> = {},
      ): Promise<{
        status: number;
        text: string;
        etag: string | null;
        type: string | null;
        statements: number;
      }> => {
        const before = await statementsSoFar();
        const res = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
        });
        return {
          status: res.status,
          text: await res.text(),
          etag: res.headers.get('etag'),
          type: res.headers.get('content-type'),
          statements: (await statementsSoFar()) - before,
        };
      };
      // What the dashboard and Apollo Client send: Apollo answers GraphQL's response type.
      const accept = { accept: 'application/graphql-response+json, application/json' };
      const sent = JSON.stringify({ query, variables: {} });
      const first = await post(sent, accept);
      expect([first.status, first.etag ?? '']).toEqual([200, expect.stringMatching(/^(W\/.*)?$/)]);
      expect(first.type).toMatch(/^application\/graphql-response\+json/);
      const fast = await post(sent, accept);
      expect(fast.etag).toMatch(/^"[\w-]+"$/); // answered in front of Express
      expect(fast.statements).toBe(0);
      expect(fast.type).toBe(first.type);
      expect(fast.text).toBe(first.text.replace('"cache":"MISS"', '"cache":"HIT"'));
      // Plain JSON for a client that asks for it; the same entry.
      const plain = await post(sent, { accept: 'application/json' });
      expect([plain.etag, plain.type, plain.text]).toEqual([
        fast.etag,
        'application/json; charset=utf-8',
        fast.text,
      ]);
      // Left to the full path, which answers as before: a body that is not JSON, a field
      // Apollo reads otherwise, a negotiated Accept, a credential that does not verify.
      const broken = await post('{"query": ');
      expect(broken.status).toBe(400);
      expect(JSON.parse(broken.text)).toMatchObject({
        errors: [{ message: 'The request body is not valid JSON.' }],
      });
      expect((await post('"text"')).status).toBe(400);
      // A byte order mark is read past, as Express's parser reads past it.
      expect((await post(`\uFEFF${sent}`, accept)).text).toBe(fast.text);
      const other = await post(JSON.stringify({ query, variables: {}, operationName: null }));
      expect([other.status, other.etag ?? '']).toEqual([200, expect.stringMatching(/^(W\/.*)?$/)]);
      const weighted = await post(sent, { accept: 'application/json;q=0.5, text/csv' });
      expect(weighted.type).toMatch(/^text\/csv/);
      expect((await post(sent, { authorization: 'Bearer wrong-token' })).status).toBe(401);
      // A client that goes away halfway through its body leaves the server as it was.
      const { port } = new URL(server.url);
      await new Promise<void>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(
            'POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n' +
              'content-length: 200\r\n\r\n{"query": "{ work',
          );
          setTimeout(() => socket.destroy(), 50);
        });
        socket.on('close', () => resolve());
        socket.on('error', reject);
      });
      // Nothing already answered changed on the way.
      expect((await post(sent, accept)).text).toBe(fast.text);
    });

    it('answers an automatic persisted query sent by its hash alone before GraphQL runs, once its text was answered', async () => {
      const query = '{ workforce(year: 2018, groupBy: [GENDER]) { gender headcount } }';
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      const persisted = async (extensions: object, withText = false) => {
        const before = await statementsSoFar();
        const url = new URL(server.url);
        if (withText) url.searchParams.set('query', query);
        url.searchParams.set('extensions', JSON.stringify(extensions));
        const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
        return {
          status: res.status,
          text: await res.text(),
          etag: res.headers.get('etag'),
          statements: (await statementsSoFar()) - before,
        };
      };
      const apq = { persistedQuery: { version: 1, sha256Hash } };
      // Unknown hash: Apollo asks for the text (its protocol), nothing is answered here.
      expect((await persisted(apq)).text).toMatch(/PERSISTED_QUERY_NOT_FOUND/);
      const registered = await persisted(apq, true);
      expect(registered.status).toBe(200);
      expect(registered.etag ?? '').toMatch(/^(W\/.*)?$/); // the full path
      const fast = await persisted(apq);
      expect(fast.status).toBe(200);
      expect(fast.etag).toMatch(/^"[\w-]+"$/); // answered before GraphQL
      expect(fast.statements).toBe(0);
      expect(JSON.parse(fast.text)).toEqual({
        ...(JSON.parse(registered.text) as object),
        extensions: { ...(JSON.parse(registered.text) as Answer['body']).extensions, cache: 'HIT' },
      });
      // A hash with other extensions, or that is not the text's, goes to the full path.
      const wrong = { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } };
      expect((await persisted(wrong)).text).toMatch(/PERSISTED_QUERY_NOT_FOUND/);
      expect((await persisted({ ...apq, other: true })).etag ?? '').toMatch(/^(W\/.*)?$/);
    });

    it('keeps answers apart by role and entity scope', async () => {
      const hr = await ask(WORKFORCE, 'hr-cache-token');
      expect(hr.body.extensions?.cache).toBe('MISS');
      const scoped = await ask(WORKFORCE, 'ocha-cache-token');
      expect(scoped.body.extensions?.cache).toBe('MISS');
      const cells = scoped.body.data?.workforce as { entityCode: string }[];
      expect(new Set(cells.map((c) => c.entityCode))).toEqual(new Set(['OCHA']));
      expect((await ask(WORKFORCE, 'ocha-cache-token')).body.extensions?.cache).toBe('HIT');
    });

    it('never caches errors or load history', async () => {
      const bad = await ask('{ entity(code: "NOPE") { code } }');
      expect(bad.body.errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect((await ask('{ entity(code: "NOPE") { code } }')).statements).toBeGreaterThan(0);
      await ask('{ datasets { name version } }');
      const history = await ask('{ datasets { name version } }');
      expect(history.body.extensions?.cache).toBeUndefined();
      expect(history.statements).toBeGreaterThan(0);
    });

    it('drops exactly the answers of the dataset an import changed, in this process or another', async () => {
      expect((await ask(COURSES)).body.data?.learningCourses).toEqual([]);
      expect((await ask(COURSES)).body.extensions?.cache).toBe('HIT');
      await get(COURSES);
      expect((await get(COURSES)).etag).not.toBeNull(); // answered before GraphQL
      expect((await ask(WORKFORCE)).body.extensions?.cache).toBe('HIT');
      const file = join(dir, 'courses.csv');
      await writeFile(file, COURSE_CSV);
      const env = cliEnv(harness.config.database, dir);
      if (redis) {
        // Another process imports; only Redis tells this server (its poll is off).
        await cliInChildProcess(['import', 'learning-courses', file], {
          ...env,
          REDIS_URL: redis.url,
        });
      } else {
        await harness.importFile('learning-courses', file);
      }
      let fresh = await ask(COURSES);
      for (let i = 0; i < 40 && fresh.body.extensions?.cache === 'HIT'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        fresh = await ask(COURSES);
      }
      if (!redis) expect(fresh.body.extensions?.cache).toBe('MISS'); // in-process: at once
      expect(fresh.body.data?.learningCourses).toEqual([
        { code: 'TEST-CACHE-1', title: 'Cache invalidation' },
      ]);
      // A GET of the same text is not answered from the entry the import made stale.
      let viaGet = await get(COURSES);
      for (let i = 0; i < 40 && viaGet.text.includes('"learningCourses":[]'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        viaGet = await get(COURSES);
      }
      expect((JSON.parse(viaGet.text) as Answer['body']).data?.learningCourses).toEqual([
        { code: 'TEST-CACHE-1', title: 'Cache invalidation' },
      ]);
      // The staffing answer did not depend on learning: still served from the cache.
      const workforce = await ask(WORKFORCE);
      expect([workforce.body.extensions?.cache, workforce.statements]).toEqual(['HIT', 0]);
    }, 60_000);

    it('counts hits and misses in the metrics', async () => {
      const text = await (await fetch(`${server.origin}/metrics`)).text();
      expect(text).toMatch(
        new RegExp(
          `reformgraph_response_cache_lookups_total\\{outcome="hit",store="${store}"\\} [1-9]`,
        ),
      );
      expect(text).toMatch(/reformgraph_db_pool_connections\{state="open"\} [1-9]/);
      expect(text).toMatch(/reformgraph_sql_seconds_per_request_count [1-9]/);
    });

    if (store === 'redis') {
      it('keeps answering, without the cache, while Redis is down', async () => {
        await redis?.stop();
        const answer = await ask(WORKFORCE);
        expect(answer.status).toBe(200);
        expect(answer.body.data?.workforce).toBeDefined();
        await redis?.restart();
      });
    }
  });
});
