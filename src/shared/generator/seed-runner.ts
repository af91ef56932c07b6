import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify';
import type { DataSource, ObjectLiteral } from 'typeorm';
import type { DatasetImporter } from '../import/importer.definition';
import { importCsv, type ImportProgress, type ImportSummary } from '../import/import-pipeline';
import type { DatasetGenerator, GeneratedFile, GeneratorContext } from './generator.definition';
import { Random } from './random';

export interface SeedOptions {
  scale: number;
  seed: string;
  /** Folder the CSV files are written to (and kept, for inspection or re-import). */
  outDir: string;
  progress?: (importer: string) => ImportProgress | undefined;
  /** Called after each file is imported. */
  onImported?: (summary: ImportSummary) => void;
}

/**
 * Runs the generators in order, writes each file as CSV and loads it through the same import
 * pipeline real data uses. Same seed and scale, same files, same database.
 */
export async function runSeed(
  dataSource: DataSource,
  generators: readonly DatasetGenerator[],
  importers: (name: string) => DatasetImporter<ObjectLiteral> | undefined,
  options: SeedOptions,
): Promise<ImportSummary[]> {
  if (!(options.scale > 0 && options.scale <= 2)) throw new RangeError('scale must be in (0, 2]');
  await mkdir(options.outDir, { recursive: true });
  const context: GeneratorContext = {
    scale: options.scale,
    random: (stream) => new Random(`${options.seed}:${stream}`),
    readCsv: async (name) =>
      parse(await readFile(join(options.outDir, `${name}.csv`), 'utf8'), {
        columns: true,
        bom: true,
      }) as Record<string, string>[],
  };
  const summaries: ImportSummary[] = [];
  for (const generator of generators) {
    for (const file of await generator.generate(context)) {
      const path = join(options.outDir, `${file.importer}.csv`);
      await writeCsv(path, file);
      const importer = importers(file.importer);
      if (!importer)
        throw new Error(
          `generator ${generator.name} wrote ${file.importer}, which no importer reads`,
        );
      const summary = await importCsv(dataSource, importer, path, {
        progress: options.progress?.(file.importer),
      });
      options.onImported?.(summary);
      summaries.push(summary);
    }
  }
  return summaries;
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
