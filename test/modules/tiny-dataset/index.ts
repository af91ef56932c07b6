import { defineDatasetModule } from '../../../src/shared/modules/dataset-module';
import { importerFile } from '../../../src/shared/generator/generator.definition';
import { factDataflow } from '../../../src/shared/sdmx';
import { Visit } from './visit.entity';
import { VISITS } from './visits.fact';
import { VISITS_IMPORTER } from './visits.importer';
import { TinyVisits1795600000000 } from './visits.migration';

/**
 * A dataset added the way docs/development.md says: this folder and one line in a module list. It
 * brings its migration itself because it lives outside the repository's migrations folders.
 */
export const TINY = defineDatasetModule({
  name: 'tiny',
  description: 'Visits to entities (a test dataset).',
  entities: [Visit],
  facts: [VISITS],
  importers: [VISITS_IMPORTER],
  // Its SDMX dataflow: structure, codelists and query derived from the fact.
  sdmx: {
    dataflows: [
      factDataflow(VISITS, {
        id: 'TINY_VISITS',
        name: 'Visits by entity',
        description: 'Visits to entities, by year.',
        categories: ['ENABLERS'],
        dimensions: ['ENTITY'],
        measure: 'visits',
        unit: 'NUMBER',
      }),
    ],
  },
  generator: {
    async generate(context) {
      const random = context.random('tiny');
      return [
        importerFile(
          VISITS_IMPORTER,
          Array.from({ length: 20 }, (_, i) => ({
            visit_id: `V${i}`,
            year: 2021,
            entity_code: random.pick(['DESA', 'OCHA', 'UNMISS']),
          })),
        ),
      ];
    },
  },
  migrations: { sqlite: [TinyVisits1795600000000], mysql: [TinyVisits1795600000000] },
});
