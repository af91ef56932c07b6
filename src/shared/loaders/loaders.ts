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
  private readonly rowLoaders = new Map<string, DataLoader<Key, unknown>>();
  private readonly aggregateLoaders = new Map<string, DataLoader<Key, AggregateCell>>();
  private readonly customLoaders = new Map<string, DataLoader<Key, unknown>>();

  constructor(
    readonly dataSource: DataSource,
    readonly principal: Principal,
  ) {}

  /** Rows of `target` by a unique column; a missing key yields null. */
  byKey<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    property: keyof T & string,
  ): DataLoader<Key, T | null> {
    const name = `${this.dataSource.getMetadata(target).tableName}.${property}`;
    let loader = this.rowLoaders.get(name);
    if (!loader) {
      loader = new DataLoader<Key, T | null>(async (keys) => {
        const rows = await this.dataSource
          .getRepository(target)
          .find({ where: { [property]: In([...keys]) } as never });
        const byKey = new Map(rows.map((row) => [String(row[property]), row]));
        return keys.map((key) => byKey.get(String(key)) ?? null);
      });
      this.rowLoaders.set(name, loader as DataLoader<Key, unknown>);
    }
    return loader as DataLoader<Key, T | null>;
  }

  /** All rows of `target` whose `property` equals each key (one query for the batch). */
  groupedBy<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    property: keyof T & string,
  ): DataLoader<Key, T[]> {
    const name = `${this.dataSource.getMetadata(target).tableName}.${property}[]`;
    let loader = this.rowLoaders.get(name);
    if (!loader) {
      loader = new DataLoader<Key, T[]>(async (keys) => {
        const rows = await this.dataSource
          .getRepository(target)
          .find({ where: { [property]: In([...keys]) } as never });
        const byKey = new Map<string, T[]>(keys.map((key) => [String(key), []]));
        for (const row of rows) byKey.get(String(row[property]))?.push(row);
        return keys.map((key) => byKey.get(String(key)) ?? []);
      });
      this.rowLoaders.set(name, loader as DataLoader<Key, unknown>);
    }
    return loader as DataLoader<Key, T[]>;
  }

  /**
   * A loader for anything else a slice needs batched or memoised per request, made once per
   * request under `name` (e.g. a whole computed table per year).
   */
  custom<K extends Key, V>(
    name: string,
    batch: (keys: readonly K[]) => Promise<(V | Error)[]>,
  ): DataLoader<K, V> {
    let loader = this.customLoaders.get(name);
    if (!loader) {
      loader = new DataLoader<K, V>(batch) as unknown as DataLoader<Key, unknown>;
      this.customLoaders.set(name, loader);
    }
    return loader as unknown as DataLoader<K, V>;
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
    const name = JSON.stringify([fact.name, keyDimension, request.where]);
    let loader = this.aggregateLoaders.get(name);
    if (!loader) {
      const field = fact.dimensions[keyDimension].field;
      loader = new DataLoader<Key, AggregateCell>(async (keys) => {
        const cells = await runAggregate(this.dataSource, fact, {
          groupBy: [keyDimension],
          where: request.where,
          entityScope: this.principal.entityScope,
        });
        const byKey = new Map(cells.map((cell) => [String(cell.dimensions[field]), cell]));
        return keys.map((key) => byKey.get(String(key)) ?? emptyCell(fact, { [field]: key }));
      });
      this.aggregateLoaders.set(name, loader);
    }
    return loader;
  }
}

export function createLoaders(dataSource: DataSource, principal: Principal): Loaders {
  return new Loaders(dataSource, principal);
}
