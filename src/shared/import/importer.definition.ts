import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { z } from 'zod';

export interface ImportColumn<P extends string = string> {
  /** Entity property the column is stored in. */
  property: P;
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
export interface DatasetImporter<
  T extends ObjectLiteral,
  // The property names as their own parameter keep the importer covariant in T, so a
  // DatasetImporter<StaffYear> is a DatasetImporter<ObjectLiteral> without a cast.
  P extends string = keyof T & string,
> {
  /** Name used on the command line: `reformgraph import <name> <file.csv>`. */
  name: string;
  description: string;
  /** The entity (table) the rows go to; one importer per table, so a table is one part of a dataset. */
  target: new () => T;
  /** Properties that identify a row; re-importing a row with the same key updates it. */
  key: readonly P[];
  columns: Readonly<Record<string, ImportColumn<P>>>;
  /**
   * Property holding the unit's record key for disclosure control, computed by the pipeline from
   * the row's natural key (never a CSV column). Set for every fact table whose aggregates are
   * perturbed.
   */
  recordKey?: P;
  /**
   * Cross-row or database checks on valid rows (e.g. unknown entity codes), run inside the load's
   * transaction so they see what the same load wrote before.
   */
  check?(db: EntityManager, rows: readonly ParsedRow<T>[]): Promise<RowIssue[]>;
}
