import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../config/config';
import { DatasetVersionWatch } from '../cache';
import type { Logger } from '../logging';
import { openDataSource, type MysqlFlavor } from '../../db/data-source';
import type { FactDefinition } from '../facts';
import { prepareSummaries, type SummarizedSchema } from '../aggregation';
import { reserveConnections } from '../../db/read-pool';

/**
 * Where a request's reads went: a replica, or the primary because every replica was behind the
 * primary's dataset versions, none answered, or the chosen one failed during the request.
 */
export type ReadRoute = 'replica' | 'primary_behind' | 'primary_unavailable' | 'primary_fallback';

/** One read replica: its data source once it answered, and the dataset versions it holds. */
interface Replica {
  url: string;
  /** host:port, for logs (never the credentials). */
  name: string;
  dataSource: DataSource | null;
  versions: DatasetVersionWatch | null;
  /** When a request last saw it fail to answer (performance.now()). */
  failedAt: number;
}

/** The smallest interval between two attempts to open a replica that did not answer at start. */
const REOPEN_MS = 2000;

/**
 * Sends reads to MySQL/MariaDB read replicas (DATABASE_REPLICA_URLS) when they are fresh enough.
 * Each replica is a data source of its own, with a `DatasetVersionWatch` that rereads its dataset
 * versions every REPLICA_POLL_MS. A request first reads the versions on the primary (the
 * versions its response reports); it may read a replica only if the replica's last-read
 * versions are at least those for every dataset. Replication only moves a replica forward, so
 * what the replica holds is then at least what the primary had when the request began: a client
 * never sees an older version after a newer one, whichever process serves it. Otherwise, and
 * while no replica answers, reads go to the primary.
 *
 * TypeORM's own `replication` option picks a replica at random and knows neither lag nor
 * outages, so the replicas are separate data sources chosen here instead.
 */
export class ReadReplicas {
  private readonly replicas: Replica[];
  private turn = 0;
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    readonly primary: DataSource,
    urls: readonly string[],
    private readonly open: (url: string) => Promise<DataSource>,
    private readonly facts: readonly FactDefinition[],
    private readonly pollMs: number,
    private readonly poolSize: number,
    private readonly logger: Logger,
    /** Told where each request's reads went (the metrics). */
    private readonly observe: (route: ReadRoute) => void,
  ) {
    this.replicas = urls.map((url) => ({
      url,
      name: nameOf(url),
      dataSource: null,
      versions: null,
      failedAt: Number.NEGATIVE_INFINITY,
    }));
  }

  /**
   * The replicas of a database config (none for SQLite or without DATABASE_REPLICA_URLS). A
   * replica that does not answer now is tried again in the background; reads use the primary
   * meanwhile.
   */
  static async start(
    primary: DataSource,
    database: DatabaseConfig,
    schema: SummarizedSchema,
    logger: Logger,
    observe: (route: ReadRoute) => void = () => undefined,
  ): Promise<ReadReplicas> {
    const urls = database.type === 'mysql' ? (database.replicaUrls ?? []) : [];
    const poolSize = database.type === 'mysql' ? (database.poolSize ?? 10) : 1;
    const pollMs = database.type === 'mysql' ? (database.replicaPollMs ?? 500) : 500;
    const flavor: MysqlFlavor = primary.options.type === 'mariadb' ? 'mariadb' : 'mysql';
    const open = (url: string) =>
      openDataSource({ type: 'mysql', url, poolSize }, schema, logger, flavor);
    const replicas = new ReadReplicas(
      primary,
      urls,
      open,
      schema.facts,
      pollMs,
      poolSize,
      logger,
      observe,
    );
    await Promise.all(replicas.replicas.map((replica) => replicas.connect(replica)));
    return replicas;
  }

  /** Whether any replica is configured (without, every read goes to the primary unasked). */
  get configured(): boolean {
    return this.replicas.length > 0;
  }

  /**
   * The data source for a request whose responses report `required` (the primary's versions
   * when it began): the next replica, in turn, that holds at least those versions and answers.
   */
  choose(required: ReadonlyMap<string, number>): DataSource {
    let answering = 0;
    for (let i = 0; i < this.replicas.length; i++) {
      const replica = this.replicas[(this.turn + i) % this.replicas.length];
      if (!replica?.dataSource || !replica.versions?.answeringSince(replica.failedAt)) continue;
      answering += 1;
      const held = replica.versions.current();
      if ([...required].every(([dataset, version]) => (held.get(dataset) ?? -1) >= version)) {
        this.turn = (this.turn + i + 1) % this.replicas.length;
        this.observe('replica');
        return replica.dataSource;
      }
    }
    this.observe(answering > 0 ? 'primary_behind' : 'primary_unavailable');
    return this.primary;
  }

  /**
   * A request's read on `dataSource` failed because the server is away: no request uses the
   * replica again until its versions have been read anew (the request retries on the primary).
   */
  failed(dataSource: DataSource): void {
    const replica = this.replicas.find((r) => r.dataSource === dataSource);
    if (!replica) return;
    if (replica.failedAt < performance.now() - this.pollMs)
      this.logger.warn({ replica: replica.name }, 'read replica unavailable; reading the primary');
    replica.failedAt = performance.now();
    this.observe('primary_fallback');
    void replica.versions?.refresh();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const replica of this.replicas) {
      replica.versions?.stop();
      if (replica.dataSource?.isInitialized) await replica.dataSource.destroy();
    }
  }

  private async connect(replica: Replica): Promise<void> {
    try {
      const dataSource = await this.open(replica.url);
      if (this.closed) {
        await dataSource.destroy();
        return;
      }
      // As on the primary: aggregates leave two connections of the pool to cheap reads.
      reserveConnections(dataSource, this.poolSize, 2);
      // The summary tables the primary made arrive by replication: read those that are here.
      await prepareSummaries(dataSource, this.facts, { create: false });
      const versions = new DatasetVersionWatch(
        dataSource,
        this.logger.child({ replica: replica.name }),
      );
      await versions.start(this.pollMs);
      replica.dataSource = dataSource;
      replica.versions = versions;
      this.logger.info({ replica: replica.name }, 'read replica connected');
    } catch (error) {
      if (this.closed) return;
      this.logger.warn(
        { err: error, replica: replica.name },
        'read replica unavailable at start; trying again',
      );
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          void this.connect(replica);
        },
        Math.max(REOPEN_MS, this.pollMs),
      );
      timer.unref();
      this.timers.add(timer);
    }
  }
}

/** host:port of a database URL. */
function nameOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '3306'}`;
  } catch {
    return 'replica';
  }
}
