import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ImportColumn, ParsedRow, RowIssue } from './importer.definition';

/**
 * Reports every row whose value in `column` is not a key of the dimension `target`
 * (dimensions are small, so their keys are read once).
 */
export async function checkReference<T extends ObjectLiteral, R extends ObjectLiteral>(
  db: EntityManager,
  rows: readonly ParsedRow<T>[],
  column: string,
  spec: ImportColumn<keyof T & string>,
  target: EntityTarget<R>,
  keyProperty: keyof R & string,
  what: string,
): Promise<RowIssue[]> {
  const keys = await db.getRepository(target).find({ select: { [keyProperty]: true } as never });
  const known = new Set(keys.map((row) => String(row[keyProperty])));
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
