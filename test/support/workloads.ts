/**
 * The requests of the fairness test and script: the heaviest request the default limits admit
 * (4 aggregates by entity, grade and nationality, one year each: about 4,200 of 5,000), and a
 * cheap one that reads a small dimension.
 */
export const HEAVY_QUERY = `{ ${[0, 1, 2, 3]
  .map(
    (i) =>
      `a${i}: workforce(groupBy: [ENTITY, GRADE, NATIONALITY], year: ${2018 + i}) { headcount }`,
  )
  .join(' ')} }`;

export const CHEAP_QUERY = '{ grades { code } }';
