import type { ClassType } from 'type-graphql';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { DatasetImporter, ImportColumn, ParsedRow, RowIssue } from './importer.definition';

/**
 * A column's values are keys of this table (a dimension): declared once per dimension, and used
 * by importers (unknown codes), and by the graph for the types other services reference by key.
 */
export interface ColumnReference {
  target: ClassType<ObjectLiteral>;
  key: string;
  /** What a value is, for messages: `unknown entity "XYZ"`. */
  what: string;
}

export function referenceTo<R extends ObjectLiteral>(
  target: ClassType<R>,
  key: keyof R & string,
  what: string,
): ColumnReference {
  return { target, key, what };
}

/**
 * Keys of the tables a load refers to (dimensions, a wave's respondents), read once per load and
 * per target, so that checking a file a chunk at a time costs one query per referenced table.
 */
export class ReferenceCache {
  private readonly keys = new Map<string, Promise<Set<string>>>();

  keysOf<R extends ObjectLiteral>(
    db: EntityManager,
    target: EntityTarget<R>,
    properties: readonly (keyof R & string)[],
    where?: Partial<R>,
  ): Promise<Set<string>> {
    const name = JSON.stringify([db.connection.getMetadata(target).tableName, properties, where]);
    let keys = this.keys.get(name);
    if (!keys) {
      keys = db
        .getRepository(target)
        .find({
          select: Object.fromEntries(properties.map((p) => [p, true])) as never,
          where: (where ?? {}) as never,
        })
        .then((rows) => new Set(rows.map((row) => referenceKey(properties.map((p) => row[p])))));
      this.keys.set(name, keys);
    }
    return keys;
  }
}

/**
 * The string a tuple of key values is compared by: each value prefixed with its length, so that
 * no two tuples share a string whatever characters the values hold. Built with join, which makes
 * one flat string (concatenation would keep a tree of parts alive in every map that holds it).
 */
export const referenceKey = (values: readonly unknown[]): string => {
  if (values.length === 1) return String(values[0]);
  const parts: string[] = [];
  for (const value of values) {
    const text = String(value);
    parts.push(String(text.length), ':', text);
  }
  return parts.join('');
};

/**
 * Reports every row whose value in `column` is not a key of the dimension `target`.
 */
export async function checkReference<T extends ObjectLiteral, R extends ObjectLiteral>(
  db: EntityManager,
  cache: ReferenceCache,
  rows: readonly ParsedRow<T>[],
  column: string,
  spec: ImportColumn<keyof T & string>,
  target: EntityTarget<R>,
  keyProperty: keyof R & string,
  what: string,
): Promise<RowIssue[]> {
  const known = await cache.keysOf(db, target, [keyProperty]);
  const issues: RowIssue[] = [];
  for (const row of rows) {
    const value = row.value[spec.property];
    if (value === null || value === undefined) continue;
    if (!known.has(String(value))) {
      issues.push({ line: row.line, column, message: `unknown ${what} "${String(value)}"` });
    }
  }
  return issues;
}

/** Checks every column of the importer that declares a reference, for a chunk of rows. */
export async function checkColumnReferences<T extends ObjectLiteral>(
  db: EntityManager,
  cache: ReferenceCache,
  importer: DatasetImporter<T>,
  rows: readonly ParsedRow<T>[],
): Promise<RowIssue[]> {
  const issues: RowIssue[] = [];
  for (const [column, spec] of Object.entries(importer.columns)) {
    if (!spec.references) continue;
    const { target, key, what } = spec.references;
    issues.push(...(await checkReference(db, cache, rows, column, spec, target, key, what)));
  }
  return issues;
}
