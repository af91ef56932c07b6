import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { parse as parseStream } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify';
import { fileChecksum } from '../import';
import type { Catalog } from '../modules';
import { SYNTHETIC_YEARS, type GeneratedFile, type GeneratorContext, Random } from '../generator';

export interface GenerateOptions {
  scale: number;
  seed: string;
  /** Folder the CSV files are written to (and kept, for inspection or re-import). */
  outDir: string;
}

/** A generated CSV on disk, ready for its importer. */
export interface GeneratedCsv {
  dataset: string;
  importer: string;
  path: string;
  synthetic: boolean;
  /** sha256 of the file: same seed and scale, same checksum. */
  checksum: string;
}

export function assertScale(scale: number): void {
  if (!(scale > 0 && scale <= 4)) throw new RangeError('scale must be in (0, 4]');
}

/**
 * Runs every dataset's generator in catalog order and writes each file as CSV. Later generators
 * may read what earlier ones wrote (staffing reads the entities), so all of them run even when
 * only some datasets are loaded. Same seed and scale, same files.
 */
export async function generateFiles(
  catalog: Catalog,
  options: GenerateOptions,
): Promise<GeneratedCsv[]> {
  assertScale(options.scale);
  await mkdir(options.outDir, { recursive: true });
  const context: GeneratorContext = {
    scale: options.scale,
    years: SYNTHETIC_YEARS,
    random: (stream) => new Random(`${options.seed}:${stream}`),
    readCsv: async (name) =>
      parse(await readFile(join(options.outDir, `${name}.csv`), 'utf8'), {
        columns: true,
        bom: true,
      }) as Record<string, string>[],
    eachCsvRow: (name) =>
      createReadStream(join(options.outDir, `${name}.csv`)).pipe(
        parseStream({ columns: true, bom: true }),
      ),
  };
  const written: GeneratedCsv[] = [];
  for (const { module, generator } of catalog.generators) {
    for (const file of await generator.generate(context)) {
      if (!module.importers?.some((importer) => importer.name === file.importer)) {
        throw new Error(
          `the ${module.name} generator wrote ${file.importer}, which is not one of its importers`,
        );
      }
      const path = join(options.outDir, `${file.importer}.csv`);
      await writeCsv(path, file);
      written.push({
        dataset: module.name,
        importer: file.importer,
        path,
        synthetic: file.synthetic,
        checksum: await fileChecksum(path),
      });
    }
  }
  return written;
}

async function writeCsv(path: string, file: GeneratedFile): Promise<void> {
  const out = createWriteStream(path);
  const csv = stringify({
    header: true,
    columns: [...file.header],
    cast: { boolean: (v) => String(v) },
  });
  csv.pipe(out);
  for (const row of file.rows) {
    if (!csv.write(row.map((v) => (v === null ? '' : v)))) await once(csv, 'drain');
  }
  csv.end();
  await once(out, 'finish');
}
