import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { seedsDir } from '../project-root';
import type { GeneratedFile } from './generator.definition';

/** A committed CSV under seeds/ passed on unchanged, for reference data that is real, not generated. */
export async function seedCsv(
  folder: string,
  file: string,
  importer: string,
): Promise<GeneratedFile> {
  const text = await readFile(join(seedsDir(), folder, file), 'utf8');
  const [header, ...rows] = parse(text, { bom: true }) as string[][];
  return { importer, synthetic: false, header, rows };
}
