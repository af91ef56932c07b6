import type { Random } from './random';

/** What a dataset generator is given. */
export interface GeneratorContext {
  /** 1 = the Secretariat's real size (about 36,000 staff a year). */
  scale: number;
  random: (stream: string) => Random;
  /** Reads a CSV already written by an earlier generator of the same run. */
  readCsv: (name: string) => Promise<Record<string, string>[]>;
}

/** A file a generator writes, named after the importer that loads it. */
export interface GeneratedFile {
  importer: string;
  header: readonly string[];
  rows: Iterable<readonly (string | number | boolean | null)[]>;
}

/**
 * A dataset's synthetic generator: deterministic for a given seed and scale, it writes the same
 * CSV files a real data owner would import.
 */
export interface DatasetGenerator {
  name: string;
  generate(context: GeneratorContext): Promise<GeneratedFile[]>;
}
