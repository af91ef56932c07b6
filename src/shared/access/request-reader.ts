import type { DataSource } from 'typeorm';
import type { ReadReplicas } from '../replicas';
import { isDatabaseUnavailable } from '../../db/unavailable';
import type { RequestLedger } from './request-ledger';

/**
 * Where one request reads dataset rows: the primary, or a replica at least at the versions the
 * request read on the primary, chosen once.
 */
export class RequestReader {
  private reader: Promise<DataSource> | undefined;

  constructor(
    /** The primary: dataset versions, registries and load history, and reads without replicas. */
    readonly primary: DataSource,
    private readonly ledger: RequestLedger,
    private readonly replicas: ReadReplicas | null,
  ) {}

  /**
   * Runs a read where this request reads. A replica that stops answering mid-request is left for
   * the primary, where the read runs again: the client sees no error for a replica going away.
   */
  async read<T>(work: (db: DataSource) => Promise<T>): Promise<T> {
    const db = await this.choose();
    try {
      return await work(db);
    } catch (error) {
      if (db === this.primary || !this.replicas || !isDatabaseUnavailable(error)) throw error;
      this.replicas.failed(db);
      this.reader = Promise.resolve(this.primary);
      return work(this.primary);
    }
  }

  /** One counted statement where the request reads. */
  statement<T>(what: string, run: (db: DataSource) => Promise<T>): Promise<T> {
    return this.read((db) => this.ledger.statement(what, () => run(db)));
  }

  /**
   * With replicas, after the versions were read on the primary, a replica that holds at least
   * those versions (else the primary); without, the primary at once (the versions are read
   * beside the first read).
   */
  private choose(): Promise<DataSource> {
    if (!this.reader) {
      const replicas = this.replicas;
      const versions = this.ledger.versions;
      this.reader =
        replicas?.configured && versions
          ? versions.then(
              (read) => replicas.choose(read),
              () => this.primary,
            )
          : Promise.resolve(this.primary);
    }
    return this.reader;
  }
}
