import DataLoader from 'dataloader';
import type { ClassType } from 'type-graphql';
import type { EntityManager, FindManyOptions, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { tableOf } from '../../db/entity-tables';
import { rowsByKeys } from '../../db/read-pool';
import type { RequestLedger } from './request-ledger';
import { RequestMemo } from './request-memo';
import type { RequestReader } from './request-reader';

export type Key = string | number;

/**
 * What every request may look up without an access rule of its own: reference rows (dimension
 * lists, indicators) and rows by key, batched per request, and load history. Each read is
 * counted and noted in the request's ledger like any other. `DataAccess` adds facts and row
 * lists, under the caller's role and scope.
 */
export class Lookups {
  /** What this request makes once: its loaders, and what each GraphQL field derives. */
  readonly memo = new RequestMemo();

  constructor(
    protected readonly reader: RequestReader,
    readonly ledger: RequestLedger,
  ) {}

  /** Reference rows (dimension lists, indicators): not scoped. */
  find<T extends ObjectLiteral>(target: ClassType<T>, options?: FindManyOptions<T>): Promise<T[]> {
    this.readsEntity(target);
    return this.reader.statement(`find ${target.name}`, (db) =>
      db.getRepository(target).find(options),
    );
  }

  findOneBy<T extends ObjectLiteral>(
    target: ClassType<T>,
    where: FindOptionsWhere<T>,
  ): Promise<T | null> {
    this.readsEntity(target);
    return this.reader.statement(`find ${target.name}`, (db) =>
      db.getRepository(target).findOneBy(where),
    );
  }

  /** Rows of `target` by a unique column, batched; a missing key yields null. */
  byKey<T extends ObjectLiteral>(
    target: ClassType<T>,
    property: keyof T & string,
  ): DataLoader<Key, T | null> {
    return this.memo.once(
      `row:${target.name}.${property}`,
      () =>
        new DataLoader<Key, T | null>(async (keys) => {
          const rows = await this.findIn(target, property, keys);
          const byKey = new Map(rows.map((row) => [String(row[property]), row]));
          return keys.map((key) => byKey.get(String(key)) ?? null);
        }),
    );
  }

  /** All rows of `target` whose `property` equals each key, one query for the batch. */
  groupedBy<T extends ObjectLiteral>(
    target: ClassType<T>,
    property: keyof T & string,
  ): DataLoader<Key, T[]> {
    return this.memo.once(
      `rows:${target.name}.${property}`,
      () =>
        new DataLoader<Key, T[]>(async (keys) => {
          const byKey = new Map<string, T[]>(keys.map((key) => [String(key), []]));
          for (const row of await this.findIn(target, property, keys))
            byKey.get(String(row[property]))?.push(row);
          return keys.map((key) => byKey.get(String(key)) ?? []);
        }),
    );
  }

  /** Anything else a slice needs batched or computed once per request (e.g. a year's table). */
  batch<K extends Key, V>(
    name: string,
    load: (keys: readonly K[]) => Promise<(V | Error)[]>,
  ): DataLoader<K, V> {
    return this.memo.once(`batch:${name}`, () => new DataLoader<K, V>(load));
  }

  /** Reads, on the primary, state that no dataset version covers (load history): never cached. */
  unversioned<T>(what: string, read: (db: EntityManager) => Promise<T>): Promise<T> {
    this.ledger.readsUnversionedState();
    return this.ledger.statement(what, () => read(this.reader.primary.manager));
  }

  private readsEntity(target: ClassType<ObjectLiteral>): void {
    this.ledger.readsTables([tableOf(target)]);
  }

  private findIn<T extends ObjectLiteral>(
    target: ClassType<T>,
    property: keyof T & string,
    keys: readonly Key[],
  ): Promise<T[]> {
    this.readsEntity(target);
    return this.reader.statement(`find ${target.name}`, (db) =>
      rowsByKeys(db, target, property, keys),
    );
  }
}
