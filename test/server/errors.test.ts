import { ConfigError, loadConfig } from '../../src/config/config';
import { DevTokens } from '../../src/shared/auth/dev-tokens';
import { Role } from '../../src/shared/auth/principal';
import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

describe('server > auth > development tokens (API_TOKENS)', () => {
  const tokens = new DevTokens('analyst-token-123=analyst,hr-token-456789=hr:DESA|OCHA');

  it('maps a known token to its role and entity scope, and an unknown one to nothing', () => {
    expect(tokens.find('hr-token-456789')).toEqual({
      role: Role.HR,
      entityScope: ['DESA', 'OCHA'],
      subject: 'dev-token:2',
    });
    expect(tokens.find('analyst-token-123')).toMatchObject({
      role: Role.ANALYST,
      entityScope: null,
    });
    expect(tokens.find('wrong-token-000')).toBeNull();
  });

  it('rejects a malformed API_TOKENS setting at start-up, and any in production', () => {
    expect(() => new DevTokens('short=hr')).toThrow(ConfigError);
    expect(() => new DevTokens('long-enough-token=admin')).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', API_TOKENS: 'hr-token-456789=hr' })).toThrow(
      /refused when NODE_ENV=production/,
    );
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

  it('says SERVICE_UNAVAILABLE when the database has gone away: no SQL, no driver message', async () => {
    await harness.dataSource.destroy();
    const result = await harness.execute('{ workforce(year: 2021) { headcount } }');
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({
      message: 'The database is unavailable; try again shortly.',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(JSON.stringify(result.errors)).not.toMatch(/SELECT|fact_staff_year|stack/i);
    await harness.dataSource.initialize();
  });
});
