import { csv } from '../../../src/shared/import/csv-columns';
import type { DatasetImporter } from '../../../src/shared/import/importer.definition';
import { Visit } from './visit.entity';

export const VISITS_IMPORTER: DatasetImporter<Visit> = {
  name: 'tiny-visits',
  description: 'Visits: one row per visit.',
  target: Visit,
  key: ['visitId'],
  recordKey: 'recordKey',
  columns: {
    visit_id: { property: 'visitId', schema: csv.code(16), description: 'Visit id', example: 'V1' },
    year: { property: 'year', schema: csv.int(2000, 2100), description: 'Year', example: '2021' },
    entity_code: {
      property: 'entityCode',
      schema: csv.code(32),
      description: 'Entity code',
      example: 'DESA',
    },
  },
};
