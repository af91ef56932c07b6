import { Authenticator, Role } from '../../src/shared/auth/principal';
import { ConfigError } from '../../src/config/config';
import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

describe('server > auth > tokens', () => {
  const auth = new Authenticator('analyst-token-123=analyst,hr-token-456789=hr:DESA|OCHA');

  it('is anonymous and public without a header', () => {
    expect(auth.authenticate(undefined)).toEqual({ role: Role.PUBLIC, entityScope: null });
  });

  it('maps a known token to its role and entity scope', () => {
    expect(auth.authenticate('Bearer hr-token-456789')).toEqual({
      role: Role.HR,
      entityScope: ['DESA', 'OCHA'],
    });
    expect(auth.authenticate('bearer analyst-token-123')).toEqual({
      role: Role.ANALYST,
      entityScope: null,
    });
  });

  it('refuses a wrong token or a malformed header as UNAUTHENTICATED', () => {
    for (const header of ['Bearer wrong-token-000', 'Basic abc', 'Bearer']) {
      expect(() => auth.authenticate(header)).toThrow(
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
        }),
      );
    }
  });

  it('rejects a malformed API_TOKENS setting at start-up', () => {
    expect(() => new Authenticator('short=hr')).toThrow(ConfigError);
    expect(() => new Authenticator('long-enough-token=admin')).toThrow(ConfigError);
  });
});

describe.each(databaseCases())('server > errors > %s', (_name, database) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await openHarness(database, {
      seedScale: 0.005,
      env: { MAX_QUERY_COMPLEXITY: '300', MAX_QUERY_DEPTH: '6', MAX_AGGREGATE_CELLS: '50' },
    });
  });
  afterAll(() => harness?.close());

  it('turns a syntax error into BAD_USER_INPUT', async () => {
    const result = await harness.execute('{ entities { code ');
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses an over-complex query before running any SQL', async () => {
    const result = await harness.execute(
      '{ staffRecords(first: 500) { nodes { staffId entity { code name } } } }',
    );
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/too complex/);
    expect(result.statements).toEqual([]);
  });

  it('refuses an over-deep query', async () => {
    const result = await harness.execute(
      '{ entities { parent { parent { parent { parent { parent { parent { code } } } } } } } }',
    );
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/depth/);
  });

  it('refuses an aggregate with more cells than MAX_AGGREGATE_CELLS', async () => {
    const result = await harness.execute(
      '{ workforce(year: 2021, groupBy: [ENTITY, GRADE, GENDER, NATIONALITY, AGE_BAND]) { headcount } }',
      { principal: { role: Role.ANALYST, entityScope: null } },
    );
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toMatch(/more than 50 cells/);
  });

  it('rejects an unknown enum value in a filter as BAD_USER_INPUT', async () => {
    const result = await harness.execute(
      '{ workforce(year: 2021, filter: { gradeCategories: [NOPE] }) { headcount } }',
    );
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('masks internal errors when the database has gone away: no SQL, no driver message', async () => {
    await harness.dataSource.destroy();
    const result = await harness.execute('{ workforce(year: 2021) { headcount } }');
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({
      message: 'Internal server error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(result.errors)).not.toMatch(/SELECT|fact_staff_year|stack/i);
    await harness.dataSource.initialize();
  });
});
