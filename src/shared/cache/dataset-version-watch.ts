import type { DataSource } from 'typeorm';
import type { Logger } from '../logging';
import { onDatasetsChanged, currentVersions } from '../versions';

export type VersionListener = (changed: readonly string[]) => void;

/**
 * The current version of every dataset, held in memory so that a cached answer can be checked
 * without a SQL statement. It learns of new versions three ways: a poll of the versions table
 * (one small GROUP BY every `pollMs`, outside any request), a notice from an import in the same
 * process, and a message on Redis from an import anywhere (see `RedisVersionChannel`).
 */
export class DatasetVersionWatch {
  private versions: ReadonlyMap<string, number> = new Map();
  private readonly listeners: VersionListener[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** The last read asked for; reads run one after another. */
  private reading: Promise<void> = Promise.resolve();
  private busy = false;
  private unsubscribe: (() => void) | undefined;
  /** When (performance.now()) the last read that succeeded began; -Infinity before any. */
  private goodReadStarted = Number.NEGATIVE_INFINITY;
  private lastReadFailed = false;
  /** Versions announced by importers, and when: a read begun before cannot undo them. */
  private readonly announced = new Map<string, { version: number; at: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
  ) {}

  /**
   * Reads the versions once, then follows loads of this process and polls every `pollMs`
   * (0: no poll; a poll is skipped while a read is still running).
   */
  async start(pollMs: number): Promise<void> {
    await this.refresh();
    this.unsubscribe = onDatasetsChanged(() => this.refresh());
    if (pollMs > 0) {
      this.timer = setInterval(() => {
        if (!this.busy) void this.refresh();
      }, pollMs);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.unsubscribe?.();
  }

  current(): ReadonlyMap<string, number> {
    return this.versions;
  }

  /**
   * Whether the database answered the last read, and began answering after `since` (a
   * `performance.now()` time, e.g. when a request saw it fail).
   */
  answeringSince(since: number): boolean {
    return !this.lastReadFailed && this.goodReadStarted > since;
  }

  /**
   * Takes versions an importer announced (on Redis) at once, without waiting for the versions
   * table to be reread: answers cached under older versions stop being served the moment the
   * announcement arrives. Versions only go forward here.
   */
  learn(announced: ReadonlyMap<string, number>): void {
    const at = performance.now();
    const next = new Map(this.versions);
    for (const [dataset, version] of announced) {
      if ((next.get(dataset) ?? -1) >= version) continue;
      next.set(dataset, version);
      this.announced.set(dataset, { version, at });
    }
    this.update(next);
  }

  /** Calls `listener` with the datasets whose version changed, after every change seen. */
  onChange(listener: VersionListener): void {
    this.listeners.push(listener);
  }

  /**
   * Reads the versions table, after any read under way (so a read that began before a commit
   * never stands for one asked after it). A database that does not answer leaves the versions
   * as they were: answers cached from them stay as good as they were, and readiness reports the
   * database.
   */
  refresh(): Promise<void> {
    this.reading = this.reading.then(() => this.read());
    return this.reading;
  }

  private async read(): Promise<void> {
    if (!this.dataSource.isInitialized) return;
    let next: Map<string, number>;
    this.busy = true;
    const started = performance.now();
    try {
      next = await currentVersions(this.dataSource.manager);
      this.goodReadStarted = started;
      this.lastReadFailed = false;
    } catch (error) {
      this.lastReadFailed = true;
      this.logger.debug({ err: error }, 'dataset versions could not be read');
      return;
    } finally {
      this.busy = false;
    }
    // A read begun before an announcement may have missed the commit it announced.
    for (const [dataset, { version, at }] of this.announced) {
      if (at < started) this.announced.delete(dataset);
      else if ((next.get(dataset) ?? -1) < version) next.set(dataset, version);
    }
    this.update(next);
  }

  private update(next: Map<string, number>): void {
    const names = new Set([...this.versions.keys(), ...next.keys()]);
    const changed = [...names].filter((name) => this.versions.get(name) !== next.get(name)).sort();
    this.versions = next;
    if (changed.length === 0) return;
    this.logger.info({ changed: Object.fromEntries(next) }, 'dataset versions changed');
    for (const listener of this.listeners) listener(changed);
  }
}
