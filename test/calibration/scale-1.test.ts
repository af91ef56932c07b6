import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '../../src/shared/auth/principal';
import { DATASET_MODULES } from '../../src/datasets/modules';
import { WORKFORCE } from '../../src/datasets/staffing';
import { openDataSource } from '../../src/db/data-source';
import { migrateDatabase } from '../../src/shared/loading/migrate';
import { silentLogger } from '../../src/shared/logging/logger';
import { createCatalog } from '../../src/shared/modules/catalog';
import { utility } from '../support/averaging';
import { cliInChildProcess } from '../support/cli-process';
import { cliEnv, databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';
import { seedFromTemplate } from '../support/seeded-templates';

/**
 * The acceptance check of the foundation: at scale 1 the hub, queried like any client, gives the
 * report's figures (A/77/590/Add.1 paras 3, 6 and 21). The database holds the demo data first
 * (what `npm start` loads), then is seeded at scale 1 as a new user would do it, through the CLI,
 * so this also shows that a second seed replaces the first instead of mixing with it.
 */
describe.each(databaseCases())(
  'calibration at scale 1, seeded over the demo data > staffing, representation, survey, conduct, learning, indicators > %s',
  (_name, database) => {
    let harness: Harness;
    let seedDir: string;
    const output: string[] = [];
    beforeAll(async () => {
      seedDir = await mkdtemp(join(tmpdir(), 'rg-calibration-'));
      harness = await openHarness(database, {
        file: true,
        prepare: async (config) => {
          // The demo data `npm start` seeds (scale 0.1, seed 1), from the run's template of it
          // (seeded by the same CLI, once for all suites)...
          const catalog = createCatalog(DATASET_MODULES);
          const demo = await openDataSource(config, catalog, silentLogger);
          await migrateDatabase(demo, catalog);
          await seedFromTemplate(demo, { scale: 0.1 });
          await demo.destroy();
          // ...then scale 1 over it, as a user would: the CLI in a process of its own.
          output.push(await cliInChildProcess(['seed', '--scale', '1'], cliEnv(config, seedDir)));
        },
      });
    }, 900_000);
    afterAll(async () => {
      await harness?.close();
      await rm(seedDir, { recursive: true, force: true });
    });

    it('says the second seed replaced the demo data, and the datasets show scale 1', async () => {
      expect(output.join('')).toMatch(
        /^staffing: replaced version 1 \(synthetic \(seed 1, scale 0\.1\), [\d,]+ rows\) with version 2 \(synthetic \(seed 1, scale 1\), [\d,]+ rows\)$/m,
      );
      const result = await harness.execute(
        '{ datasets { name version synthetic parts { importer scale } } }',
      );
      const staffing = (
        result.data?.datasets as {
          name: string;
          version: number;
          parts: { importer: string; scale: number }[];
        }[]
      ).find((d) => d.name === 'staffing');
      expect(staffing?.version).toBe(2);
      expect(staffing?.parts.map((p) => p.scale)).toEqual([1, 1]);
    });

    it("gives women's share of P+ and FS staff as published", async () => {
      const result = await harness.execute(`{
      workforce(groupBy: [YEAR], filter: { gradeCategories: [PROFESSIONAL_AND_HIGHER, FIELD_SERVICE] }) {
        year headcount womenShare
      }
    }`);
      expect(result.errors).toBeUndefined();
      const byYear = new Map(
        (result.data?.workforce as { year: number; womenShare: number }[]).map((c) => [
          c.year,
          c.womenShare,
        ]),
      );
      // Through the public role, so perturbed: the headline figure still reads 42.2 within 0.1.
      expect(result.extensions?.disclosure).toMatchObject({ role: 'PUBLIC' });
      expect(Math.abs((byYear.get(2021) ?? 0) - 42.2)).toBeLessThanOrEqual(0.1);
      expect(Math.abs((byYear.get(2020) ?? 0) - 40.9)).toBeLessThanOrEqual(0.3);
      expect(Math.abs((byYear.get(2016) ?? 0) - 35.0)).toBeLessThanOrEqual(0.3);
    });

    it('still serves analysts: at least 95% of workforce cells of 20 or more people are shown within ±2 or 5%, public and analyst', async () => {
      const hr = { role: Role.HR, entityScope: null };
      for (const principal of [undefined, { role: Role.ANALYST, entityScope: null }]) {
        const rows = await utility(harness, WORKFORCE, 'headcount', 2021, principal, hr);
        process.stdout.write(
          `utility at scale 1 (${principal?.role ?? 'PUBLIC'}): ${JSON.stringify(rows)}\n`,
        );
        const large = rows.reduce((s, r) => s + r.large, 0);
        const close = rows.reduce((s, r) => s + r.close, 0);
        expect(close / large).toBeGreaterThanOrEqual(0.95);
      }
    });

    it('gives average time to recruit as published', async () => {
      const result = await harness.execute(
        '{ recruitment(groupBy: [YEAR]) { year recruitments averageDaysToRecruit } }',
      );
      const byYear = new Map(
        (result.data?.recruitment as { year: number; averageDaysToRecruit: number }[]).map((c) => [
          c.year,
          c.averageDaysToRecruit,
        ]),
      );
      for (const [year, days] of [
        [2017, 159],
        [2019, 134],
        [2020, 158],
        [2021, 182],
      ] as const) {
        expect(Math.abs((byYear.get(year) ?? 0) - days)).toBeLessThanOrEqual(2);
      }
    });

    it('reproduces the representation summary of para 3 for 2017, 2019 and 2021', async () => {
      const result = await harness.execute(
        '{ representationTrend(yearFrom: 2016, yearTo: 2022) { year status count } }',
      );
      expect(result.errors).toBeUndefined();
      const rows = result.data?.representationTrend as {
        year: number;
        status: string;
        count: number;
      }[];
      const summary = (year: number) =>
        Object.fromEntries(rows.filter((r) => r.year === year).map((r) => [r.status, r.count]));
      expect(summary(2017)).toEqual({
        WITHIN_RANGE: 103,
        UNDER_REPRESENTED: 44,
        UNREPRESENTED: 19,
        OVER_REPRESENTED: 27,
      });
      expect(summary(2019)).toMatchObject({ WITHIN_RANGE: 108, UNDER_REPRESENTED: 34 });
      expect(summary(2021)).toEqual({
        WITHIN_RANGE: 106,
        UNDER_REPRESENTED: 36,
        UNREPRESENTED: 21,
        OVER_REPRESENTED: 30,
      });
      for (const year of [2016, 2017, 2018, 2019, 2020, 2021, 2022]) {
        expect(Object.values(summary(year)).reduce((a, b) => a + b, 0)).toBe(193);
      }
    });

    it('reconciles the geographical indicators exactly', async () => {
      const result = await harness.execute(
        '{ indicators(filter: { subjects: ["geographical-distribution"] }) { code reconciliation { period published computed agrees } } }',
      );
      const rows = (result.data?.indicators as { reconciliation: { agrees: boolean }[] }[]).flatMap(
        (i) => i.reconciliation,
      );
      expect(rows).toHaveLength(10);
      expect(rows.every((r) => r.agrees)).toBe(true);
    });

    it('returns limits anyone can recompute by hand from the inputs the API returns', async () => {
      const result = await harness.execute(`{
      desirableRangeInputs(year: 2021) {
        baseFigure memberStates totalAssessmentRate totalPopulation
        parameters { membershipWeight populationWeight contributionWeight flexibility minHalfWidth minUpperLimit }
      }
      memberStates {
        iso3
        representation(year: 2021) {
          staffCount lowerLimit midpoint upperLimit status
          inputs { assessmentRate population source }
        }
      }
    }`);
      expect(result.errors).toBeUndefined();
      const y = result.data?.desirableRangeInputs as {
        baseFigure: number;
        memberStates: number;
        totalAssessmentRate: number;
        totalPopulation: number;
        parameters: Record<string, number>;
      };
      const p = y.parameters;
      const states = result.data?.memberStates as {
        representation: {
          staffCount: number;
          lowerLimit: number;
          midpoint: number;
          upperLimit: number;
          status: string;
          inputs: { assessmentRate: number; population: number; source: string };
        };
      }[];
      expect(y.memberStates).toBe(193);
      expect(states.reduce((n, s) => n + s.representation.staffCount, 0)).toBe(y.baseFigure);
      for (const { representation: r } of states) {
        const midpoint =
          (p.membershipWeight * y.baseFigure) / y.memberStates +
          (p.populationWeight * y.baseFigure * r.inputs.population) / y.totalPopulation +
          (p.contributionWeight * y.baseFigure * r.inputs.assessmentRate) / y.totalAssessmentRate;
        const half = Math.max(p.flexibility * midpoint, p.minHalfWidth);
        expect(r.midpoint).toBeCloseTo(midpoint, 6);
        expect(r.lowerLimit).toBeCloseTo(Math.max(0, midpoint - half), 6);
        expect(r.upperLimit).toBeCloseTo(Math.max(midpoint + half, p.minUpperLimit), 6);
        const expected =
          r.staffCount === 0
            ? 'UNREPRESENTED'
            : r.staffCount < r.lowerLimit
              ? 'UNDER_REPRESENTED'
              : r.staffCount > r.upperLimit
                ? 'OVER_REPRESENTED'
                : 'WITHIN_RANGE';
        expect(r.status).toBe(expected);
        expect(r.inputs.source).toMatch(/^synthetic/);
      }
    });

    it('has about 36,000 staff a year, 2016-2022', async () => {
      const query = '{ workforce(groupBy: [YEAR]) { year headcount } }';
      const hr = { role: Role.HR, entityScope: null };
      const exact = (await harness.execute(query, { principal: hr })).data?.workforce as {
        year: number;
        headcount: number;
      }[];
      expect(exact.map((c) => c.year)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022]);
      for (const cell of exact) expect(cell.headcount).toBe(36_000);
      const perturbed = (await harness.execute(query)).data?.workforce as { headcount: number }[];
      for (const cell of perturbed)
        expect(Math.abs(cell.headcount - 36_000)).toBeLessThanOrEqual(2);
    });

    it('gives the engagement survey figures of paras 13, 30 and 43 through GraphQL', async () => {
      const waves = (await harness.execute('{ engagementWaves { year participants } }')).data
        ?.engagementWaves as { year: number; participants: number }[];
      expect(waves).toEqual([
        { year: 2017, participants: 14_622 },
        { year: 2019, participants: expect.any(Number) as number },
        { year: 2021, participants: 17_814 },
      ]);
      const favourable = async (wave: number, question: string) => {
        const result = await harness.execute(
          `{ engagement(wave: ${wave}, filter: { questionCodes: ["${question}"] }) { disclosure cells { favourable } } }`,
        );
        const engagement = result.data?.engagement as {
          disclosure: string;
          cells: { favourable: number }[];
        };
        expect(engagement.disclosure).toBe('PERTURBED');
        return engagement.cells[0].favourable;
      };
      expect(Math.abs((await favourable(2021, 'PM-FAIRNESS')) - 78)).toBeLessThanOrEqual(1);
      expect(Math.abs((await favourable(2019, 'PM-FAIRNESS')) - 71)).toBeLessThanOrEqual(1);
      expect(Math.abs((await favourable(2021, 'PM-UNDERPERF')) - 69)).toBeLessThanOrEqual(1);
      expect(Math.abs((await favourable(2019, 'PM-UNDERPERF')) - 61)).toBeLessThanOrEqual(1);
    });

    it('reconciles the survey indicators with the report', async () => {
      const result = await harness.execute(
        '{ indicators(filter: { subjects: ["staff-engagement", "performance-management", "disability-inclusion"] }) { code reconciliation { period published computed agrees } } }',
      );
      expect(result.errors).toBeUndefined();
      const rows = (
        result.data?.indicators as {
          code: string;
          reconciliation: { period: string; computed: number | null; agrees: boolean }[];
        }[]
      ).flatMap((i) => i.reconciliation.map((r) => ({ code: i.code, ...r })));
      const survey = rows.filter((r) =>
        /staff-engagement-survey-participants|appraisal-fairness|underperformance|staff-survey-disability|disability-employee-empowerment/.test(
          r.code,
        ),
      );
      // participants 2017 and 2021, appraisal fairness and underperformance 2019 and 2021,
      // disability self-identification 2019 and 2021, the empowerment gap 2021
      expect(survey.length).toBeGreaterThanOrEqual(9);
      expect(survey.filter((r) => !r.agrees)).toEqual([]);
    });

    it('gives the disciplinary measures and separations of para 33 exactly to the conduct role', async () => {
      const conduct = { role: Role.CONDUCT, entityScope: null };
      const result = await harness.execute(
        '{ disciplinaryMeasures(groupBy: [YEAR], filter: { years: [2017, 2021] }) { year measures separations disclosure } conduct(groupBy: [YEAR], filter: { yearFrom: 2017, yearTo: 2021 }) { year received closed } }',
        { principal: conduct },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.disciplinaryMeasures).toEqual([
        { year: 2017, measures: 41, separations: 28, disclosure: 'EXACT' },
        { year: 2021, measures: 84, separations: 63, disclosure: 'EXACT' },
      ]);
      const years = result.data?.conduct as { year: number; received: number; closed: number }[];
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
      expect(years).toHaveLength(5);
      expect(mean(years.map((y) => y.received))).toBe(154);
      expect(mean(years.map((y) => y.closed))).toBe(130);
      // 2020 lower than the trend: below each of its neighbours.
      const received = new Map(years.map((y) => [y.year, y.received]));
      expect(received.get(2020)).toBeLessThan(Math.min(received.get(2019)!, received.get(2021)!));
    });

    it('gives the learning figures of paras 11, 24, 25 and 37 through GraphQL', async () => {
      const result = await harness.execute(
        '{ learningOfferings(filter: { years: [2019, 2020], programmes: [LANGUAGE] }, groupBy: [YEAR, DELIVERY]) { year delivery coursesOffered disclosure } }',
      );
      expect(result.errors).toBeUndefined();
      const cells = result.data?.learningOfferings as {
        year: number;
        delivery: string;
        coursesOffered: number;
        disclosure: string;
      }[];
      const offered = (year: number, delivery?: string) =>
        cells
          .filter((c) => c.year === year && (!delivery || c.delivery === delivery))
          .reduce((a, c) => a + c.coursesOffered, 0);
      expect(offered(2019, 'ONLINE')).toBe(130);
      expect(offered(2020, 'ONLINE')).toBe(351);
      expect(offered(2019)).toBe(481);
      expect(cells.every((c) => c.disclosure === 'PUBLISHED')).toBe(true);
      const indicators = await harness.execute(
        '{ indicators(filter: { subjects: ["multilingualism", "learning", "health-and-well-being"] }) { code reconciliation { period agrees } } }',
      );
      const rows = (
        indicators.data?.indicators as {
          code: string;
          reconciliation: { period: string; agrees: boolean }[];
        }[]
      ).flatMap((i) => i.reconciliation.map((r) => ({ code: i.code, ...r })));
      // online 2019 and 2020, total 2019, and the eight programme figures
      expect(rows).toHaveLength(11);
      expect(rows.filter((r) => !r.agrees)).toEqual([]);
    });

    it('reconciles the conduct indicators with the report (public role, perturbed)', async () => {
      const result = await harness.execute(
        '{ indicators(filter: { subjects: ["conduct-and-discipline"] }) { code reconciliation { period published computed agrees } } }',
      );
      expect(result.errors).toBeUndefined();
      const rows = (
        result.data?.indicators as {
          code: string;
          reconciliation: { period: string; computed: number | null; agrees: boolean }[];
        }[]
      ).flatMap((i) =>
        i.reconciliation.map((r) => ({ code: i.code, period: r.period, agrees: r.agrees })),
      );
      // measures and separations 2017 and 2021, the two averages over 2017/2021
      expect(rows).toHaveLength(6);
      expect(rows.filter((r) => !r.agrees)).toEqual([]);
    });
  },
);
