import { entityDimensions, yearDimension } from '../../../src/dimensions';
import { defineFact } from '../../../src/shared/aggregation/aggregate.definition';
import { total } from '../../../src/shared/aggregation/measures';

export const VISITS = defineFact({
  name: 'visits',
  typeName: 'Visits',
  description: 'Visits to entities.',
  table: 'fact_tiny_visit',
  kind: 'flow',
  period: 'YEAR',
  periodArgument: 'year',
  entityDimension: 'ENTITY',
  minCellSize: 1,
  unitCount: 'visits',
  nestedUnder: ['ENTITY'],
  dimensions: {
    ...yearDimension(() => 'f.year', 'Year of the visit'),
    ...entityDimensions('entity_code'),
  },
  aggregates: { visits: () => 'COUNT(*)' },
  measures: { visits: { type: 'int', description: 'Visits.', compute: total('visits') } },
});
