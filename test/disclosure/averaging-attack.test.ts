import { ENGAGEMENT } from '../../src/datasets/engagement';
import { LEARNING_COVERAGE } from '../../src/datasets/learning/learning.facts';
import { WORKFORCE } from '../../src/datasets/staffing';
import type { FactDefinition } from '../../src/shared/facts/aggregate.definition';
import { Role, type Principal } from '../../src/shared/auth/principal';
import * as protection from '../../src/shared/disclosure/cell-protection';
import {
  ask,
  random,
  routeAttack,
  supersetAttack,
  type Asker,
  type Score,
  type Target,
  utility,
} from '../support/averaging';
import { databaseCases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';
import { surveyRollupGrouping } from '../support/survey-rollup';

const ANALYST: Principal = { role: Role.ANALYST, entityScope: null };
const HR: Principal = { role: Role.HR, entityScope: null };
const PUBLIC: Principal | undefined = undefined;

/** Values of the staffing dimensions the routes use (public reference). */
const STAFF_VALUES: Record<string, readonly string[]> = {
  GENDER: ['FEMALE', 'MALE'],
  GRADE_CATEGORY: [
    'PROFESSIONAL_AND_HIGHER',
    'FIELD_SERVICE',
    'NATIONAL_PROFESSIONAL_OFFICER',
    'GENERAL_SERVICE',
  ],
  GEOGRAPHICAL: ['true', 'false'],
  YPP: ['true', 'false'],
  AGE_BAND: ['UNDER_30', 'AGE_30_39', 'AGE_40_49', 'AGE_50_59', 'AGE_60_PLUS'],
};
const CONTRACT_TYPES = ['PERMANENT', 'CONTINUING', 'FIXED_TERM', 'TEMPORARY'];

/**
 * The acceptance test of issue 29: attackers that average many different answers differing by
 * the same people, on the demo data, for every role that does not see exact values. Each is
 * scored against the guesser who always answers the most common small value, over all targets
 * and over the targets it had an estimate for. A weakened engine (the answers of a value list
 * protected as one set, no parents checked) is attacked too: the same attacker must win there.
 */
describe.each(databaseCases())(
  'disclosure > averaging attacks on the demo data > %s',
  (name, database) => {
    let harness: Harness;
    const report: Score[] = [];
    const asker = (fact: FactDefinition, principal?: Principal): Asker => ({
      harness,
      fact,
      period: 2021,
      principal,
    });
    /** Small cells (true 1..t-1) of a grouping, as the hr role sees them (staffing). */
    async function staffTargets(grouping: [string, string]): Promise<Target[]> {
      const fact: FactDefinition = WORKFORCE;
      const [cells] = await ask(asker(WORKFORCE, HR), [
        { groupBy: grouping, measures: ['headcount'] },
      ]);
      return (cells ?? []).flatMap((cell) => {
        const n = Number(cell.headcount);
        const a = String(cell[fact.dimensions[grouping[0]].field]);
        const b = String(cell[fact.dimensions[grouping[1]].field]);
        return n >= 1 && n < WORKFORCE.threshold ? [{ a, b, truth: n }] : [];
      });
    }
    /** Small respondent counts of a survey grouping, from the rollups (no role sees them). */
    async function surveyTargets(grouping: [string, string]): Promise<Target[]> {
      const {
        mask,
        columns: [a, b],
      } = surveyRollupGrouping(harness.dataSource, grouping);
      const rows: Record<string, unknown>[] = await harness.dataSource.query(
        `SELECT ${a} AS a, ${b} AS b, respondents FROM eng_rollup WHERE wave = 2021 AND grouping_set = ?`,
        [mask],
      );
      return rows.flatMap((row) => {
        const n = Number(row.respondents);
        return n >= 1 && n < ENGAGEMENT.threshold
          ? [{ a: String(row.a), b: String(row.b), truth: n }]
          : [];
      });
    }
    const sample = <T>(items: readonly T[], n: number, seed: number): T[] => {
      const next = random(seed);
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j], copy[i]];
      }
      return copy.slice(0, n);
    };
    let entities: string[] = [];
    let kindOf = new Map<string, string>();
    const holds = (s: Score) => {
      expect(s.attackerHits).toBeLessThanOrEqual(s.guesserHits);
      expect(s.attackerHitsAnswered).toBeLessThanOrEqual(s.guesserHitsAnswered);
    };

    beforeAll(async () => {
      harness = await openHarness(database, { seedScale: 0.1 });
      const rows: { code: string; kind: string }[] = await harness.dataSource.query(
        'SELECT code, kind FROM dim_entity',
      );
      entities = rows.map((r) => r.code).sort();
      kindOf = new Map(rows.map((r) => [r.code, r.kind]));
    }, 300_000);
    afterAll(async () => {
      process.stdout.write(`${JSON.stringify(report, null, 1)}\n`);
      await harness?.close();
    });

    /** The superset attack on staffing groupings, as a principal. */
    async function staffSupersets(principal: Principal | undefined, label: string) {
      const scores: Score[] = [];
      for (const [i, grouping] of (
        [
          ['ENTITY', 'GENDER'],
          ['ENTITY', 'GRADE_CATEGORY'],
          ['ENTITY', 'AGE_BAND'],
        ] as [string, string][]
      ).entries()) {
        const targets = sample(await staffTargets(grouping), 10, 100 + i);
        expect(targets.length).toBe(10);
        const { score } = await supersetAttack(asker(WORKFORCE, principal), {
          name: `${label}: workforce ${grouping.join(' × ')}, 40 supersets`,
          grouping,
          measure: 'headcount',
          targets,
          others: entities,
          supersets: 40,
          seed: 7 + i,
        });
        scores.push(score);
      }
      return scores;
    }

    it('superset differencing with value lists, averaged over 40 lists per target, gains nothing (analyst, staffing)', async () => {
      const scores = await staffSupersets(ANALYST, 'analyst');
      report.push(...scores);
      for (const s of scores) holds(s);
    }, 600_000);

    it('superset differencing on the survey gains nothing, for analyst and hr; no lone respondent answer is recovered', async () => {
      for (const principal of [ANALYST, HR]) {
        for (const [i, grouping] of (
          [
            ['ENTITY', 'GENDER'],
            ['ENTITY', 'GRADE_BAND'],
          ] as [string, string][]
        ).entries()) {
          const targets = sample(await surveyTargets(grouping), 8, 200 + i);
          expect(targets.length).toBe(8);
          const { score } = await supersetAttack(asker(ENGAGEMENT, principal), {
            name: `${principal.role}: engagement ${grouping.join(' × ')}, 40 supersets`,
            grouping,
            measure: 'respondents',
            targets,
            others: entities,
            supersets: 40,
            seed: 17 + i,
          });
          report.push(score);
          holds(score);
        }
      }
      // Lone respondents (one in their entity × gender): was their answer to the appraisal
      // fairness question favourable? The attacker estimates their favourable answers as the mean
      // of favourable(X ∪ W) − favourable(W); the guesser always says the commoner answer.
      const lone: { a: string; b: string; favourable: boolean }[] = await loneRespondents();
      expect(lone.length).toBeGreaterThanOrEqual(5);
      const share = lone.filter((r) => r.favourable).length / lone.length;
      const guesser = Math.max(share, 1 - share) * lone.length;
      for (const principal of [ANALYST, HR]) {
        let hits = 0;
        const next = random(31);
        for (const target of lone) {
          const requests = [];
          for (let s = 0; s < 10; s++) {
            const w = new Set<string>();
            while (w.size < 5) {
              const e = entities[Math.floor(next() * entities.length)];
              if (e !== target.a) w.add(e);
            }
            for (const list of [[target.a, ...w], [...w]])
              requests.push({
                groupBy: [],
                filter: { ENTITY: list, GENDER: [target.b], QUESTION: ['PM-FAIRNESS'] },
                measures: ['answers', 'favourable'],
              });
          }
          const answers = await ask(asker(ENGAGEMENT, principal), requests);
          const favourable = (cells: Record<string, unknown>[] | null) => {
            const cell = cells?.[0];
            return typeof cell?.favourable === 'number' && typeof cell.answers === 'number'
              ? (cell.favourable * cell.answers) / 100
              : 0;
          };
          let sum = 0;
          for (let j = 0; j < answers.length; j += 2)
            sum += favourable(answers[j]) - favourable(answers[j + 1]);
          const estimate = sum / (answers.length / 2) >= 0.5;
          if (estimate === target.favourable) hits += 1;
        }
        report.push({
          name: `${principal.role}: lone respondent's appraisal-fairness answer (hits vs the commoner answer)`,
          targets: lone.length,
          attackerHits: hits,
          guesserHits: guesser,
          answered: lone.length,
          attackerHitsAnswered: hits,
          guesserHitsAnswered: guesser,
          queries: lone.length * 20,
        });
        expect(hits).toBeLessThanOrEqual(guesser);
      }
    }, 600_000);

    /** Respondents alone in their entity × gender in 2021, with their PM-FAIRNESS answer. */
    async function loneRespondents(): Promise<{ a: string; b: string; favourable: boolean }[]> {
      const rows: { a: string; b: string; value: number | string }[] =
        await harness.dataSource.query(
          `SELECT r.entity_code AS a, r.gender AS b, x.value AS value
           FROM eng_respondent r JOIN eng_answer x
             ON x.wave = r.wave AND x.respondent_id = r.respondent_id AND x.question_code = 'PM-FAIRNESS'
           WHERE r.wave = 2021 AND (
             SELECT COUNT(*) FROM eng_respondent o
             WHERE o.wave = r.wave AND o.entity_code = r.entity_code AND o.gender = r.gender) = 1`,
        );
      return rows.map((r) => ({ a: r.a, b: r.b, favourable: Number(r.value) >= 4 }));
    }

    it('averaging every route the shape rules allow gains nothing (public and analyst, staffing)', async () => {
      const kinds = { dimension: 'ENTITY_KIND', of: kindOf };
      for (const principal of [PUBLIC, ANALYST]) {
        for (const grouping of [
          ['ENTITY', 'GENDER'],
          ['ENTITY', 'GRADE_CATEGORY'],
        ] as [string, string][]) {
          const targets = await staffTargets(grouping);
          const partitions = { ...STAFF_VALUES, CONTRACT_TYPE: CONTRACT_TYPES };
          const s = await routeAttack(asker(WORKFORCE, principal), {
            name: `${principal?.role ?? 'PUBLIC'}: workforce ${grouping.join(' × ')}, every route`,
            grouping,
            measure: 'headcount',
            targets,
            bValues: STAFF_VALUES[grouping[1]],
            partitions,
            contexts: {
              GEOGRAPHICAL: ['true', 'false'],
              YPP: ['true', 'false'],
              CONTRACT_TYPE: CONTRACT_TYPES,
            },
            parent: kinds,
          });
          report.push(s);
          holds(s);
        }
      }
    }, 600_000);

    it('averaging every route gains nothing on the survey (public and hr)', async () => {
      for (const principal of [PUBLIC, HR]) {
        const targets = await surveyTargets(['ENTITY', 'GENDER']);
        const s = await routeAttack(asker(ENGAGEMENT, principal), {
          name: `${principal?.role ?? 'PUBLIC'}: engagement ENTITY × GENDER, every route`,
          grouping: ['ENTITY', 'GENDER'],
          measure: 'respondents',
          targets,
          bValues: ['FEMALE', 'MALE', 'NOT_DISCLOSED'],
          partitions: {
            GRADE_BAND: [
              'SENIOR',
              'PROFESSIONAL',
              'FIELD_SERVICE',
              'NATIONAL_PROFESSIONAL',
              'GENERAL_SERVICE',
            ],
          },
          contexts: {},
          parent: { dimension: 'ENTITY_KIND', of: kindOf },
        });
        report.push(s);
        holds(s);
      }
    }, 600_000);

    it('no published digit carries key bits: derived values are rounded, and hidden cells cannot be told empty from not', async () => {
      for (const principal of [PUBLIC, ANALYST]) {
        const [byEntity, byGender] = await ask(asker(WORKFORCE, principal), [
          { groupBy: ['ENTITY'], measures: ['headcount', 'averageAge', 'womenShare'] },
          { groupBy: ['ENTITY', 'GENDER'], measures: ['headcount', 'averageAge', 'womenShare'] },
        ]);
        const [exact] = await ask(asker(WORKFORCE, HR), [
          { groupBy: ['ENTITY', 'GENDER'], measures: ['headcount'] },
        ]);
        // Every derived value has at most its declared precision (one decimal).
        for (const cell of [...(byEntity ?? []), ...(byGender ?? [])])
          for (const field of ['averageAge', 'womenShare']) {
            const v = cell[field];
            if (typeof v === 'number')
              expect(Math.abs(v * 10 - Math.round(v * 10))).toBeLessThan(1e-9);
          }
        // The survey's too, for every role (its mean and shares read the answers' cell keys).
        const [survey] = await ask(asker(ENGAGEMENT, principal ?? HR), [
          {
            groupBy: ['ENTITY'],
            filter: { QUESTION: ['PM-FAIRNESS'] },
            measures: ['respondents', 'mean', 'favourable', 'value1Share'],
          },
        ]);
        expect(survey?.length).toBeGreaterThan(10);
        for (const cell of survey ?? [])
          for (const field of ['mean', 'favourable', 'value1Share']) {
            const v = cell[field];
            if (typeof v === 'number')
              expect(Math.abs(v * 10 - Math.round(v * 10))).toBeLessThan(1e-9);
          }
        // The key-bit attacker: frac(mean × count × 2^k) of an entity and of its men; their
        // difference is the key of the entity's women (hidden) and 0 when there are none.
        const women = new Map(
          (exact ?? [])
            .filter((c) => c.gender === 'FEMALE')
            .map((c) => [String(c.entityCode), Number(c.headcount)]),
        );
        const shown = new Set(
          (byGender ?? []).map((c) => `${String(c.entityCode)}|${String(c.gender)}`),
        );
        let right = 0;
        let judged = 0;
        for (const entity of byEntity ?? []) {
          const code = String(entity.entityCode);
          // Only hidden women cells of none to a few (threshold - 1) women.
          if (shown.has(`${code}|FEMALE`) || (women.get(code) ?? 0) >= WORKFORCE.threshold)
            continue;
          const men = (byGender ?? []).find((c) => c.entityCode === code && c.gender === 'MALE');
          if (!men || typeof entity.averageAge !== 'number' || typeof men.averageAge !== 'number')
            continue;
          const bits = (mean: number, n: number) =>
            [0, 1, 2, 3, 4, 5].map((k) => (((mean * n * 2 ** k) % 1) + 1) % 1);
          const a = bits(entity.averageAge, Number(entity.headcount));
          const b = bits(men.averageAge, Number(men.headcount));
          const saysEmpty = a.every((x, i) => Math.abs(x - b[i]) < 1e-6);
          judged += 1;
          if (saysEmpty === ((women.get(code) ?? 0) === 0)) right += 1;
        }
        report.push({
          name: `${principal?.role ?? 'PUBLIC'}: key bits of hidden women cells (empty or not) from averageAge`,
          targets: judged,
          attackerHits: right,
          guesserHits: judged,
          answered: judged,
          attackerHitsAnswered: right,
          guesserHitsAnswered: judged,
          queries: 3,
        });
        // With complementary protection no entity shows both itself and its men while it has
        // 0-4 women: the attacker has nothing to difference (and would be guessing if it had).
        expect(judged).toBe(0);
      }
    });

    it("recovers no lone person's age band or age from hidden cells (public and analyst)", async () => {
      const [exact] = await ask(asker(WORKFORCE, HR), [
        { groupBy: ['ENTITY', 'GENDER', 'AGE_BAND'], measures: ['headcount'] },
      ]);
      const [perGender] = await ask(asker(WORKFORCE, HR), [
        { groupBy: ['ENTITY', 'GENDER'], measures: ['headcount', 'averageAge'] },
      ]);
      const lone = (perGender ?? []).filter((c) => c.gender === 'FEMALE' && c.headcount === 1);
      expect(lone.length).toBeGreaterThanOrEqual(5);
      const loneCodes = new Set(lone.map((c) => String(c.entityCode)));
      const bandOf = new Map(
        (exact ?? [])
          .filter(
            (c) =>
              c.gender === 'FEMALE' && c.headcount === 1 && loneCodes.has(String(c.entityCode)),
          )
          .map((c) => [String(c.entityCode), String(c.ageBand)]),
      );
      const bands = [...bandOf.values()];
      const modeBand = [...new Set(bands)].sort(
        (x, y) => bands.filter((b) => b === y).length - bands.filter((b) => b === x).length,
      )[0];
      const guesser = bands.filter((b) => b === modeBand).length;
      for (const principal of [PUBLIC, ANALYST]) {
        const [byBand, byBandGender, byEntity, byGender] = await ask(asker(WORKFORCE, principal), [
          { groupBy: ['ENTITY', 'AGE_BAND'], measures: ['headcount'] },
          { groupBy: ['ENTITY', 'GENDER', 'AGE_BAND'], measures: ['headcount'] },
          { groupBy: ['ENTITY'], measures: ['headcount', 'averageAge'] },
          { groupBy: ['ENTITY', 'GENDER'], measures: ['headcount', 'averageAge'] },
        ]);
        const find = (cells: Record<string, unknown>[] | null, match: Record<string, string>) =>
          cells?.find((c) => Object.entries(match).every(([k, v]) => String(c[k]) === v));
        let bandHits = 0;
        let ageHits = 0;
        for (const woman of lone) {
          const code = String(woman.entityCode);
          const truth = bandOf.get(code);
          // Routes: (x, band) − (x, band, MALE) for each band; identical values say "not here".
          let best = modeBand;
          let bestScore = -Infinity;
          for (const band of STAFF_VALUES.AGE_BAND) {
            const all = find(byBand, { entityCode: code, ageBand: band })?.headcount;
            const men = find(byBandGender, {
              entityCode: code,
              gender: 'MALE',
              ageBand: band,
            })?.headcount;
            if (typeof all !== 'number' || typeof men !== 'number') continue;
            if (all - men > bestScore) {
              bestScore = all - men;
              best = band;
            }
          }
          if (best === truth) bandHits += 1;
          // Her age: sum of ages of the entity minus that of its men.
          const e = find(byEntity, { entityCode: code });
          const m = find(byGender, { entityCode: code, gender: 'MALE' });
          if (
            typeof e?.averageAge === 'number' &&
            typeof m?.averageAge === 'number' &&
            typeof woman.averageAge === 'number'
          ) {
            const age = e.averageAge * Number(e.headcount) - m.averageAge * Number(m.headcount);
            if (Math.round(age) % 5 === Math.round(woman.averageAge) % 5) ageHits += 1;
          }
        }
        report.push({
          name: `${principal?.role ?? 'PUBLIC'}: lone woman's age band (${lone.length}), against the commonest band`,
          targets: lone.length,
          attackerHits: bandHits,
          guesserHits: guesser,
          answered: lone.length,
          attackerHitsAnswered: bandHits,
          guesserHitsAnswered: guesser,
          queries: 4,
        });
        expect(bandHits).toBeLessThanOrEqual(guesser);
        // Age mod 5: chance is 1 in 5.
        expect(ageHits).toBeLessThanOrEqual(Math.ceil(lone.length / 5));
      }
    });

    it('counts the same people the same way through another fact (learning coverage)', async () => {
      for (const principal of [PUBLIC, ANALYST]) {
        const [workforce] = await ask(asker(WORKFORCE, principal), [
          { groupBy: ['ENTITY', 'GENDER'], measures: ['headcount'] },
        ]);
        const [coverage] = await ask(asker(LEARNING_COVERAGE, principal), [
          { groupBy: ['ENTITY', 'GENDER'], measures: ['staff'] },
        ]);
        const view = (cells: Record<string, unknown>[] | null, measure: string) =>
          new Map(
            (cells ?? []).map((c) => [`${String(c.entityCode)}|${String(c.gender)}`, c[measure]]),
          );
        expect(view(coverage, 'staff')).toEqual(view(workforce, 'headcount'));
      }
    });

    it('still serves analysts at the demo scale: at least 90% of cells of 20 or more people shown within ±2 or 5% (95% at scale 1: calibration)', async () => {
      let large = 0;
      let close = 0;
      for (const principal of [PUBLIC, ANALYST]) {
        for (const r of await utility(harness, WORKFORCE, 'headcount', 2021, principal, HR)) {
          large += r.large;
          close += r.close;
          report.push({
            name: `utility, ${principal?.role ?? 'PUBLIC'}: workforce ${r.grouping}: cells of 20+ shown within ±2 or 5% (attackerHits) of all (targets)`,
            targets: r.large,
            attackerHits: r.close,
            guesserHits: r.large,
            answered: r.large,
            attackerHitsAnswered: r.close,
            guesserHitsAnswered: r.large,
            queries: 2,
          });
        }
      }
      // Measured: 0.91 (secondary suppression hides a large sibling of a lone small cell; small
      // entities at this scale have many).
      expect(close / large).toBeGreaterThanOrEqual(0.9);
    });

    // The attacker's strength against the weakened engine is a property of the engine's code,
    // which is the same on both databases (they give the same cells, as the tests above show):
    // measured once, on SQLite, where its 800 queries take a third of MariaDB's time.
    if (name === 'sqlite')
      it('is a real attacker: against a weakened engine (a list protected as one set, no parents) it wins', async () => {
        // The engine before issue 29: the kept parts of an answer summed before protection, and
        // each answer cell protected alone (no parents to check), as indicator computations are.
        const spy = jest
          .spyOn(protection, 'protectTable')
          .mockImplementation((fact, table, only) => protection.protectAsOne(fact, table, only));
        try {
          const scores = await staffSupersets(ANALYST, 'weakened engine, analyst');
          report.push(...scores);
          const total = (k: 'attackerHits' | 'guesserHits') => scores.reduce((s, x) => s + x[k], 0);
          expect(total('attackerHits')).toBeGreaterThan(total('guesserHits'));
        } finally {
          spy.mockRestore();
        }
      }, 600_000);
  },
);
