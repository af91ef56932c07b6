import { constants, createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { parse, type CsvError } from 'csv-parse';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import { bulkInsert } from '../../db/bulk-insert';
import { recordKey } from '../disclosure';
import type {
  DatasetImporter,
  Derivation,
  ImportColumn,
  ParsedRow,
  RowIssue,
} from './importer.definition';
import { checkForeignKeys, ReferenceCache, referenceKey } from './reference-check';
import { KeyLedger } from './key-ledger';
import { NotUtf8Error, Utf8Check } from './utf8-check';

export interface LoadCsvOptions {
  /** Secret of the record keys the importer's units get (disclosure control). */
  recordKeySecret: string;
  /** Import the valid rows and count the others as rejected, instead of rejecting the file. */
  skipInvalid?: boolean;
  progress?: ImportProgress;
  /** Partition values the caller emptied before the load (a `--replace`): derived data is rebuilt for them too. */
  emptiedPartitions?: ReadonlySet<unknown>;
  /**
   * A file with its header and no rows loads nothing instead of being refused: a generated file
   * may be empty at a small scale (no disciplinary measure at scale 0.01). A user's empty file is
   * refused, as it is more likely a mistake.
   */
  allowEmpty?: boolean;
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

/** Rows validated, checked and written together: memory stays bounded whatever the file size. */
const CHUNK = 2000;
const MAX_ISSUES_KEPT = 1000;

/**
 * Streams one CSV file through one importer inside the caller's transaction: rows are parsed,
 * validated and checked against the database a chunk at a time, and written as they come. A file
 * with an invalid row is refused as a whole (unless `skipInvalid`): writing stops at the first
 * problem, the rest is still read so that every problem is reported, and the caller's
 * transaction is rolled back, so nothing of the file stays. Loads that record a dataset version
 * (`src/shared/loading`) are the callers; they own the transaction.
 */
export async function loadCsv<T extends ObjectLiteral>(
  manager: EntityManager,
  importer: DatasetImporter<T>,
  file: string,
  options: LoadCsvOptions,
): Promise<ImportSummary> {
  if (importer.derive && !importer.replacesPartitions) {
    throw new Error(`${importer.name}: derive needs replacesPartitions (rows are only inserted)`);
  }
  await assertReadable(importer.name, file);
  const summary = emptySummary(importer.name, 0);
  summary.rejected = 0;
  const issues: RowIssue[] = [];
  // Rows refused so far, and the lines of the current chunk that have a problem: nothing that
  // grows with the file is kept in memory (keys go to a temporary table, see KeyLedger).
  let rejected = 0;
  let badInChunk = new Set<number>();
  const ledger = new KeyLedger(manager);
  const keyColumns = Object.entries(importer.columns)
    .filter(([, spec]) => importer.key.some((k) => k === spec.property))
    .map(([name]) => name)
    .join(', ');
  const references = new ReferenceCache();
  const partitions = new Set<unknown>(options.emptiedPartitions);
  const derivation = importer.derive?.(manager);
  const writer = new ChunkWriter(manager, importer, summary, derivation);
  let batch: ParsedRow<T>[] = [];
  // The previous chunk's write runs while the next chunk is parsed; at most one is in flight.
  let writing: Promise<void> = Promise.resolve();

  const keep = (found: readonly RowIssue[]) => {
    for (const issue of found) if (issues.length < MAX_ISSUES_KEPT) issues.push(issue);
  };
  const report = (found: RowIssue[]) => {
    keep(found);
    for (const issue of found) badInChunk.add(issue.line);
  };
  const refused = () => rejected + badInChunk.size > 0 && !options.skipInvalid;
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    // Checks see everything written before them, the previous chunk included.
    await writing;
    const duplicates = await ledger.add(
      rows.map((row) => ({
        key: referenceKey(importer.key.map((k) => row.value[k])),
        line: row.line,
      })),
    );
    report(
      [...duplicates].map(([line, first]) => ({
        line,
        column: keyColumns,
        message: `duplicate key: same as line ${first}`,
      })),
    );
    const unique = rows.filter((row) => !duplicates.has(row.line));
    report(await checkForeignKeys(manager, references, importer, unique));
    if (importer.check) report(await importer.check(manager, unique, { references }));
    if (importer.partition) for (const row of unique) partitions.add(row.value[importer.partition]);
    const valid = unique.filter((row) => !badInChunk.has(row.line)).map((row) => row.value);
    rejected += badInChunk.size;
    badInChunk = new Set();
    // Once the file is refused nothing more is written: the transaction will be rolled back.
    if (!refused()) {
      writing = writer.write(valid);
      // Awaited by the next flush or at the end; marked handled so a failure does not surface
      // as an unhandled rejection while the parser runs.
      writing.catch(() => undefined);
    }
    options.progress?.advance(rows.length);
  };

  options.progress?.start('load', 0);
  try {
    for await (const row of parseRows(
      importer,
      file,
      options.recordKeySecret,
      options.allowEmpty,
    )) {
      summary.rowsIn += 1;
      if ('issues' in row) {
        keep(row.issues);
        rejected += 1;
        continue;
      }
      batch.push(row);
      if (batch.length >= CHUNK) await flush();
    }
    await flush();
    await writing;
    await ledger.close();
  } finally {
    options.progress?.stop();
  }
  summary.rejected = rejected;
  summary.issues = issues.sort((a, b) => a.line - b.line);
  if (refused()) {
    throw new ImportRejectedError(
      `${importer.name}: ${rejected} of ${summary.rowsIn} rows are invalid; nothing was imported.`,
      summary,
    );
  }
  if (derivation) await derivation.finish(partitions);
  else if (importer.afterLoad) await importer.afterLoad(manager, partitions);
  summary.written = true;
  return summary;
}

type ParsedOrRejected<T> = ParsedRow<T> | { line: number; issues: RowIssue[] };

/** The file's rows, validated column by column; header, CSV and read errors refuse the file. */
async function* parseRows<T extends ObjectLiteral>(
  importer: DatasetImporter<T>,
  file: string,
  recordKeySecret: string,
  allowEmpty = false,
): AsyncGenerator<ParsedOrRejected<T>> {
  const expected = Object.entries(importer.columns);
  const source = createReadStream(file);
  // Records as arrays, without csv-parse's per-record info objects (most of the parser's
  // garbage on a file of millions of rows): line numbers are counted here instead, and a record
  // with the wrong number of fields is a row issue with its line, not the end of the file.
  const utf8 = source.pipe(new Utf8Check());
  const parser = utf8.pipe(
    parse({ bom: true, trim: true, skip_empty_lines: false, relax_column_count: true }),
  );
  // pipe() does not forward errors; without this a failing read would leave the parser waiting.
  source.on('error', (error) => parser.destroy(error));
  utf8.on('error', (error) => parser.destroy(error));
  let rows = 0;
  let line = 0;
  let columns: { index: number; name: string; spec: ImportColumn<keyof T & string> }[] | undefined;
  let width = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      line += 1;
      const first = line;
      for (const field of record) line += lineBreaks(field);
      if (record.length === 1 && record[0] === '') continue;
      if (!columns) {
        checkHeader(
          record,
          expected.map(([name]) => name),
          importer.name,
        );
        width = record.length;
        columns = expected.map(([name, spec]) => ({ index: record.indexOf(name), name, spec }));
        continue;
      }
      rows += 1;
      if (record.length !== width) {
        yield {
          line: first,
          issues: [
            {
              line: first,
              column: null,
              message: `has ${record.length} fields where the header has ${width}`,
            },
          ],
        };
        continue;
      }
      const value: Record<string, unknown> = {};
      let issues: RowIssue[] | undefined;
      for (const { index, name, spec } of columns) {
        const parsed = spec.schema.safeParse(record[index]);
        if (parsed.success) value[spec.property] = parsed.data;
        else
          (issues ??= []).push({
            line: first,
            column: name,
            message: parsed.error.issues[0]?.message ?? 'is invalid',
          });
      }
      if (issues) {
        yield { line: first, issues };
        continue;
      }
      if (importer.recordKey) {
        const naturalKey = importer.key.map((property) => value[property]);
        value[importer.recordKey] = recordKey(recordKeySecret, importer.name, naturalKey);
      }
      yield { line: first, value: value as T };
    }
  } catch (error) {
    if (error instanceof ImportRejectedError) throw error;
    if (error instanceof NotUtf8Error) {
      const refused = emptySummary(importer.name, rows);
      refused.issues = [{ line: error.line, column: null, message: error.message }];
      throw new ImportRejectedError(`${importer.name}: ${error.message}.`, refused);
    }
    const csvError = error as CsvError & { lines?: number };
    if (csvError.code?.startsWith('CSV_')) {
      const empty = emptySummary(importer.name, rows);
      empty.issues = [
        { line: csvError.lines ?? line + 1, column: null, message: csvError.message },
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
  if (!columns || (rows === 0 && !allowEmpty)) {
    throw new ImportRejectedError(
      `${importer.name}: the file has no data rows.`,
      emptySummary(importer.name, 0),
    );
  }
}

/** Line breaks inside a (quoted) field: the record spans more lines of the file. */
function lineBreaks(field: string): number {
  if (!field.includes('\n') && !field.includes('\r')) return 0;
  let count = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    if (c === 10 || (c === 13 && field.charCodeAt(i + 1) !== 10)) count += 1;
  }
  return count;
}

/** Refuses a file that cannot be read, before anything else is looked at. */
export async function assertReadable(importer: string, file: string): Promise<void> {
  await access(file, constants.R_OK).catch((error: NodeJS.ErrnoException) => {
    const reason =
      error.code === 'ENOENT'
        ? 'there is no such file'
        : error.code === 'EACCES'
          ? 'permission denied'
          : error.message;
    throw new ImportRejectedError(
      `${importer}: cannot read file ${file}: ${reason}.`,
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
    // One column holding the expected names joined by ';' (or tabs): another separator.
    const separator =
      found.length === 1 ? [';', '\t'].find((c) => found[0].includes(c)) : undefined;
    const hint = separator
      ? ` The file seems separated by ${separator === ';' ? 'semicolons' : 'tabs'}, not commas: save it as comma-separated CSV (Excel: "CSV UTF-8 (Comma delimited)").`
      : '';
    const summary = emptySummary(dataset, 0);
    summary.issues = [{ line: 1, column: null, message: parts.join('; ') }];
    throw new ImportRejectedError(
      `${dataset}: header does not match: ${parts.join('; ')}. Expected: ${expected.join(',')}.${hint}`,
      summary,
    );
  }
}

/**
 * Writes valid rows. By default each row is merged by its key: inserted if new, updated if
 * changed, counted as unchanged otherwise (so a file imported twice changes nothing). An importer
 * that replaces partitions (a survey wave) instead deletes, once per load, every stored row of each
 * partition value the file holds, then inserts: no lookup per row.
 */
class ChunkWriter<T extends ObjectLiteral> {
  private readonly cleared = new Set<string>();
  private readonly keyColumns: string[];

  constructor(
    private readonly manager: EntityManager,
    private readonly importer: DatasetImporter<T>,
    private readonly summary: ImportSummary,
    private readonly derivation: Derivation<T> | undefined,
  ) {
    const metadata = manager.connection.getMetadata(importer.target);
    this.keyColumns = importer.key.map((property) => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${importer.name}: key ${property} is not a column`);
      return column.databaseName;
    });
  }

  async write(rows: T[]): Promise<void> {
    if (rows.length === 0) return;
    const { partition, replacesPartitions } = this.importer;
    if (partition && replacesPartitions) {
      for (const value of new Set(rows.map((row) => row[partition]))) {
        if (this.cleared.has(String(value))) continue;
        this.cleared.add(String(value));
        await this.manager
          .getRepository(this.importer.target)
          .delete({ [partition]: value } as never);
      }
      await this.insert(rows);
      return;
    }
    await this.merge(rows);
  }

  private async insert(rows: T[]): Promise<void> {
    await bulkInsert(this.manager, this.importer.target, rows);
    this.summary.inserted += rows.length;
    await this.derivation?.add(rows);
  }

  /** Inserts new rows, updates changed ones and counts the rest as unchanged. */
  private async merge(chunk: T[]): Promise<void> {
    const { importer } = this;
    // One IN list per key column selects a superset of the chunk's keys through the primary-key
    // index on both drivers (MariaDB does not use an index for row-value IN lists); exact matches
    // are picked out below.
    const qb = this.manager.getRepository(importer.target).createQueryBuilder('t');
    importer.key.forEach((property, k) => {
      const values = [...new Set(chunk.map((row) => row[property]))];
      qb.andWhere(`t.${this.keyColumns[k]} IN (:...k${k})`, { [`k${k}`]: values });
    });
    const keyOf = (row: T) => JSON.stringify(importer.key.map((k) => row[k]));
    const existing = new Map((await qb.getMany()).map((row) => [keyOf(row), row]));
    const properties = Object.values(importer.columns).map((spec) => spec.property);
    const toInsert: T[] = [];
    for (const row of chunk) {
      const current = existing.get(keyOf(row));
      if (!current) toInsert.push(row);
      else if (properties.every((p) => sameValue(current[p], row[p]))) this.summary.unchanged += 1;
      else {
        const where = Object.fromEntries(importer.key.map((k) => [k, row[k]]));
        await this.manager.getRepository(importer.target).update(where as never, row as never);
        this.summary.updated += 1;
      }
    }
    // Chunks of the size the lookup used keep the parameter count of one INSERT bounded.
    if (toInsert.length > 0) await this.insert(toInsert);
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
