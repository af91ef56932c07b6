import type { ClassType } from 'type-graphql';
import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { DatasetImporter, ImportColumn, ParsedRow, RowIssue } from './importer.definition';

/**
 * A type other services reference by key (a dimension's code), for the federated graph. What an
 * importer's column references is its table's foreign key (`checkForeignKeys`).
 */
export interface ColumnReference {
  target: ClassType<ObjectLiteral>;
  key: string;
}

export function referenceTo<R extends ObjectLiteral>(
  target: ClassType<R>,
  key: keyof R & string,
): ColumnReference {
  return { target, key };
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

/**
 * A foreign key of an importer's table, as the pipeline checks it: the CSV columns holding it
 * and the keys it must match. Derived from the entity's `@ForeignKey` declarations (TypeORM's
 * metadata), so the constraint the migrations create and the check that reports a row's unknown
 * code are one declaration.
 */
interface ImportedForeignKey {
  /** The CSV columns of the key, in the key's order. */
  columns: readonly string[];
  properties: readonly string[];
  target: EntityTarget<ObjectLiteral>;
  targetProperties: readonly string[];
  /** What a key names, for messages, from the referenced table: `dim_duty_station` gives `duty station`. */
  what: string;
}

/** What the rows of a table are, for messages: its name without the prefix, in words. */
const describeTable = (table: string): string =>
  table.slice(table.indexOf('_') + 1).replace(/_/g, ' ');

/** The foreign keys of an importer's table, with the CSV columns that hold them. */
function importedForeignKeys(
  metadata: EntityMetadata,
  importer: DatasetImporter<ObjectLiteral>,
): ImportedForeignKey[] {
  const csvColumn = new Map(
    Object.entries(importer.columns).map(([name, c]) => [c.property, name]),
  );
  return metadata.foreignKeys.map((foreignKey) => {
    const properties = foreignKey.columns.map((c) => c.propertyName);
    return {
      // Every property is an imported column: importerColumnProblems checks it at start-up.
      columns: properties.map((p) => csvColumn.get(p) ?? p),
      properties,
      target: foreignKey.referencedEntityMetadata.target,
      targetProperties: foreignKey.referencedColumns.map((c) => c.propertyName),
      what: describeTable(foreignKey.referencedEntityMetadata.tableName),
    };
  });
}

/**
 * Reports every row of a chunk whose foreign key (a dimension code, a wave's respondent) names
 * no stored row: `unknown entity "XYZ"`, or with the key's other columns `unknown respondent
 * "R1" in wave 2021`.
 */
export async function checkForeignKeys<T extends ObjectLiteral>(
  db: EntityManager,
  cache: ReferenceCache,
  importer: DatasetImporter<T>,
  rows: readonly ParsedRow<T>[],
): Promise<RowIssue[]> {
  const issues: RowIssue[] = [];
  for (const key of importedForeignKeys(db.connection.getMetadata(importer.target), importer)) {
    const known = await cache.keysOf(db, key.target, key.targetProperties);
    const last = key.properties.length - 1;
    for (const row of rows) {
      const values = key.properties.map((p) => row.value[p]);
      // A key with an empty column is no reference (SQL does not check it either).
      if (values.some((v) => v === null || v === undefined)) continue;
      if (known.has(referenceKey(values))) continue;
      const context = key.columns
        .slice(0, last)
        .map((column, i) => ` in ${column.replace(/_/g, ' ')} ${String(values[i])}`)
        .join('');
      issues.push({
        line: row.line,
        column: key.columns[last],
        message: `unknown ${key.what} "${String(values[last])}"${context}`,
      });
    }
  }
  return issues;
}
