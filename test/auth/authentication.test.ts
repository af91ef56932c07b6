import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import pino from 'pino';
import { runCli } from '../../src/cli/main';
import { loadConfig, type Config } from '../../src/config/config';
import { createApiKey } from '../../src/shared/auth/api-keys';
import { Role } from '../../src/shared/auth/principal';
import { startServer, type RunningServer } from '../../src/server/server';
import { cliEnv, databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

const ISSUER = 'https://idp.example.org';
const AUDIENCE = 'reformgraph-test';

interface Response {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions: { code: string } }[];
  };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe.each(databaseCases())('auth > authentication over HTTP > %s', (_name, database) => {
  let harness: Harness;
  let server: RunningServer;
  let dir: string;
  let config: Config;
  let signingKey: CryptoKey;
  let otherKey: CryptoKey;
  let publicPem: string;
  const logLines: Record<string, unknown>[] = [];
  const cliOut: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rg-auth-'));
    harness = await openHarness(database, {
      file: true,
      seedScale: 0.02,
      seedDatasets: ['dimensions', 'staffing'],
    });
    const pair = await generateKeyPair('RS256', { extractable: true });
    signingKey = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    publicPem = await exportSPKI(pair.publicKey);
    const jwksFile = join(dir, 'jwks.json');
    await writeFile(
      jwksFile,
      JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' }] }),
    );
    config = {
      ...loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        AUTH_JWKS_FILE: jwksFile,
        AUTH_ISSUER: ISSUER,
        AUTH_AUDIENCE: AUDIENCE,
      }),
      database: harness.config.database,
    };
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => logLines.push(JSON.parse(line) as Record<string, unknown>) },
    );
    server = await startServer(harness.dataSource, config, logger, harness.catalog);
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await harness?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const cli = async (...args: string[]) => {
    cliOut.length = 0;
    const code = await runCli(['node', 'reformgraph', ...args], {
      env: cliEnv(harness.config.database, dir),
      out: (t) => cliOut.push(t),
      err: (t) => cliOut.push(t),
    });
    return { code, output: cliOut.join('') };
  };

  const post = async (query: string, headers: Record<string, string> = {}, url = server.url) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, body: (await res.json()) as Response['body'] };
  };
  const get = async (query: string, params: Record<string, string> = {}) => {
    const url = new URL(server.url);
    url.searchParams.set('query', query);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    // Apollo's CSRF prevention wants a non-simple header on GET (Power Query can send one).
    const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    return { status: res.status, body: (await res.json()) as Response['body'] };
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  const sign = (
    claims: Record<string, unknown>,
    options: {
      key?: CryptoKey;
      issuer?: string;
      audience?: string;
      expires?: number;
      notBefore?: number;
    } = {},
  ) => {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setSubject('alice')
      .setIssuedAt()
      .setNotBefore(options.notBefore ?? now - 5)
      .setExpirationTime(options.expires ?? now + 600)
      .sign(options.key ?? signingKey);
  };

  const ENTITY_QUERY = (code: string) =>
    `{ entity(code: "${code}") { code workforce(year: 2021) { headcount } } }`;

  it('gives a valid JWT its role and entity scope, enforced in the data layer', async () => {
    const token = await sign({ role: 'analyst', entities: ['OCHA'] });
    const own = await post(ENTITY_QUERY('OCHA'), bearer(token));
    expect(own.status).toBe(200);
    expect(own.body.errors).toBeUndefined();
    const other = await post(ENTITY_QUERY('DESA'), bearer(token));
    expect(other.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(other.body.data).toEqual({ entity: { code: 'DESA', workforce: null } });
    // Aliases and fragments reach the same data layer: nothing of DESA comes back.
    const probe = await post(
      '{ a: entity(code: "OCHA") { ...W } b: entity(code: "DESA") { ...W } all: workforce(year: 2021, groupBy: [ENTITY]) { entityCode } } fragment W on Entity { workforce(year: 2021) { headcount } }',
      bearer(token),
    );
    expect((probe.body.data?.b as { workforce: unknown }).workforce).toBeNull();
    expect(probe.body.data?.all).toEqual([{ entityCode: 'OCHA' }]);
    const audit = logLines
      .map((line) => line.audit as Record<string, unknown> | undefined)
      .filter((a) => a !== undefined);
    expect(audit.at(-1)).toMatchObject({
      subject: 'alice',
      role: Role.ANALYST,
      entityScope: ['OCHA'],
      datasets: expect.arrayContaining(['staffing']) as unknown,
      cells: 3,
    });
  });

  it('refuses a token whose entity scope names no entity with 401, where it saw nothing before', async () => {
    const token = await sign({ role: 'hr', entities: ['OCHA', 'NOPE'] });
    const res = await post(ENTITY_QUERY('OCHA'), bearer(token));
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors?.[0].message).toMatch(/names no entity of this hub: NOPE/);
    expect(res.body.data ?? null).toBeNull();
    const saved = await fetch(`${server.origin}/api/workforce-by-entity?year=2021`, {
      headers: bearer(token),
    });
    expect(saved.status).toBe(401);
  });

  it('makes no key and no token for an entity that does not exist, and names close matches', async () => {
    const key = await cli('keys', 'create', '--role', 'analyst', '--entity', 'OCHA,ocha,OCHO,XYZ');
    expect(key.code).toBe(1);
    expect(key.output).toMatch(/no entity ocha \(did you mean OCHA\?\)/);
    expect(key.output).toMatch(/no entity OCHO \(did you mean OCHA[,?]/);
    expect(key.output).toMatch(/no entity XYZ: no key was created/);
    expect(key.output).not.toMatch(/rgk_/);
    const token = await cli('token', '--role', 'hr', '--entity', 'NOPE');
    expect(token.code).toBe(1);
    expect(token.output).toMatch(/no entity NOPE.*no token was minted/);
    expect((await cli('keys', 'create', '--role', 'analyst', '--entity', 'OCHA')).code).toBe(0);
  });

  it('refuses every bad token with 401 UNAUTHENTICATED and no data', async () => {
    const now = Math.floor(Date.now() / 1000);
    const valid = await sign({ role: 'analyst' });
    const [header, payload, signature] = valid.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const hs256 = await new SignJWT({ role: 'hr' })
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('mallory')
      .setExpirationTime(now + 600)
      .sign(new TextEncoder().encode(publicPem));
    const cases: Record<string, string> = {
      expired: await sign({ role: 'analyst' }, { expires: now - 120 }),
      'not yet valid': await sign({ role: 'analyst' }, { notBefore: now + 120 }),
      'signed by another key': await sign({ role: 'hr' }, { key: otherKey }),
      'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, role: 'hr' })}.`,
      'HS256 with the public key as secret': hs256,
      'wrong issuer': await sign({ role: 'analyst' }, { issuer: 'https://evil.example' }),
      'wrong audience': await sign({ role: 'analyst' }, { audience: 'another-api' }),
      'tampered claims': `${header}.${b64({ ...claims, role: 'hr' })}.${signature}`,
      'no role': await sign({}),
      'unknown role': await sign({ role: 'admin' }),
      garbage: 'not-a-token-at-all',
      'malformed API key': 'rgk_nothing',
    };
    for (const [name, token] of Object.entries(cases)) {
      const res = await post('{ workforce(year: 2021) { headcount } }', bearer(token));
      expect([name, res.status, res.body.errors?.[0].extensions.code]).toEqual([
        name,
        401,
        'UNAUTHENTICATED',
      ]);
      expect(res.body.data).toBeUndefined();
    }
    const basic = await post('{ grades { code } }', { authorization: 'Basic YWxpY2U6c2VjcmV0' });
    expect(basic.status).toBe(401);
  });

  it('creates an API key once, scopes GETs to its entities, and refuses it after revocation', async () => {
    const created = await cli('keys', 'create', '--role', 'analyst', '--entity', 'OCHA');
    expect(created.code).toBe(0);
    const key = created.output.split('\n')[0];
    expect(key).toMatch(/^rgk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    // rgk_<id>_<secret>: the secret is base64url, so it may itself hold an underscore.
    const [, id, secret] = /^rgk_([^_]+)_(.+)$/.exec(key) ?? [];
    const query = '{ workforce(year: 2021, groupBy: [ENTITY]) { entityCode headcount } }';
    const viaGet = await get(query, { api_key: key });
    expect(viaGet.status).toBe(200);
    expect(
      (viaGet.body.data?.workforce as { entityCode: string }[]).map((c) => c.entityCode),
    ).toEqual(['OCHA']);
    const viaHeader = await post(query, bearer(key));
    expect(viaHeader.body.data).toEqual(viaGet.body.data);
    // In the URL only on GET: a POST could carry it into logs and caches for no reason.
    const inPostUrl = await post(query, {}, `${server.url}?api_key=${key}`);
    expect(inPostUrl.status).toBe(401);

    const listed = await cli('keys', 'list');
    expect(listed.output).toContain(id);
    expect(listed.output).not.toContain(secret);
    const stored = await harness.dataSource.query('SELECT * FROM api_key');
    expect(JSON.stringify(stored)).not.toContain(secret);

    expect((await cli('keys', 'revoke', id)).code).toBe(0);
    const revoked = await get(query, { api_key: key });
    expect(revoked.status).toBe(401);
    expect(revoked.body.errors?.[0].message).toMatch(/revoked/);
    expect((await cli('keys', 'revoke', id)).code).toBe(1);

    const wrongSecret = `${key.slice(0, -4)}AAAA`;
    expect((await post(query, bearer(wrongSecret))).status).toBe(401);
    const expired = await createApiKey(harness.dataSource, {
      role: Role.HR,
      entities: null,
      label: 'old',
      expiresAt: new Date(Date.now() - 1000),
    });
    const expiredResponse = await post(query, bearer(expired.key));
    expect(expiredResponse.status).toBe(401);
    expect(expiredResponse.body.errors?.[0].message).toMatch(/expired/);
  });

  it('mints development tokens that a server with the development key accepts', async () => {
    const env = { ...cliEnv(harness.config.database, dir), DEV_KEY_FILE: join(dir, 'dev.json') };
    const out: string[] = [];
    const code = await runCli(
      ['node', 'reformgraph', 'token', '--role', 'hr', '--entity', 'DESA', '--ttl', '5m'],
      { env, out: (t) => out.push(t) },
    );
    expect(code).toBe(0);
    const devConfig = {
      ...loadConfig({ PORT: '0', HOST: '127.0.0.1', DEV_KEY_FILE: join(dir, 'dev.json') }),
      database: harness.config.database,
    };
    const devServer = await startServer(
      harness.dataSource,
      devConfig,
      pino({ level: 'silent' }),
      harness.catalog,
    );
    try {
      const res = await post(ENTITY_QUERY('DESA'), bearer(out.join('').trim()), devServer.url);
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
      // The test server trusts only its identity provider's keys, not the development key.
      expect((await post(ENTITY_QUERY('DESA'), bearer(out.join('').trim()))).status).toBe(401);
    } finally {
      await devServer.stop();
    }
    const production = await runCli(['node', 'reformgraph', 'token', '--role', 'hr'], {
      env: { ...env, NODE_ENV: 'production' },
      out: () => undefined,
      err: () => undefined,
    });
    expect(production).toBe(1);
  });
});
