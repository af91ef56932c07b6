/**
 * The benchmark's fixed query set (issue #15). Change a query and the version changes with it:
 * results of different versions are not comparable.
 */
export const QUERY_SET_VERSION = '2026-12-02.1';

export type QueryId = 'Q0' | 'Q1' | 'Q2' | 'Q3' | 'Q4' | 'Q5' | 'Q6' | 'Q7' | 'Q8';

export interface BenchQuery {
  id: QueryId;
  title: string;
  /** The GraphQL document the hub and B2 run (Q8: the saved query behind the CSV URL). */
  document: string;
  /** Q8 is a GET of the saved query's CSV URL, not a GraphQL POST. */
  csv?: true;
  /** Targets of the issue, as ratios to B1 (requests per second). */
  targetVsB1?: number;
}

/** The saved query Q8 reads (registered by the benchmark as hr). */
export const SAVED_QUERY_NAME = 'bench-headcount-by-entity-and-year';

const Q5 = `query Q5 {
  workforce(groupBy: [ENTITY, YEAR], filter: { years: [2017, 2018, 2019, 2020, 2021] }) {
    entityCode year headcount
  }
}`;

export const QUERIES: readonly BenchQuery[] = [
  { id: 'Q0', title: '{ __typename }', document: '{ __typename }' },
  {
    id: 'Q1',
    title: 'one entity by code',
    document: 'query Q1 { entity(code: "OCHA") { code name kind } }',
    targetVsB1: 0.8,
  },
  {
    id: 'Q2',
    title: 'every entity, nested workforce, recruitment, engagement, learning, conduct (N+1 probe)',
    document: `query Q2 {
  entities {
    code
    workforce(year: 2021) { headcount womenShare }
    recruitment(year: 2021) { recruitments averageDaysToRecruit }
    engagement(wave: 2021) { respondents favourable }
    learning(year: 2021) { enrolments }
    conduct(year: 2021) { received }
  }
}`,
    targetVsB1: 5,
  },
  {
    id: 'Q3',
    title: 'headcount by grade and gender, one entity and year',
    document: `query Q3 {
  workforce(year: 2021, filter: { entityCodes: ["OCHA"] }, groupBy: [GRADE, GENDER]) {
    gradeCode gender headcount
  }
}`,
    targetVsB1: 0.8,
  },
  {
    id: 'Q4',
    title: "women's share of P+ and FS by entity",
    document: `query Q4 {
  workforce(
    year: 2021
    groupBy: [ENTITY]
    filter: { gradeCategories: [PROFESSIONAL_AND_HIGHER, FIELD_SERVICE] }
  ) { entityCode headcount womenShare }
}`,
    targetVsB1: 5,
  },
  {
    id: 'Q5',
    title: 'every entity x year 2017-2021 headcount (a dashboard)',
    document: Q5,
    targetVsB1: 5,
  },
  {
    id: 'Q6',
    title: 'a 1,000-row page of staff rows (hr)',
    document: `query Q6 {
  staffRecords(first: 1000, filter: { years: [2021] }) {
    edges { node { staffId year entityCode gradeCode gender } }
    pageInfo { hasNextPage }
  }
}`,
    targetVsB1: 0.8,
  },
  {
    id: 'Q7',
    title: 'engagement favourability by question and gender, one wave, all entities',
    document: `query Q7 {
  engagement(wave: 2021, groupBy: [QUESTION, GENDER]) {
    cells { questionCode gender respondents favourable }
  }
}`,
    targetVsB1: 5,
  },
  { id: 'Q8', title: 'Q5 through a saved-query CSV URL', document: Q5, csv: true },
];
