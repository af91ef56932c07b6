import DataLoader from 'dataloader';
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type {
  AggregateCell,
  AggregateRequest,
  FactDefinition,
} from '../aggregation/aggregate.definition';
import { emptyCell, runAggregate } from '../aggregation/aggregate-query';
import type { Principal } from '../auth/principal';

type Key = string | number;

/**
 * Per-request loaders (never shared between requests or users). Relations load through
 * `byKey`, aggregates nested under lists through `aggregateBy`: N parents asking for the same
 * aggregate become one GROUP BY.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<Key, unknown>>();

  constructor(
    readonly dataSource: DataSource,
    readonly principal: Principal,
  ) {}

  /** The loader registered under `name` in this request, made by `create` the first time. */
  private memo<K extends Key, V>(name: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = create() as unknown as DataLoader<Key, unknown>;
      this.loaders.set(name, loader);
    }
    return loader as unknown as DataLoader<K, V>;
  }

  /** Rows of `target` by a unique column; a missing key yields null. */
  byKey<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    property: keyof T & string,
  ): DataLoader<Key, T | null> {
    return this.memo(
      `row:${this.dataSource.getMetadata(target).tableName}.${property}`,
      () =>
        new DataLoader<Key, T | null>(async (keys) => {
          const rows = await this.findIn(target, property, keys);
          const byKey = new Map(rows.map((row) => [String(row[property]), row]));
          return keys.map((key) => byKey.get(String(key)) ?? null);
        }),
    );
  }

  /** All rows of `target` whose `property` equals each key (one query for the batch). */
  groupedBy<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    property: keyof T & string,
  ): DataLoader<Key, T[]> {
    return this.memo(
      `rows:${this.dataSource.getMetadata(target).tableName}.${property}`,
      () =>
        new DataLoader<Key, T[]>(async (keys) => {
          const byKey = new Map<string, T[]>(keys.map((key) => [String(key), []]));
          for (const row of await this.findIn(target, property, keys))
            byKey.get(String(row[property]))?.push(row);
          return keys.map((key) => byKey.get(String(key)) ?? []);
        }),
    );
  }

  /**
   * A loader for anything else a slice needs batched or memoised per request, made once per
   * request under `name` (e.g. a whole computed table per year).
   */
  custom<K extends Key, V>(
    name: string,
    batch: (keys: readonly K[]) => Promise<(V | Error)[]>,
  ): DataLoader<K, V> {
    return this.memo(`custom:${name}`, () => new DataLoader<K, V>(batch));
  }

  /**
   * The aggregate cell for one value of `keyDimension`, under a request shared by the batch.
   * The batch query groups by the key over every key, not only the requested ones, so that
   * disclosure control sees the same table whichever parents were asked for.
   */
  aggregateBy<D extends string>(
    fact: FactDefinition<D>,
    keyDimension: D,
    request: Omit<AggregateRequest<D>, 'groupBy' | 'entityScope'>,
  ): DataLoader<Key, AggregateCell> {
    const field = fact.dimensions[keyDimension].field;
    return this.memo(
      `aggregate:${JSON.stringify([fact.name, keyDimension, request.where])}`,
      () =>
        new DataLoader<Key, AggregateCell>(async (keys) => {
          const cells = await runAggregate(this.dataSource, fact, {
            groupBy: [keyDimension],
            where: request.where,
            entityScope: this.principal.entityScope,
          });
          const byKey = new Map(cells.map((cell) => [String(cell.dimensions[field]), cell]));
          return keys.map((key) => byKey.get(String(key)) ?? emptyCell(fact, { [field]: key }));
        }),
    );
  }

  private findIn<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    property: keyof T & string,
    keys: readonly Key[],
  ): Promise<T[]> {
    return this.dataSource
      .getRepository(target)
      .find({ where: { [property]: In([...keys]) } as never });
  }
}

export function createLoaders(dataSource: DataSource, principal: Principal): Loaders {
  return new Loaders(dataSource, principal);
}
