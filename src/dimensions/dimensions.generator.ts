import { seedCsv, importerFile, type DatasetGenerator } from '../shared/generator';
import { MEMBER_STATES_IMPORTER } from './dimensions.importers';
import { memberStatesFromPackage } from './member-state/member-states.source';

/** Reference dimensions: real facts (seeds/dimensions and the world-countries package), not synthetic. */
export const DIMENSIONS_GENERATOR: DatasetGenerator = {
  async generate() {
    const states = memberStatesFromPackage();
    return [
      await seedCsv('dimensions', 'entities.csv', 'entities'),
      await seedCsv('dimensions', 'duty-stations.csv', 'duty-stations'),
      importerFile(
        MEMBER_STATES_IMPORTER,
        states.map((s) => ({
          iso3: s.iso3,
          name: s.name,
          regional_group: s.regionalGroup,
          region: s.region,
          subregion: s.subregion,
        })),
        false,
      ),
      await seedCsv('dimensions', 'grades.csv', 'grades'),
    ];
  },
};
