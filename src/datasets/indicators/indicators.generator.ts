import type { DatasetGenerator } from '../../shared/generator/generator.definition';
import { seedCsv } from '../../shared/generator/seed-files';

/** The report's figures are real: transcribed once into seeds/indicators, loaded as they are. */
export const INDICATORS_GENERATOR: DatasetGenerator = {
  async generate() {
    return [
      await seedCsv('indicators', 'indicators.csv', 'indicators'),
      await seedCsv('indicators', 'observations.csv', 'indicator-observations'),
    ];
  },
};
