import { type DatasetGenerator, seedCsv } from '../../shared/generator';

/** The report's figures are real: transcribed once into seeds/indicators, loaded as they are. */
export const INDICATORS_GENERATOR: DatasetGenerator = {
  async generate() {
    return [
      await seedCsv('indicators', 'indicators.csv', 'indicators'),
      await seedCsv('indicators', 'observations.csv', 'indicator-observations'),
    ];
  },
};
