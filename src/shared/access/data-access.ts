import DataLoader from 'dataloader';
import type { ClassType } from 'type-graphql';
import type { DataSource, ObjectLiteral } from 'typeorm';
import type { ColumnKey } from '../../db/entity-tables';
import type { ReadReplicas } from '../replicas';
import type { SqlCount } from '../../db/sql-statement-counter';
import { emptyCell, runAggregate, tablesRead } from '../aggregation';
import type {
  AggregateCell,
  AggregateRequest,
  Condition,
  Disclosure,
  FactDefinition,
} from '../facts';
import type { Principal } from '../auth';
import type { Logger } from '../logging';
import { pageWindow, type ConnectionArgs, type ConnectionShape } from '../pagination';
import { currentVersions } from '../versions';
import {
  admit,
  outOfScope,
  scopeFor,
  type AccessCatalog,
  type AggregateOptions,
  type DataLimits,
} from './access-rules';
import { RequestLedger, type VersionSource } from './request-ledger';
import { Lookups, type Key } from './lookups';
import { RequestReader } from './request-reader';
import { rowPage } from './row-page';

/** The datasets' versions this process holds in memory (a `DatasetVersionWatch`). */
export interface HeldVersions {
  current(): ReadonlyMap<string, number>;
}

/** An aggregate's cells, with the caller's entity scope and the disclosure they got. */
interface Aggregated<M extends string> {
  cells: AggregateCell<M>[];
  entityScope: readonly string[] | null;
  disclosure: Disclosure;
}

/**
 * The one way resolvers reach data, made per request: it answers facts and rows under the
 * caller's role, entity scope and limits, so access rules are enforced in one place. What the
 * request did goes to its `ledger`, which the response, logs, metrics, traces and the response
 * cache read. Loaders are per request: N parents asking for the same aggregate become one
 * GROUP BY, and a request never sees another caller's cached rows.
 */
export class DataAccess extends Lookups {
  constructor(
    /** The primary: dataset versions, registries and load history, and reads without replicas. */
    dataSource: DataSource,
    readonly principal: Principal,
    private readonly limits: DataLimits,
    private readonly catalog: AccessCatalog,
    private readonly logger: Logger,
    replicas: ReadReplicas | null = null,
    sqlCount?: SqlCount,
    /** The process's versions in memory (its version watch); without one, read per request. */
    heldVersions: HeldVersions | null = null,
  ) {
    // With read replicas the versions are read on the primary, per request: a replica is chosen
    // only if it holds them, and another process's watch may already know a newer version than
    // this one's, so memory could send a client back to an older replica after a newer answer.
    const versions: VersionSource =
      heldVersions && !replicas?.configured
        ? { held: () => heldVersions.current() }
        : { read: () => currentVersions(dataSource.manager) };
    const ledger = new RequestLedger(catalog, limits.queryTimeoutMs, versions, sqlCount);
    super(new RequestReader(dataSource, ledger, replicas), ledger);
  }

  /** One aggregate, under the caller's role, scope and the cell limit. */
  aggregate<D extends string, M extends string>(
    fact: FactDefinition<D, M>,
    request: AggregateRequest<D, M>,
    options: AggregateOptions = {},
  ): Promise<AggregateCell<M>[]> {
    const run = async () => {
      const max = this.limits.maxAggregateCells;
      const { cells } = await this.runAggregate(fact, request, options, max);
      this.ledger.returnedCells(cells.length);
      return cells;
    };
    // A shape fixed in code is often asked for twice in one request: run it once.
    return options.declared
      ? this.memo.once(`declared:${JSON.stringify([fact.name, request])}`, run)
      : run();
  }

  /**
   * The aggregate cell for one value of `keyDimension` (an entity, a year), batched: every key
   * asked for in this request under the same conditions is one GROUP BY. The batch groups by the
   * key over all keys, not only the requested ones, so disclosure control sees the same table
   * whichever parents were asked for. A key outside the caller's entity scope is FORBIDDEN.
   */
  aggregateBy<D extends string, M extends string>(
    fact: FactDefinition<D, M>,
    keyDimension: D,
    where: readonly Condition<D>[],
    options: AggregateOptions & { measures?: readonly M[] } = {},
  ): DataLoader<Key, AggregateCell<M>> {
    const field = fact.dimensions[keyDimension].field;
    const measures = options.measures ? [...options.measures].sort() : undefined;
    const request = { groupBy: [keyDimension], where, measures };
    return this.memo.once(
      `aggregate:${JSON.stringify([fact.name, keyDimension, where, options.declared ?? false, measures ?? null])}`,
      () =>
        new DataLoader<Key, AggregateCell<M>>(async (keys) => {
          const { cells, entityScope, disclosure } = await this.runAggregate(
            fact,
            request,
            options,
          );
          const byKey = new Map(cells.map((cell) => [String(cell.dimensions[field]), cell]));
          const scoped = entityScope !== null && keyDimension === fact.entityDimension;
          this.ledger.returnedCells(keys.length);
          return keys.map((key) =>
            scoped && !entityScope.includes(String(key))
              ? outOfScope([String(key)], entityScope)
              : (byKey.get(String(key)) ?? emptyCell(fact, { [field]: key }, disclosure, measures)),
          );
        }),
    );
  }

  /** Runs one aggregate for the caller: scope, shape rules, disclosure, then the engine. */
  private async runAggregate<D extends string, M extends string>(
    fact: FactDefinition<D, M>,
    request: AggregateRequest<D, M>,
    options: AggregateOptions,
    maxCells?: number,
  ): Promise<Aggregated<M>> {
    const entityScope = scopeFor(this.catalog, this.principal, fact, request.where);
    const disclosure = admit(this.principal, this.logger, fact, request, !!options.declared);
    this.ledger.protectedAs(fact.name, disclosure);
    this.ledger.readsTables(
      tablesRead(fact, [...request.groupBy, ...request.where.map((c) => c.dimension)]),
    );
    const cells = await this.reader.read((db) =>
      runAggregate(db, fact, {
        ...request,
        entityScope,
        disclosure,
        maxCells,
        ledger: this.ledger,
        declared: options.declared,
      }),
    );
    return { cells, entityScope, disclosure };
  }

  /**
   * A page of rows of `target` filtered like `fact`, within the caller's scope, in `order` (keys
   * unique together) after the cursor's row.
   */
  rows<T extends ObjectLiteral, D extends string>(
    target: ClassType<T>,
    fact: FactDefinition<D>,
    where: readonly Condition<D>[],
    order: readonly ColumnKey<T>[],
    args: ConnectionArgs,
  ): Promise<ConnectionShape<T>> {
    const entityScope = scopeFor(this.catalog, this.principal, fact, where);
    const filtered = where.map((c) => c.dimension);
    this.ledger.readsTables(tablesRead(fact, filtered));
    const window = pageWindow(args, this.limits.maxPageSize);
    return rowPage(this.reader, this.ledger, target, fact, where, entityScope, order, window);
  }
}
