/**
 * The baselines' answers (issue #15): the minimal SQL for each benchmark query, on the raw tables,
 * with mysql2 and nothing else. B1 serves these objects over node's http; B2 serves them through
 * graphql-js. Their `data` must deep-equal the hub's for the same query (the benchmark checks).
 *
 * Where the hub protects values (the survey for every role, conduct for hr), the baselines apply
 * the same cell protection (`protectTable` over the cell alone: its counts and record-key sums)
 * so that answers can be compared; the SQL stays minimal: only the counts each answer needs.
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { CONDUCT } from '../../../src/datasets/conduct';
import { ENGAGEMENT } from '../../../src/datasets/engagement';
import { LEARNING } from '../../../src/datasets/learning';
import { RECRUITMENT, WORKFORCE } from '../../../src/datasets/staffing';
import { Disclosure, type FactDefinition } from '../../../src/shared/facts/aggregate.definition';
import { exactCell, protectTable } from '../../../src/shared/disclosure/cell-protection';
import type { QueryId } from './queries';

type Row = RowDataPacket & Record<string, unknown>;

/** A pool that counts the statements it runs (the baselines report SQL per request). */
export class CountingPool {
  statements = 0;
  constructor(readonly pool: Pool) {}
  async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    this.statements++;
    const [rows] = await this.pool.query<Row[]>(sql, params);
    return rows;
  }
}

const num = (value: unknown): number => Number(value ?? 0);

/** A cell's measures as the hub computes them from its counts (exact, or perturbed by key). */
function measures<M extends string>(
  fact: FactDefinition<string, M>,
  row: Row | undefined,
  counts: readonly string[],
  magnitudes: readonly string[] = [],
): Record<M, number | null> {
  const perturbed = fact === ENGAGEMENT || fact === CONDUCT;
  // Only the counts asked for are selected; the others (measures nobody reads) are zero.
  const read = (prefix: string, names: readonly string[], all: readonly string[]) =>
    Object.fromEntries(all.map((n) => [n, names.includes(n) ? num(row?.[`${prefix}${n}`]) : 0]));
  const allCounts = Object.keys(fact.counts);
  const raw = {
    dimensions: {},
    values: [],
    counts: read('c_', counts, allCounts),
    keys: perturbed ? read('k_', counts, allCounts) : {},
    magnitudes: read('m_', magnitudes, Object.keys(fact.magnitudes ?? {})),
  };
  if (!perturbed) return exactCell(fact, raw, Disclosure.EXACT).measures;
  // The cell alone, as its own table: the hub also checks the parents the cell could be
  // subtracted from, which the minimal SQL does not read, so an answer whose parent differs by a
  // few units is hidden by the hub and not here (the benchmark's queries are over large cells).
  return protectTable(fact, { dimensions: [], cells: [raw], keep: () => true, output: [] })[0]
    .measures;
}

/** The stored gender code as the GraphQL enum names it. */
const genderName = (code: unknown): string =>
  code === 'F' ? 'FEMALE' : code === 'M' ? 'MALE' : String(code);

const byCode = (rows: Row[], column = 'entity_code') =>
  new Map(rows.map((r) => [String(r[column]), r]));

/** Q5's rows, shared by the JSON and CSV forms. */
async function headcountByEntityAndYear(db: CountingPool) {
  const rows = await db.rows(
    'SELECT entity_code, year, COUNT(*) AS n FROM fact_staff_year WHERE year BETWEEN 2017 AND 2021 GROUP BY entity_code, year',
  );
  return rows.map((r) => ({
    entityCode: String(r.entity_code),
    year: num(r.year),
    headcount: num(r.n),
  }));
}

export async function minimalAnswer(db: CountingPool, id: QueryId): Promise<unknown> {
  switch (id) {
    case 'Q0':
      return { __typename: 'Query' };
    case 'Q1': {
      const [entity] = await db.rows('SELECT code, name, kind FROM dim_entity WHERE code = ?', [
        'OCHA',
      ]);
      return { entity: { code: entity.code, name: entity.name, kind: entity.kind } };
    }
    case 'Q2': {
      const [entities, staff, recruitment, engagement, learning, conduct] = await Promise.all([
        db.rows('SELECT code FROM dim_entity ORDER BY code'),
        db.rows(
          "SELECT entity_code, COUNT(*) AS c_staff, SUM(gender = 'F') AS c_women FROM fact_staff_year WHERE year = 2021 GROUP BY entity_code",
        ),
        db.rows(
          "SELECT entity_code, COUNT(*) AS c_recruitments, SUM(DATEDIFF(selected_on, posted_on)) AS m_daysToRecruit FROM fact_job_opening WHERE selected_on >= '2021-01-01' AND selected_on < '2022-01-01' GROUP BY entity_code",
        ),
        // The raw answers, a respondent at a time (respondents are distinct people; their
        // record keys are summed once each, their answers' once per answer).
        db.rows(
          'SELECT r.entity_code, COUNT(*) AS c_respondents, SUM(r.record_key) AS k_respondents, ' +
            'SUM(x.answers) AS c_answers, SUM(x.answers * r.record_key) AS k_answers, ' +
            'SUM(x.favourable) AS c_favourable, SUM(x.favourable * r.record_key) AS k_favourable ' +
            'FROM (SELECT respondent_id, COUNT(*) AS answers, SUM(value >= 4) AS favourable ' +
            'FROM eng_answer WHERE wave = 2021 GROUP BY respondent_id) x ' +
            'JOIN eng_respondent r ON r.wave = 2021 AND r.respondent_id = x.respondent_id ' +
            'GROUP BY r.entity_code',
        ),
        db.rows(
          'SELECT entity_code, COUNT(*) AS c_enrolments FROM lrn_enrolment WHERE year = 2021 GROUP BY entity_code',
        ),
        db.rows(
          "SELECT entity_code, COUNT(*) AS c_received, SUM(record_key) AS k_received FROM cond_case WHERE received_on >= '2021-01-01' AND received_on < '2022-01-01' GROUP BY entity_code",
        ),
      ]);
      const [s, r, e, l, c] = [staff, recruitment, engagement, learning, conduct].map((rows) =>
        byCode(rows),
      );
      return {
        entities: entities.map(({ code }) => {
          const key = String(code);
          const w = measures(WORKFORCE, s.get(key), ['staff', 'women']);
          const rc = measures(RECRUITMENT, r.get(key), ['recruitments'], ['daysToRecruit']);
          const en = measures(ENGAGEMENT, e.get(key), ['respondents', 'answers', 'favourable']);
          const le = measures(LEARNING, l.get(key), ['enrolments']);
          const co = measures(CONDUCT, c.get(key), ['received']);
          return {
            code: key,
            workforce: { headcount: w.headcount, womenShare: w.womenShare },
            recruitment: {
              recruitments: rc.recruitments,
              averageDaysToRecruit: rc.averageDaysToRecruit,
            },
            engagement: { respondents: en.respondents, favourable: en.favourable },
            learning: { enrolments: le.enrolments },
            conduct: { received: co.received },
          };
        }),
      };
    }
    case 'Q3': {
      const rows = await db.rows(
        "SELECT grade_code, gender, COUNT(*) AS n FROM fact_staff_year WHERE year = 2021 AND entity_code = 'OCHA' GROUP BY grade_code, gender",
      );
      return {
        workforce: rows.map((r) => ({
          gradeCode: String(r.grade_code),
          gender: genderName(r.gender),
          headcount: num(r.n),
        })),
      };
    }
    case 'Q4': {
      const rows = await db.rows(
        "SELECT f.entity_code, COUNT(*) AS c_staff, SUM(f.gender = 'F') AS c_women FROM fact_staff_year f " +
          "JOIN dim_grade g ON g.code = f.grade_code WHERE f.year = 2021 AND g.category IN ('PROFESSIONAL_AND_HIGHER', 'FIELD_SERVICE') GROUP BY f.entity_code",
      );
      return {
        workforce: rows.map((r) => {
          const m = measures(WORKFORCE, r, ['staff', 'women']);
          return {
            entityCode: String(r.entity_code),
            headcount: m.headcount,
            womenShare: m.womenShare,
          };
        }),
      };
    }
    case 'Q5':
      return { workforce: await headcountByEntityAndYear(db) };
    case 'Q6': {
      const rows = await db.rows(
        'SELECT staff_id, year, entity_code, grade_code, gender FROM fact_staff_year WHERE year = 2021 ORDER BY year, staff_id LIMIT 1001',
      );
      return {
        staffRecords: {
          edges: rows.slice(0, 1000).map((r) => ({
            node: {
              staffId: String(r.staff_id),
              year: num(r.year),
              entityCode: String(r.entity_code),
              gradeCode: String(r.grade_code),
              gender: genderName(r.gender),
            },
          })),
          pageInfo: { hasNextPage: rows.length > 1000 },
        },
      };
    }
    case 'Q7': {
      // The raw answers joined to their respondents: one answer per respondent and question,
      // so a question's respondents are its answers.
      const rows = await db.rows(
        'SELECT a.question_code, r.gender, COUNT(*) AS c_respondents, SUM(r.record_key) AS k_respondents, ' +
          'COUNT(*) AS c_answers, SUM(r.record_key) AS k_answers, ' +
          'SUM(a.value >= 4) AS c_favourable, SUM(IF(a.value >= 4, r.record_key, 0)) AS k_favourable ' +
          'FROM eng_answer a JOIN eng_respondent r ON r.wave = a.wave AND r.respondent_id = a.respondent_id ' +
          'WHERE a.wave = 2021 GROUP BY a.question_code, r.gender',
      );
      const cells = rows.flatMap((r) => {
        const m = measures(ENGAGEMENT, r, ['respondents', 'answers', 'favourable']);
        // A protected grouping lists only the cells it shows.
        if (m.respondents === null) return [];
        return [
          {
            questionCode: String(r.question_code),
            gender: String(r.gender),
            respondents: m.respondents,
            favourable: m.favourable,
          },
        ];
      });
      return { engagement: { cells } };
    }
    case 'Q8':
      return headcountByEntityAndYear(db);
  }
}

/** Q8's CSV: the columns of Q5's cells, in the hub's CSV dialect (RFC 4180, CRLF). */
export function toCsv(
  rows: readonly { entityCode: string; year: number; headcount: number }[],
): string {
  return [
    'entityCode,year,headcount',
    ...rows.map((r) => `${r.entityCode},${r.year},${r.headcount}`),
  ]
    .map((line) => `${line}\r\n`)
    .join('');
}
