import { entityDimensions, yearDimension } from '../../../src/dimensions';
import { defineFact } from '../../../src/shared/facts/aggregate.definition';
import { count } from '../../../src/shared/facts/measures';
import { columnsOf } from '../../../src/db/entity-tables';
import { Visit } from './visit.entity';

const f = columnsOf(Visit);

export const VISITS = defineFact({
  name: 'visits',
  typeName: 'Visits',
  description: 'Visits to entities.',
  entity: Visit,
  kind: 'flow',
  period: 'YEAR',
  periodArgument: 'year',
  entityDimension: 'ENTITY',
  threshold: 5,
  unitCount: 'visits',
  nestedUnder: ['ENTITY'],
  dimensions: {
    ...yearDimension(() => f.year, 'Year of the visit'),
    ...entityDimensions(f.entityCode),
  },
  counts: { visits: {} },
  measures: { visits: { type: 'int', description: 'Visits.', compute: count('visits') } },
});
