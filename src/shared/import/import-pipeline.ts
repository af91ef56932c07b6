import { constants, createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { parse, type CsvError } from 'csv-parse';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import { recordKey } from '../disclosure/record-key';
import type { DatasetImporter, ParsedRow, RowIssue } from './importer.definition';

export interface LoadCsvOptions {
  /** Secret of the record keys the importer's units get (disclosure control). */
  recordKeySecret: string;
  /** Import the valid rows and count the others as rejected, instead of rejecting the file. */
  skipInvalid?: boolean;
  progress?: ImportProgress;
}

/** Progress reporting, implemented by the CLI's progress bar. */
export interface ImportProgress {
  start(phase: string, total: number): void;
  advance(by: number): void;
  stop(): void;
}

/** rowsIn = inserted + updated + unchanged + rejected, always. */
export interface ImportSummary {
  dataset: string;
  rowsIn: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  issues: RowIssue[];
  written: boolean;
}

/** The file was refused as a whole; the database is as it was. */
export class ImportRejectedError extends Error {
  override name = 'ImportRejectedError';
  constructor(
    message: string,
    readonly summary: ImportSummary,
  ) {
    super(message);
  }
}

const CHUNK = 400;
const MAX_ISSUES_KEPT = 1000;

/**
 * Reads, validates and writes one CSV file for one importer inside the caller's transaction:
 * every row is validated (and checked against the database) before anything is written, and a
 * file with an invalid row is refused as a whole unless `skipInvalid`. Loads that record a
 * dataset version (`src/shared/loading`) are the callers; they own the transaction.
 */
export async function loadCsv<T extends ObjectLiteral>(
  manager: EntityManager,
  importer: DatasetImporter<T>,
  file: string,
  options: LoadCsvOptions,
): Promise<ImportSummary> {
  const { rows, issues, rowsIn } = await readAndValidate(importer, file, options);
  if (importer.check && rows.length > 0) issues.push(...(await importer.check(manager, rows)));
  issues.push(...duplicateKeys(importer, rows));

  const badLines = new Set(issues.map((issue) => issue.line));
  const summary: ImportSummary = {
    dataset: importer.name,
    rowsIn,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: badLines.size,
    issues: issues.sort((a, b) => a.line - b.line).slice(0, MAX_ISSUES_KEPT),
    written: false,
  };
  if (issues.length > 0 && !options.skipInvalid) {
    throw new ImportRejectedError(
      `${importer.name}: ${badLines.size} of ${rowsIn} rows are invalid; nothing was imported.`,
      summary,
    );
  }
  const valid = rows.filter((row) => !badLines.has(row.line)).map((row) => row.value);
  options.progress?.start('write', valid.length);
  for (let i = 0; i < valid.length; i += CHUNK) {
    const chunk = valid.slice(i, i + CHUNK);
    await writeChunk(manager, importer, chunk, summary);
    options.progress?.advance(chunk.length);
  }
  options.progress?.stop();
  summary.written = true;
  return summary;
}

async function readAndValidate<T extends ObjectLiteral>(
  importer: DatasetImporter<T>,
  file: string,
  { progress, recordKeySecret }: LoadCsvOptions,
): Promise<{ rows: ParsedRow<T>[]; issues: RowIssue[]; rowsIn: number }> {
  const rows: ParsedRow<T>[] = [];
  const issues: RowIssue[] = [];
  const columns = Object.entries(importer.columns);
  await assertReadable(importer.name, file);
  const source = createReadStream(file);
  const parser = source.pipe(
    parse({
      columns: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      relax_column_count: false,
    }),
  );
  // pipe() does not forward read errors; without this a failing read would leave the parser waiting.
  source.on('error', (error) => parser.destroy(error));
  let rowsIn = 0;
  let headerChecked = false;
  progress?.start('validate', 0);
  try {
    for await (const record of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      if (!headerChecked) {
        checkHeader(
          Object.keys(record.record),
          columns.map(([name]) => name),
          importer.name,
        );
        headerChecked = true;
      }
      rowsIn += 1;
      const line = record.info.lines;
      const value: Record<string, unknown> = {};
      let ok = true;
      for (const [name, spec] of columns) {
        const parsed = spec.schema.safeParse(record.record[name]);
        if (parsed.success) value[spec.property] = parsed.data;
        else {
          ok = false;
          issues.push({
            line,
            column: name,
            message: parsed.error.issues[0]?.message ?? 'is invalid',
          });
        }
      }
      if (ok && importer.recordKey) {
        const naturalKey = importer.key.map((property) => value[property]);
        value[importer.recordKey] = recordKey(recordKeySecret, importer.name, naturalKey);
      }
      if (ok) rows.push({ line, value: value as T });
      if (rowsIn % 1000 === 0) progress?.advance(1000);
    }
  } catch (error) {
    progress?.stop();
    if (error instanceof ImportRejectedError) throw error;
    const csvError = error as CsvError & { lines?: number };
    if (csvError.code?.startsWith('CSV_')) {
      const empty = emptySummary(importer.name, rowsIn);
      empty.issues = [
        { line: csvError.lines ?? rowsIn + 1, column: null, message: csvError.message },
      ];
      throw new ImportRejectedError(
        `${importer.name}: the file is not valid CSV: ${csvError.message}`,
        empty,
      );
    }
    if ((error as NodeJS.ErrnoException).syscall) {
      throw new ImportRejectedError(
        `${importer.name}: cannot read file ${file}: ${(error as Error).message}`,
        emptySummary(importer.name, 0),
      );
    }
    throw error;
  }
  progress?.stop();
  if (!headerChecked) {
    throw new ImportRejectedError(
      `${importer.name}: the file has no data rows.`,
      emptySummary(importer.name, 0),
    );
  }
  return { rows, issues, rowsIn };
}

/** Refuses a file that cannot be read, before anything else is looked at. */
export async function assertReadable(importer: string, file: string): Promise<void> {
  await access(file, constants.R_OK).catch(() => {
    throw new ImportRejectedError(
      `${importer}: cannot read file ${file}`,
      emptySummary(importer, 0),
    );
  });
}

export function emptySummary(dataset: string, rowsIn: number): ImportSummary {
  return {
    dataset,
    rowsIn,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: rowsIn,
    issues: [],
    written: false,
  };
}

function checkHeader(found: string[], expected: string[], dataset: string): void {
  const missing = expected.filter((name) => !found.includes(name));
  const unknown = found.filter((name) => !expected.includes(name));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [
      missing.length > 0 ? `missing column(s) ${missing.join(', ')}` : '',
      unknown.length > 0 ? `unknown column(s) ${unknown.join(', ')}` : '',
    ].filter(Boolean);
    const summary = emptySummary(dataset, 0);
    summary.issues = [{ line: 1, column: null, message: parts.join('; ') }];
    throw new ImportRejectedError(
      `${dataset}: header does not match: ${parts.join('; ')}. Expected: ${expected.join(',')}`,
      summary,
    );
  }
}

function keyOf<T extends ObjectLiteral>(importer: DatasetImporter<T>, row: T): string {
  return JSON.stringify(importer.key.map((k) => row[k]));
}

function duplicateKeys<T extends ObjectLiteral>(
  importer: DatasetImporter<T>,
  rows: ParsedRow<T>[],
): RowIssue[] {
  const seen = new Map<string, number>();
  const issues: RowIssue[] = [];
  const keyColumns = Object.entries(importer.columns)
    .filter(([, spec]) => importer.key.includes(spec.property))
    .map(([name]) => name)
    .join(', ');
  for (const row of rows) {
    const key = keyOf(importer, row.value);
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        line: row.line,
        column: keyColumns,
        message: `duplicate key: same as line ${first}`,
      });
    } else seen.set(key, row.line);
  }
  return issues;
}

/** Inserts new rows, updates changed ones and counts the rest as unchanged. */
async function writeChunk<T extends ObjectLiteral>(
  manager: EntityManager,
  importer: DatasetImporter<T>,
  chunk: T[],
  summary: ImportSummary,
): Promise<void> {
  const metadata = manager.connection.getMetadata(importer.target);
  const keyColumns = importer.key.map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${importer.name}: key ${property} is not a column`);
    return column.databaseName;
  });
  // One IN list per key column selects a superset of the chunk's keys through the primary-key
  // index on both drivers (MariaDB does not use an index for row-value IN lists); exact matches
  // are picked out below.
  const qb = manager.getRepository(importer.target).createQueryBuilder('t');
  importer.key.forEach((property, k) => {
    const values = [...new Set(chunk.map((row) => row[property]))];
    qb.andWhere(`t.${keyColumns[k]} IN (:...k${k})`, { [`k${k}`]: values });
  });
  const existing = await qb.getMany();
  const byKey = new Map(existing.map((row) => [keyOf(importer, row), row]));
  const properties = Object.values(importer.columns).map((spec) => spec.property);

  const toInsert: T[] = [];
  for (const row of chunk) {
    const current = byKey.get(keyOf(importer, row));
    if (!current) toInsert.push(row);
    else if (properties.every((p) => sameValue(current[p], row[p]))) summary.unchanged += 1;
    else {
      const where = Object.fromEntries(importer.key.map((k) => [k, row[k]]));
      await manager.getRepository(importer.target).update(where as never, row as never);
      summary.updated += 1;
    }
  }
  if (toInsert.length > 0) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(importer.target)
      .values(toInsert as never)
      .updateEntity(false)
      .execute();
    summary.inserted += toInsert.length;
  }
}

function sameValue(stored: unknown, incoming: unknown): boolean {
  if (stored === incoming) return true;
  if (stored === null || stored === undefined || incoming === null || incoming === undefined) {
    return (stored ?? null) === (incoming ?? null);
  }
  if (typeof incoming === 'number') return Number(stored) === incoming;
  if (typeof incoming === 'boolean') return Boolean(stored) === incoming;
  return String(stored) === String(incoming);
}
