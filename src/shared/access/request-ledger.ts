import type { SqlCount } from '../../db/sql-statement-counter';
import type { Disclosure, QueryLedger } from '../facts';
import type { AccessCatalog } from './access-rules';

/**
 * Where a request learns the datasets' versions: from memory (the process's version watch, no
 * statement), or by one read of the versions table on the primary (`read`, counted).
 */
export type VersionSource =
  | { held: () => ReadonlyMap<string, number> }
  | { read: () => Promise<ReadonlyMap<string, number>> };

/**
 * What one request did, as it goes: the datasets it read and their versions, how each fact was
 * protected and how many cells that hid, the statements it ran, its deadline, what it returned,
 * and whether the answer may be cached or came from the cache. The reader (`DataAccess`) writes
 * it; the response's extensions, the audit log, the metrics, the trace and the response cache
 * read it, and the aggregation engine gets it as the one value it reports to.
 */
export class RequestLedger implements QueryLedger {
  /** When the request's reads must have finished (`performance.now()`, ms). */
  readonly deadline: number;
  private readonly datasetsRead = new Set<string>();
  private readonly disclosures = new Map<string, Disclosure>();
  private readonly hidden = new Map<string, number>();
  private returned = 0;
  private unversioned = false;
  private cached = false;
  private versionsRead: Promise<ReadonlyMap<string, number>> | undefined;

  constructor(
    private readonly catalog: AccessCatalog,
    queryTimeoutMs: number,
    /** The datasets' current versions, from memory or read once on the primary. */
    private readonly versionSource: VersionSource,
    /** Where the request's statements are counted for its metrics (none outside HTTP). */
    readonly sqlCount?: SqlCount,
  ) {
    this.deadline = performance.now() + queryTimeoutMs;
  }

  /** Runs one statement of the request, counted for its metrics. */
  statement<T>(what: string, run: () => Promise<T>): Promise<T> {
    return this.sqlCount ? this.sqlCount.run(what, run) : run();
  }

  /** Milliseconds left before the deadline. */
  remainingMs(): number {
    return this.deadline - performance.now();
  }

  /**
   * Notes tables the request reads, by the datasets that own them (a table no dataset owns is
   * refused); the first read also takes the datasets' versions, once, so the answer says what it
   * was computed from. Versions held in memory are never ahead of what is committed (the watch
   * learns of a load after it commits), so the data read is at least at those versions: an
   * answer cached under them is dropped, not kept, when the watch moves on.
   */
  readsTables(tables: readonly string[]): void {
    for (const table of tables) {
      const dataset = this.catalog.datasetOfTable(table);
      // A table no dataset owns has no version: an answer read from it could be cached and go
      // stale after a load. The catalog refuses such a fact at start-up; this refuses the read.
      if (!dataset)
        throw new Error(`${table} belongs to no dataset: an answer read from it has no version`);
      this.datasetsRead.add(dataset);
    }
    if (!this.versionsRead) {
      const source = this.versionSource;
      if ('held' in source) {
        this.versionsRead = Promise.resolve(source.held());
      } else {
        this.versionsRead = this.statement('dataset versions', source.read);
        // Awaited when the response is sent; this keeps a failed read from being unhandled.
        this.versionsRead.catch(() => undefined);
      }
    }
  }

  /** The versions read with the request's first read; undefined before it read anything. */
  get versions(): Promise<ReadonlyMap<string, number>> | undefined {
    return this.versionsRead;
  }

  /**
   * Marks the request as reading state that no dataset version covers (load history, the saved
   * query registry): its answer may change without an import, so it is never cached.
   */
  readsUnversionedState(): void {
    this.unversioned = true;
  }

  /** How a fact was protected in this request. */
  protectedAs(fact: string, disclosure: Disclosure): void {
    this.disclosures.set(fact, disclosure);
  }

  cellsHidden(fact: string, count: number): void {
    this.hidden.set(fact, (this.hidden.get(fact) ?? 0) + count);
  }

  /** Aggregate cells or rows handed to resolvers. */
  returnedCells(count: number): void {
    this.returned += count;
  }

  /** The request was answered from the response cache; `datasets` are those the answer read. */
  answeredFromCache(datasets: readonly string[]): void {
    this.cached = true;
    for (const dataset of datasets) this.datasetsRead.add(dataset);
  }

  /**
   * Versions of the datasets this request read, as they were when it first read data. The
   * response reports them; the response cache keys on them.
   */
  async datasetVersions(): Promise<Record<string, number | null>> {
    if (!this.versionsRead) return {};
    const versions = await this.versionsRead;
    const read: Record<string, number | null> = {};
    for (const dataset of this.datasetsTouched()) read[dataset] = versions.get(dataset) ?? null;
    return read;
  }

  /** Whether the answer may be cached: it read only versioned datasets. */
  get cacheable(): boolean {
    return !this.unversioned;
  }

  /** Whether the answer came from the response cache (the audit log's `cached`). */
  get fromCache(): boolean {
    return this.cached;
  }

  /** Aggregate cells and fact rows this request returned (the audit log's `cells`). */
  cellsReturned(): number {
    return this.returned;
  }

  /** Datasets this request read (the audit log's `datasets`). */
  datasetsTouched(): string[] {
    return [...this.datasetsRead].sort();
  }

  /** Cells each fact's disclosure control hid in this request (facts that hid none are absent). */
  cellsHiddenByFact(): Record<string, number> {
    return Object.fromEntries(this.hidden);
  }

  /** How each fact read by this request was protected, for the response to say. */
  disclosureApplied(): Record<string, Disclosure> {
    return Object.fromEntries([...this.disclosures].sort(([a], [b]) => a.localeCompare(b)));
  }
}
