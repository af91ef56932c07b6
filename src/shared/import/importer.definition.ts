import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { z } from 'zod';

export interface ImportColumn<T> {
  /** Entity property the column is stored in. */
  property: keyof T & string;
  schema: z.ZodType;
  description: string;
  example: string;
}

export interface RowIssue {
  /** Line in the file (the header is line 1). */
  line: number;
  column: string | null;
  message: string;
}

/** A parsed, valid row with the line it came from. */
export interface ParsedRow<T> {
  line: number;
  value: T;
}

/**
 * What a dataset declares to be importable: its table, natural key and documented columns, plus
 * any checks that need the database (references to dimensions). The pipeline does the rest.
 */
export interface DatasetImporter<T extends ObjectLiteral> {
  /** Name used on the command line: `reformgraph import <name> <file.csv>`. */
  name: string;
  description: string;
  target: EntityTarget<T>;
  /** Properties that identify a row; re-importing a row with the same key updates it. */
  key: readonly (keyof T & string)[];
  columns: Readonly<Record<string, ImportColumn<T>>>;
  /** Cross-row or database checks on valid rows (e.g. unknown entity codes). */
  check?: (dataSource: DataSource, rows: readonly ParsedRow<T>[]) => Promise<RowIssue[]>;
}
