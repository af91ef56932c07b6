import { silentLogger } from '../../src/shared/logging/logger';
import { startServer, type RunningServer } from '../../src/server/server';
import { databaseCases } from '../support/databases';
import { startGateway, startOfficeDirectory, type RunningService } from '../support/federation';
import { openHarness, type Harness } from '../support/harness';
import { statementsServed } from '../support/hub-metrics';

interface Answer {
  status: number;
  data: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
  /** SQL statements the hub ran while this answer was made (its own metrics). */
  hubStatements: number;
}

const HR = 'hr-federation-token';
const OCHA = 'ocha-federation-token';

/**
 * The hub as an Apollo Federation 2 subgraph, for real: Apollo's gateway composes it with a
 * second service (an office directory that references `Entity` by code) from both services'
 * `_service { sdl }`, and plans queries across them. What must hold through the gateway: the
 * same answers as asking the hub directly, the same SQL statements (references are batched
 * through the hub's loaders), and the caller's role and scope (the forwarded credential).
 */
describe.each(databaseCases())('server > federation > %s', (_name, database) => {
  let harness: Harness;
  let hub: RunningServer;
  let directory: RunningService;
  let gateway: RunningService & { extensions: Record<string, unknown>[] };
  let codes: string[];

  beforeAll(async () => {
    harness = await openHarness(database, {
      seedScale: 0.05,
      seedDatasets: ['dimensions', 'staffing'],
      env: { API_TOKENS: `${HR}=hr,${OCHA}=analyst:OCHA` },
    });
    hub = await startServer(
      harness.dataSource,
      {
        ...harness.config,
        port: 0,
        host: '127.0.0.1',
        // Statement counts compare a direct answer with one through the gateway: none cached.
        cache: { ...harness.config.cache, enabled: false },
      },
      silentLogger,
      harness.catalog,
    );
    const entities = (await ask(hub.url, '{ entities { code } }')).data?.entities as {
      code: string;
    }[];
    codes = entities.map((entity) => entity.code);
    directory = await startOfficeDirectory(
      codes.map((code, i) => ({ id: `office-${i}`, entityCode: code, room: `S-${1000 + i}` })),
    );
    gateway = await startGateway([
      { name: 'reform', url: hub.url },
      { name: 'offices', url: directory.url },
    ]);
  }, 240_000);
  afterAll(async () => {
    await gateway?.stop();
    await directory?.stop();
    await hub?.stop();
    await harness?.close();
  });

  const statementsSoFar = () => statementsServed(hub.origin);
  async function ask(
    url: string,
    query: string,
    token?: string,
    variables?: Record<string, unknown>,
  ): Promise<Answer> {
    const before = hub ? await statementsSoFar() : 0;
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as Omit<Answer, 'status' | 'hubStatements'>;
    return {
      status: res.status,
      ...body,
      hubStatements: hub ? (await statementsSoFar()) - before : 0,
    };
  }
  const byCode = <T extends { code: string }>(rows: T[]): Record<string, T> =>
    Object.fromEntries(rows.map((row) => [row.code, row]));

  it('serves its SDL as a Federation 2 subgraph, with @key on the dimensions other services reference', async () => {
    const answer = await ask(hub.url, '{ _service { sdl } }');
    const sdl = (answer.data?._service as { sdl: string }).sdl;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.3"');
    expect(sdl).toMatch(/type Entity @key\(fields: "code"\)/);
    expect(sdl).toMatch(/type MemberState @key\(fields: "iso3"\)/);
    expect(sdl).toMatch(/type DutyStation @key\(fields: "code"\)/);
    expect(sdl).toMatch(/type Grade @key\(fields: "code"\)/);
  });

  it('answers a query that starts in the other service and reads 86 entities from the hub, with the statements of the direct query', async () => {
    expect(codes).toHaveLength(86);
    const fields = 'code name kind workforce(year: 2021) { headcount womenShare }';
    const through = await ask(gateway.url, `{ offices { room entity { ${fields} } } }`, HR);
    expect(through.errors).toBeUndefined();
    const offices = through.data?.offices as { room: string; entity: { code: string } }[];
    expect(offices).toHaveLength(86);
    const direct = await ask(
      hub.url,
      `query ($codes: [String!]) { entities(codes: $codes) { ${fields} } }`,
      HR,
      {
        codes,
      },
    );
    expect(byCode(offices.map((office) => office.entity))).toEqual(
      byCode(direct.data?.entities as { code: string }[]),
    );
    // One lookup of the 86 references and one aggregate, as for the direct query.
    expect(through.hubStatements).toBe(direct.hubStatements);
    expect(through.hubStatements).toBeLessThanOrEqual(3);
  });

  it('answers a query that starts in the hub and adds the other service’s field, with the hub’s statements unchanged', async () => {
    const through = await ask(gateway.url, '{ entities { code name office { room } } }', HR);
    expect(through.errors).toBeUndefined();
    const entities = through.data?.entities as { code: string; office: { room: string } }[];
    expect(entities).toHaveLength(86);
    expect(entities.every((entity) => /^S-\d+$/.test(entity.office.room))).toBe(true);
    const direct = await ask(hub.url, '{ entities { code name } }', HR);
    expect(through.hubStatements).toBe(direct.hubStatements);
  });

  it('passes the caller’s role and scope through: each answer equals the hub’s own for that credential, and a request without one is the public role', async () => {
    const fields = 'code workforce(year: 2021) { headcount }';
    const answers: Record<string, unknown>[] = [];
    for (const token of [undefined, HR, OCHA]) {
      const through = await ask(gateway.url, `{ offices { entity { ${fields} } } }`, token);
      const direct = await ask(
        hub.url,
        `query ($codes: [String!]) { entities(codes: $codes) { ${fields} } }`,
        token,
        {
          codes,
        },
      );
      const listed = (through.data?.offices as { entity: { code: string } }[]).map(
        (office) => office.entity,
      );
      const entities = byCode(listed);
      expect(entities).toEqual(byCode(direct.data?.entities as { code: string }[]));
      // The same refusals, at the same entities: the analyst of OCHA may read OCHA's cell only.
      const refused = (answer: Answer, codeAt: (index: number) => string) =>
        (answer.errors ?? [])
          .map((e) => `${codeAt(Number(e.path?.[1]))} ${e.extensions?.code}`)
          .sort();
      const refusedThrough = refused(through, (i) => listed[i].code);
      expect(refusedThrough).toEqual(refused(direct, (i) => codes[i]));
      expect(refusedThrough).toHaveLength(token === OCHA ? 85 : 0);
      answers.push(entities);
    }
    // Credentials made a difference: the public answer is perturbed, HR's is exact.
    expect(answers[0]).not.toEqual(answers[1]);
  });

  it('resolves references one by one as the gateway sends them: unknown keys are null, a reference without its key is BAD_USER_INPUT, a flood is refused before it runs', async () => {
    const query =
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Entity { code name } ... on MemberState { iso3 name } } }';
    const known = await ask(hub.url, query, undefined, {
      r: [
        { __typename: 'Entity', code: 'OCHA' },
        { __typename: 'Entity', code: 'NO-SUCH-ENTITY' },
        { __typename: 'MemberState', iso3: 'KEN' },
      ],
    });
    expect(known.errors).toBeUndefined();
    expect(known.data?._entities).toEqual([
      { code: 'OCHA', name: expect.any(String) },
      null,
      { iso3: 'KEN', name: 'Kenya' },
    ]);
    const keyless = await ask(hub.url, query, undefined, { r: [{ __typename: 'Entity' }] });
    expect(keyless.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const flood = await ask(hub.url, query, undefined, {
      // Each reference multiplies the cost of what is asked of it, as `first` and `codes` do.
      r: Array.from({ length: 6_000 }, (_, i) => ({ __typename: 'Entity', code: `X${i}` })),
    });
    expect(flood.status).toBe(400);
    expect(flood.errors?.[0].message).toMatch(/complexity|cost/i);
    expect(flood.hubStatements).toBe(0);
  });
});
