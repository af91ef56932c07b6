import { seedCsv } from '../shared/generator/seed-files';
import type { DatasetGenerator } from '../shared/generator/generator.definition';
import { memberStatesFromPackage } from './member-state/member-states.source';

/** Reference dimensions: real facts (seeds/dimensions and the world-countries package), not synthetic. */
export const DIMENSIONS_GENERATOR: DatasetGenerator = {
  async generate() {
    const states = memberStatesFromPackage();
    return [
      await seedCsv('dimensions', 'entities.csv', 'entities'),
      await seedCsv('dimensions', 'duty-stations.csv', 'duty-stations'),
      {
        importer: 'member-states',
        synthetic: false,
        header: ['iso3', 'name', 'regional_group', 'region', 'subregion'],
        rows: states.map((s) => [s.iso3, s.name, s.regionalGroup, s.region, s.subregion]),
      },
      await seedCsv('dimensions', 'grades.csv', 'grades'),
    ];
  },
};
