import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

describe.each(databaseCases())('indicators > api > %s', (_name, database) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await openHarness(database, { seedScale: 0.2 });
    // Seeding scale 0.2 into MariaDB takes about a minute, several on a busy 2-core machine.
  }, 600_000);
  afterAll(() => harness?.close());

  it('refuses a period that is not a year or a span of years with BAD_USER_INPUT', async () => {
    for (const period of ['garbage', '99999999', '9999', '2021/2017', '']) {
      const result = await harness.execute(
        `{ indicator(code: "women-share-p-fs") { computed(period: ${JSON.stringify(period)}) } }`,
      );
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'period',
      });
    }
  });

  it('gives the gender parity indicator with series, target, status and reconciliation', async () => {
    const result = await harness.execute(`{
      indicator(code: "women-share-p-fs") {
        code outcome subject unit
        series { period value qualifier derived derivation source { document paragraph } }
        latest { period value }
        target { min max year }
        baseline { period value }
        status { status projectionYear projectedValue method }
        computationMethod
        computed(period: "2021")
        reconciliation { period published computed difference agrees publishedDerived }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const indicator = result.data?.indicator as Record<string, never>;
    expect(indicator).toMatchObject({
      outcome: 'DIVERSITY',
      subject: 'gender-parity',
      unit: 'PERCENT',
    });
    expect(
      (indicator.series as { period: string; value: number; derived: boolean }[]).map((o) => [
        o.period,
        o.value,
        o.derived,
      ]),
    ).toEqual([
      ['2016', 35, true],
      ['2020', 40.9, true],
      ['2021', 42.2, false],
    ]);
    expect(indicator.latest).toEqual({ period: '2021', value: 42.2 });
    expect(indicator.target).toEqual({ min: 47, max: 53, year: 2028 });
    expect(indicator.baseline).toEqual({ period: '2016', value: 35 });
    expect(indicator.status).toMatchObject({ status: 'ON_TRACK', projectionYear: 2028 });
    expect(Math.abs(Number(indicator.computed) - 42.2)).toBeLessThanOrEqual(0.3);
    const rows = indicator.reconciliation as {
      period: string;
      published: number;
      computed: number;
      agrees: boolean;
    }[];
    expect(rows.map((r) => r.period)).toEqual(['2016', '2020', '2021']);
    for (const row of rows) expect(row.agrees).toBe(true);
  });

  it('reconciles time to recruit within 2 days for every published year', async () => {
    const result = await harness.execute(
      '{ indicator(code: "time-to-recruit-days") { reconciliation { period published computed agrees } } }',
    );
    const rows = (
      result.data?.indicator as { reconciliation: { period: string; agrees: boolean }[] }
    ).reconciliation;
    expect(rows.map((r) => r.period)).toEqual(['2017', '2019', '2020', '2021']);
    expect(rows.every((r) => r.agrees)).toBe(true);
  });

  it('computes every computable indicator with batched queries: one GROUP BY per staffing measure, one table per year for representation', async () => {
    const result = await harness.execute(
      '{ indicators(filter: { computable: true }) { code reconciliation { period computed } } }',
    );
    expect(result.errors).toBeUndefined();
    const codes = (result.data?.indicators as { code: string }[]).map((i) => i.code).sort();
    expect(codes).toEqual([
      'appraisal-fairness-favourable-share',
      'disability-employee-empowerment-satisfaction-gap',
      'disciplinary-measures',
      'dismissal-separation-cases',
      'executive-programme-certified-senior-leaders',
      'language-courses-total',
      'management-leadership-programmes-beneficiaries',
      'manager-underperformance-confidence-favourable-share',
      'member-states-over-represented',
      'member-states-under-represented',
      'member-states-unrepresented',
      'member-states-within-range',
      'misconduct-cases-closed-annual-average',
      'misconduct-cases-received-annual-average',
      'online-language-courses',
      'resilience-programme-end-users',
      'resilience-programme-trained-professionals',
      'senior-leadership-course-participants-d1-d2',
      'senior-leadership-onboarding-beneficiaries',
      'staff-engagement-survey-participants',
      'staff-survey-disability-self-identification',
      'time-to-recruit-days',
      'well-being-blended-training-staff',
      'well-being-capacity-building-participants',
      'women-share-applicants-peace-operations',
      'women-share-p-fs',
    ]);
    // One statement per survey computation (over all its waves), from the rollups and the
    // respondent counts, never the answers.
    const survey = result.statements.filter((sql) => /eng_/.test(sql));
    expect(survey).toHaveLength(7);
    expect(survey.filter((sql) => /eng_answer/.test(sql))).toEqual([]);
    // The four conduct computations: one statement per fact (the two yearly averages over
    // 2017/2021 are the same cell, asked once).
    expect(result.statements.filter((sql) => /cond_case/.test(sql))).toHaveLength(1);
    expect(result.statements.filter((sql) => /cond_measure/.test(sql))).toHaveLength(1);
    // Learning: one statement per yearly series (all its years) or span, each a single cell.
    expect(result.statements.filter((sql) => /lrn_offering/.test(sql))).toHaveLength(2);
    expect(result.statements.filter((sql) => /lrn_enrolment/.test(sql))).toHaveLength(8);
    const groupBys = result.statements.filter((sql) =>
      /FROM\s+["`]fact_\w+["`] .*GROUP BY/is.test(sql),
    );
    const byNationality = groupBys.filter((sql) => /nationality_iso3/.test(sql));
    // Three staffing computations, each over all its years; the four representation counts share
    // one desirable-range table per published year (2017, 2019, 2021).
    expect(groupBys).toHaveLength(3 + 3);
    expect(byNationality).toHaveLength(3);
  });

  it('filters by outcome and subject, and answers NOT_FOUND for an unknown code', async () => {
    const result = await harness.execute(
      '{ indicators(filter: { outcomes: [DIVERSITY], subjects: ["geographical-distribution"] }) { code computationMethod reconciliation { period } } }',
    );
    const rows = result.data?.indicators as {
      code: string;
      computationMethod: string | null;
      reconciliation: unknown[];
    }[];
    expect(rows.map((r) => r.code).sort()).toEqual([
      'member-states-over-represented',
      'member-states-under-represented',
      'member-states-unrepresented',
      'member-states-within-range',
    ]);
    expect(rows.every((r) => r.computationMethod !== null && r.reconciliation.length > 0)).toBe(
      true,
    );
    const none = await harness.execute(
      '{ indicators(filter: { computable: false, subjects: ["conduct-and-discipline"] }) { code computationMethod reconciliation { period } } }',
    );
    const notComputable = none.data?.indicators as {
      computationMethod: string | null;
      reconciliation: unknown[];
    }[];
    expect(notComputable.length).toBeGreaterThan(0);
    expect(
      notComputable.every((r) => r.computationMethod === null && r.reconciliation.length === 0),
    ).toBe(true);
    const missing = await harness.execute('{ indicator(code: "nope") { code } }');
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('loads every transcribed figure', async () => {
    const result = await harness.execute('{ indicators { code series { period } } }');
    const all = result.data?.indicators as { series: unknown[] }[];
    expect(all).toHaveLength(79);
    expect(all.reduce((n, i) => n + i.series.length, 0)).toBe(104);
  });
});
