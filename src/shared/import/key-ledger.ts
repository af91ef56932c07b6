import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

const TABLE = 'rg_import_keys';

/**
 * The keys a file has had so far, with the line of each, kept in a temporary table of the import's
 * own transaction (connection) instead of in memory: a file of tens of millions of rows is
 * checked for duplicate keys with memory bounded by one chunk. Keys are stored as 128-bit hashes,
 * so the table's width does not depend on the key.
 */
export class KeyLedger {
  private ready = false;

  constructor(private readonly manager: EntityManager) {}

  /**
   * Records a chunk's keys; returns, for each row whose key came earlier (in an earlier chunk or
   * earlier in this one), the line where it first came.
   */
  async add(rows: readonly { key: string; line: number }[]): Promise<Map<number, number>> {
    await this.prepare();
    const duplicates = new Map<number, number>();
    const firstInChunk = new Map<string, number>();
    for (const { key, line } of rows) {
      const hash = createHash('sha256').update(key).digest('base64url').slice(0, 22);
      const first = firstInChunk.get(hash);
      if (first === undefined) firstInChunk.set(hash, line);
      else duplicates.set(line, first);
    }
    const hashes = [...firstInChunk.keys()];
    if (hashes.length === 0) return duplicates;
    const seen: { k: string; line: number | string }[] = await this.manager.query(
      `SELECT k, line FROM ${TABLE} WHERE k IN (${hashes.map(() => '?').join(', ')})`,
      hashes,
    );
    const earlier = new Map(seen.map((row) => [row.k, Number(row.line)]));
    const fresh: (string | number)[] = [];
    for (const [hash, line] of firstInChunk) {
      const first = earlier.get(hash);
      if (first === undefined) fresh.push(hash, line);
      else duplicates.set(line, first);
    }
    if (fresh.length > 0)
      await this.manager.query(
        `INSERT INTO ${TABLE} (k, line) VALUES ${Array.from({ length: fresh.length / 2 }, () => '(?, ?)').join(', ')}`,
        fresh,
      );
    return duplicates;
  }

  /** Drops the table (it would go with the connection's session anyway; pooled ones live on). */
  async close(): Promise<void> {
    if (!this.ready) return;
    this.ready = false;
    // DROP TEMPORARY: a plain DROP TABLE would commit the import's transaction on MySQL.
    await this.manager.query(`DROP ${this.mysql() ? 'TEMPORARY ' : ''}TABLE ${TABLE}`);
  }

  private mysql(): boolean {
    return this.manager.connection.options.type !== 'better-sqlite3';
  }

  private async prepare(): Promise<void> {
    if (this.ready) return;
    const mysql = this.mysql();
    // A temporary table is private to the connection; creating one does not end the transaction.
    await this.manager.query(
      mysql
        ? `CREATE TEMPORARY TABLE IF NOT EXISTS ${TABLE} (k CHAR(22) CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY, line INT NOT NULL)`
        : `CREATE TEMP TABLE IF NOT EXISTS ${TABLE} (k TEXT NOT NULL PRIMARY KEY, line INTEGER NOT NULL)`,
    );
    await this.manager.query(`DELETE FROM ${TABLE}`);
    this.ready = true;
  }
}
