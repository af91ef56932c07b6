import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { DatasetGenerator, GeneratedFile } from '../shared/generator/generator.definition';
import { seedsDir } from '../shared/project-root';
import { memberStatesFromPackage } from './member-state/member-states.source';

async function seedFile(importer: string): Promise<GeneratedFile> {
  const text = await readFile(join(seedsDir(), 'dimensions', `${importer}.csv`), 'utf8');
  const [header, ...rows] = parse(text, { bom: true }) as string[][];
  return { importer, header, rows };
}

/** Reference dimensions: real facts (seeds/dimensions and the world-countries package), not synthetic. */
export const DIMENSIONS_GENERATOR: DatasetGenerator = {
  name: 'dimensions',
  async generate() {
    const states = memberStatesFromPackage();
    return [
      await seedFile('entities'),
      await seedFile('duty-stations'),
      {
        importer: 'member-states',
        header: ['iso3', 'name', 'regional_group', 'region', 'subregion'],
        rows: states.map((s) => [s.iso3, s.name, s.regionalGroup, s.region, s.subregion]),
      },
      await seedFile('grades'),
    ];
  },
};
