import type { ObjectLiteral } from 'typeorm';
import type { DatasetImporter } from '../import';
import type { Random } from './random';

/**
 * The years the synthetic data covers: the span of A/77/590/Add.1's figures (2016 baseline to
 * 2022). Every generator of one run writes the same years.
 */
export const SYNTHETIC_YEARS: readonly number[] = [2016, 2017, 2018, 2019, 2020, 2021, 2022];

/** What a dataset generator is given. */
export interface GeneratorContext {
  /** 1 = the Secretariat's real size (about 36,000 staff a year). */
  scale: number;
  years: readonly number[];
  random: (stream: string) => Random;
  /** Reads a CSV already written by an earlier generator of the same run (by importer name). */
  readCsv: (name: string) => Promise<Record<string, string>[]>;
  /** The same, row by row, for files too large to hold (staff-years at scale 1). */
  eachCsvRow: (name: string) => AsyncIterable<Record<string, string>>;
}

/** A file a generator writes, named after the importer that loads it. */
export interface GeneratedFile {
  importer: string;
  /** False for real reference data passed on as it is (seeds/); true for generated data. */
  synthetic: boolean;
  header: readonly string[];
  rows: Iterable<readonly (string | number | boolean | null)[]>;
}

/**
 * A dataset's generator: deterministic for a given seed and scale, it writes the same CSV files
 * a real data owner would import (only for its own dataset's importers).
 */
export interface DatasetGenerator {
  generate(context: GeneratorContext): Promise<GeneratedFile[]>;
}

/** A generated CSV cell. */
export type CsvCell = string | number | boolean | null;

/**
 * A generated file for an importer (synthetic unless said otherwise), from records keyed by its
 * CSV columns: the header is the
 * importer's columns in their declared order, so a generator never restates it, and a record
 * that lacks one of them or has one the importer does not know fails the run, naming it.
 */
export function importerFile(
  importer: DatasetImporter<ObjectLiteral>,
  records: Iterable<Readonly<Record<string, CsvCell>>>,
  synthetic = true,
): GeneratedFile {
  const header = Object.keys(importer.columns);
  function* rows() {
    for (const record of records) {
      const extra = Object.keys(record).find((column) => !(column in importer.columns));
      const missing = header.find((column) => !(column in record));
      if (extra ?? missing)
        throw new Error(
          `${importer.name}: a generated record ${extra ? `has the unknown column ${extra}` : `lacks the column ${missing}`}`,
        );
      yield header.map((column) => record[column] ?? null);
    }
  }
  return { importer: importer.name, synthetic, header, rows: rows() };
}
