import { entityDimensions, yearDimension } from '../../../src/dimensions';
import { defineFact } from '../../../src/shared/aggregation/aggregate.definition';
import { count } from '../../../src/shared/aggregation/measures';

export const VISITS = defineFact({
  name: 'visits',
  typeName: 'Visits',
  description: 'Visits to entities.',
  table: 'fact_tiny_visit',
  kind: 'flow',
  period: 'YEAR',
  periodArgument: 'year',
  entityDimension: 'ENTITY',
  threshold: 5,
  unitCount: 'visits',
  nestedUnder: ['ENTITY'],
  dimensions: {
    ...yearDimension(() => 'f.year', 'Year of the visit'),
    ...entityDimensions('entity_code'),
  },
  counts: { visits: {} },
  measures: { visits: { type: 'int', description: 'Visits.', compute: count('visits') } },
});
