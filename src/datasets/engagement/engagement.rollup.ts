import type { EntityManager } from 'typeorm';
import { bulkInsert } from '../../db/bulk-insert';
import type { GroupingSetsDefinition } from '../../shared/facts';
import type { Derivation } from '../../shared/import';
import { disabilityIdentification } from './engagement.enums';
import { Answer } from './answer.entity';
import { Question } from './question.entity';
import { Respondent } from './respondent.entity';
import { RollupRow } from './rollup.entity';

/**
 * The engagement rollups: for every wave, counts of answers per value (1-5) and the distinct
 * respondents, with their record-key sums, for every combination of
 * - a question level: all questions, per question dimension (index), or per question; and
 * - at most two respondent characteristics (entity, grade band, gender, age band, disability,
 *   duty-station type).
 * A grouping set is a bit mask over GROUPING_SET_MEMBERS. Requests read only these rows; building them
 * reads the answers once, a slice of respondents at a time, and counts in typed arrays.
 */
export const GROUPING_SET_MEMBERS = [
  'question',
  'questionDimension',
  'entity',
  'gradeBand',
  'gender',
  'ageBand',
  'disability',
  'dutyStationType',
] as const;

type Member = (typeof GROUPING_SET_MEMBERS)[number];
const RESPONDENT_MEMBERS: readonly Member[] = GROUPING_SET_MEMBERS.slice(2);
export const MAX_RESPONDENT_MEMBERS = 2;
const bit = (member: Member) => 1 << GROUPING_SET_MEMBERS.indexOf(member);
const QUESTION_BITS = bit('question') | bit('questionDimension');

const popcount = (mask: number): number => {
  let count = 0;
  for (let m = mask; m; m &= m - 1) count += 1;
  return count;
};

/** Question levels: all questions (no bit), per dimension, per question (which implies its dimension). */
const QUESTION_LEVELS = [0, bit('questionDimension'), QUESTION_BITS] as const;

/** Subsets of the respondent members with at most MAX_RESPONDENT_MEMBERS of them. */
const RESPONDENT_SETS: readonly Member[][] = (() => {
  const sets: Member[][] = [[]];
  RESPONDENT_MEMBERS.forEach((a, i) => {
    sets.push([a]);
    for (const b of RESPONDENT_MEMBERS.slice(i + 1)) sets.push([a, b]);
  });
  return sets;
})();

export const ENGAGEMENT_GROUPING_SETS: GroupingSetsDefinition = {
  column: 'grouping_set',
  members: GROUPING_SET_MEMBERS,
  materialized: (mask) =>
    QUESTION_LEVELS.some((level) => (mask & QUESTION_BITS) === level) &&
    popcount(mask & ~QUESTION_BITS) <= MAX_RESPONDENT_MEMBERS,
  limit: `group or filter by at most ${MAX_RESPONDENT_MEMBERS} respondent characteristics at once (besides wave and question), so that every answer stays among many.`,
};

interface RespondentValues {
  key: number;
  members: Record<Member, string | null>;
}

/** Rebuilds the rollups of the given waves from the stored answers, respondents and questions. */
export async function rebuildRollups(
  db: EntityManager,
  waves: ReadonlySet<unknown>,
): Promise<void> {
  for (const wave of waves) {
    const rollup = await WaveRollup.load(db, Number(wave));
    await rollup.readAnswers(db);
    await rollup.write(db);
  }
}

/**
 * The rollups of the waves an answers file holds, counted from its rows as they are written
 * (no second read of millions of answers); waves a `--replace` emptied are rebuilt from what is
 * stored.
 */
export function streamRollups(db: EntityManager): Derivation<Answer> {
  const rollups = new Map<number, Promise<WaveRollup>>();
  const rollupOf = (wave: number) => {
    let rollup = rollups.get(wave);
    if (!rollup) {
      rollup = WaveRollup.load(db, wave);
      rollups.set(wave, rollup);
    }
    return rollup;
  };
  return {
    async add(answers) {
      let wave = NaN;
      let rollup: WaveRollup | undefined;
      for (const answer of answers) {
        if (answer.wave !== wave) {
          wave = answer.wave;
          rollup = await rollupOf(wave);
        }
        rollup?.add(answer.respondentId, answer.questionCode, answer.value);
      }
    },
    async finish(partitions) {
      for (const [, rollup] of rollups) await (await rollup).write(db);
      const others = [...partitions].filter((wave) => !rollups.has(Number(wave)));
      await rebuildRollups(db, new Set(others));
    },
  };
}

const RESPONDENTS_PER_READ = 500;
const ROWS_PER_INSERT = 5000;

/** The counts of one wave, for every grouping set, filled answer by answer. */
class WaveRollup {
  private constructor(
    private readonly wave: number,
    private readonly questions: readonly Question[],
    private readonly respondents: readonly Respondent[],
  ) {
    this.dimensions = [...new Set(questions.map((q) => q.dimension))].sort();
    this.questionIndex = new Map(questions.map((q, i) => [q.code, i]));
    this.respondentIndex = new Map(respondents.map((r, i) => [r.respondentId, i]));
    this.respondentKeys = respondents.map((r) => r.recordKey);
    const dimensionOf = questions.map((q) => this.dimensions.indexOf(q.dimension));
    const values: RespondentValues[] = respondents.map((r) => ({
      key: r.recordKey,
      members: {
        question: null,
        questionDimension: null,
        entity: r.entityCode,
        gradeBand: r.gradeBand,
        gender: r.gender,
        ageBand: r.ageBand,
        disability: disabilityIdentification(r.disability),
        dutyStationType: r.dutyStationType,
      },
    }));
    const levels = [
      { mask: QUESTION_LEVELS[0], parts: 1, partOf: () => 0 },
      {
        mask: QUESTION_LEVELS[1],
        parts: this.dimensions.length,
        partOf: (q: number) => dimensionOf[q],
      },
      { mask: QUESTION_LEVELS[2], parts: questions.length, partOf: (q: number) => q },
    ];
    this.cubes = RESPONDENT_SETS.map((set) => new Cube(set, values, levels));
  }

  private readonly dimensions: string[];
  private readonly questionIndex: Map<string, number>;
  private readonly respondentIndex: Map<string, number>;
  private readonly respondentKeys: number[];
  private readonly cubes: Cube[];

  static async load(db: EntityManager, wave: number): Promise<WaveRollup> {
    const questions = await db
      .getRepository(Question)
      .find({ where: { wave }, order: { code: 'ASC' } });
    const respondents = await db
      .getRepository(Respondent)
      .find({ where: { wave }, order: { respondentId: 'ASC' } });
    return new WaveRollup(wave, questions, respondents);
  }

  /** Counts one answer; answers of unknown respondents or questions are not counted. */
  add(respondentId: string, questionCode: string, value: number): void {
    const r = this.respondentIndex.get(respondentId);
    const q = this.questionIndex.get(questionCode);
    if (r === undefined || q === undefined) return;
    for (const cube of this.cubes) cube.add(r, q, value, this.respondentKeys[r]);
  }

  /** Counts the stored answers of the wave, a slice of respondents at a time (bounded memory). */
  async readAnswers(db: EntityManager): Promise<void> {
    const answerTable = db.connection.driver.escape(db.connection.getMetadata(Answer).tableName);
    for (let from = 0; from < this.respondents.length; from += RESPONDENTS_PER_READ) {
      const slice = this.respondents
        .slice(from, from + RESPONDENTS_PER_READ)
        .map((r) => r.respondentId);
      // Positional parameters: the query builder's named ones cost quadratic time on long lists.
      const answers: { respondent: string; question: string; value: number | string }[] =
        await db.query(
          `SELECT respondent_id AS respondent, question_code AS question, ${db.connection.driver.escape('value')} AS value ` +
            `FROM ${answerTable} WHERE wave = ? AND respondent_id IN (${slice.map(() => '?').join(', ')}) ` +
            'ORDER BY respondent_id',
          [this.wave, ...slice],
        );
      for (const answer of answers)
        this.add(answer.respondent, answer.question, Number(answer.value));
    }
  }

  /** Replaces the wave's stored rollups with these counts. */
  async write(db: EntityManager): Promise<void> {
    await db.getRepository(RollupRow).delete({ wave: this.wave });
    let batch: Omit<RollupRow, 'id'>[] = [];
    for (const cube of this.cubes) {
      for (const row of cube.rows(this.wave, this.questions, this.dimensions)) {
        batch.push(row);
        if (batch.length >= ROWS_PER_INSERT) {
          await bulkInsert(db, RollupRow, batch);
          batch = [];
        }
      }
    }
    await bulkInsert(db, RollupRow, batch);
  }
}

interface Level {
  mask: number;
  parts: number;
  partOf: (question: number) => number;
}

/** The counts of one respondent grouping set, at every question level, in typed arrays. */
class Cube {
  private readonly combos: (string | null)[][] = [];
  private readonly comboOf: Int32Array;
  private readonly counts: Int32Array[];
  private readonly keys: Float64Array[];
  private readonly respondents: Int32Array[];
  private readonly respondentKeys: Float64Array[];
  private readonly lastRespondent: Int32Array[];

  constructor(
    private readonly members: readonly Member[],
    respondents: readonly RespondentValues[],
    private readonly levels: readonly Level[],
  ) {
    const index = new Map<string, number>();
    this.comboOf = new Int32Array(respondents.length);
    respondents.forEach((r, i) => {
      const combo = members.map((m) => r.members[m]);
      const name = JSON.stringify(combo);
      let c = index.get(name);
      if (c === undefined) {
        c = this.combos.length;
        index.set(name, c);
        this.combos.push(combo);
      }
      this.comboOf[i] = c;
    });
    const cells = levels.map((level) => this.combos.length * level.parts);
    this.counts = cells.map((n) => new Int32Array(n * 5));
    this.keys = cells.map((n) => new Float64Array(n * 5));
    this.respondents = cells.map((n) => new Int32Array(n));
    this.respondentKeys = cells.map((n) => new Float64Array(n));
    this.lastRespondent = cells.map((n) => new Int32Array(n).fill(-1));
  }

  add(respondent: number, question: number, value: number, key: number): void {
    const combo = this.comboOf[respondent];
    for (let l = 0; l < this.levels.length; l++) {
      const level = this.levels[l];
      const cell = combo * level.parts + level.partOf(question);
      this.counts[l][cell * 5 + value - 1] += 1;
      this.keys[l][cell * 5 + value - 1] += key;
      if (this.lastRespondent[l][cell] !== respondent) {
        this.lastRespondent[l][cell] = respondent;
        this.respondents[l][cell] += 1;
        this.respondentKeys[l][cell] += key;
      }
    }
  }

  *rows(wave: number, questions: readonly Question[], dimensions: readonly string[]) {
    const respondentMask = this.members.reduce((mask, m) => mask | bit(m), 0);
    for (let l = 0; l < this.levels.length; l++) {
      const level = this.levels[l];
      for (let combo = 0; combo < this.combos.length; combo++) {
        for (let part = 0; part < level.parts; part++) {
          const cell = combo * level.parts + part;
          if (this.respondents[l][cell] === 0) continue;
          const member = (m: Member) => {
            const i = this.members.indexOf(m);
            return i < 0 ? null : this.combos[combo][i];
          };
          const perQuestion = level.mask === QUESTION_BITS;
          const n = (v: number) => this.counts[l][cell * 5 + v - 1];
          const k = (v: number) => this.keys[l][cell * 5 + v - 1];
          yield {
            wave,
            groupingSet: level.mask | respondentMask,
            questionCode: perQuestion ? questions[part].code : null,
            questionDimension:
              level.mask === 0 ? null : perQuestion ? questions[part].dimension : dimensions[part],
            entityCode: member('entity'),
            gradeBand: member('gradeBand'),
            gender: member('gender'),
            ageBand: member('ageBand'),
            disability: member('disability'),
            dutyStationType: member('dutyStationType'),
            respondents: this.respondents[l][cell],
            respondentsKey: this.respondentKeys[l][cell],
            n1: n(1),
            n2: n(2),
            n3: n(3),
            n4: n(4),
            n5: n(5),
            k1: k(1),
            k2: k(2),
            k3: k(3),
            k4: k(4),
            k5: k(5),
          } satisfies Omit<RollupRow, 'id'>;
        }
      }
    }
  }
}
