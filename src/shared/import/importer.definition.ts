import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { ReferenceCache } from './reference-check';
import type { z } from 'zod';
import { columnLength, foreignKeyProperties } from '../../db/entity-tables';
import { allowedValues, maxLengthOf } from './csv-columns';

export interface ImportColumn<P extends string = string> {
  /** Entity property the column is stored in. */
  property: P;
  schema: z.ZodType;
  description: string;
  example: string;
}

/**
 * Where an importer's columns disagree with its table: a text value the CSV schema allows (its
 * maximum length, or its longest enum value) that the table's column could not hold. Checked when
 * the catalog is built, so a changed column length fails start-up, not a load.
 */
export function importerColumnProblems(importer: DatasetImporter<ObjectLiteral>): string[] {
  const problems: string[] = [];
  for (const [name, column] of Object.entries(importer.columns)) {
    const length = columnLength(importer.target, column.property);
    if (length === undefined) continue;
    const longest =
      maxLengthOf(column.schema) ??
      Math.max(0, ...(allowedValues(column.schema) ?? []).map((v) => v.length));
    if (longest > length)
      problems.push(
        `importer ${importer.name}: column ${name} allows ${longest} characters, ` +
          `${importer.target.name}.${column.property} holds ${length}`,
      );
  }
  // Each foreign key is checked row by row from the CSV columns that hold it (checkForeignKeys).
  const imported = new Set(Object.values(importer.columns).map((c) => c.property));
  for (const properties of foreignKeyProperties(importer.target)) {
    const missing = properties.filter((p) => !imported.has(p));
    if (missing.length > 0)
      problems.push(
        `importer ${importer.name}: ${missing.join(', ')} of a foreign key of ` +
          `${importer.target.name} is not an imported column`,
      );
  }
  return problems;
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
   * Further checks on valid rows (cross-column rules, references that need more than a key
   * lookup), after the table's foreign keys (`checkForeignKeys`), a chunk at a time,
   * run inside the load's transaction so they see what the same load wrote before.
   */
  check?(
    db: EntityManager,
    rows: readonly ParsedRow<T>[],
    context: CheckContext,
  ): Promise<RowIssue[]>;
  /** The property that splits the table into independent parts (a survey's wave). */
  partition?: P;
  /**
   * A file holds whole partitions: loading it replaces every stored row of each partition value
   * it contains (a wave's answers), instead of merging row by row.
   */
  replacesPartitions?: boolean;
  /**
   * Derived data to rebuild once the file is written, inside the same transaction, for the
   * partition values the load changed (a survey's rollups, per wave): those the file held and
   * those a `--replace` emptied.
   */
  afterLoad?(db: EntityManager, partitions: ReadonlySet<unknown>): Promise<void>;
  /**
   * Derived data computed from the rows as they are written instead of reading them back: the
   * pipeline hands every written chunk to the derivation and calls `finish` where it would call
   * `afterLoad`. An importer has one or the other.
   */
  derive?(db: EntityManager): Derivation<T>;
}

/** Derived data built while a load streams (see DatasetImporter.derive). */
export interface Derivation<T> {
  add(rows: readonly T[]): Promise<void>;
  /** Writes the derived data of every partition the load changed, inside its transaction. */
  finish(partitions: ReadonlySet<unknown>): Promise<void>;
}

/** What a check may use besides the database. */
export interface CheckContext {
  /** Keys of referenced tables, read once per load. */
  references: ReferenceCache;
}
