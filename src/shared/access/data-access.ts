import DataLoader from 'dataloader';
import type { FieldNode } from 'graphql';
import type { ClassType } from 'type-graphql';
import {
  type DataSource,
  type FindManyOptions,
  type FindOptionsWhere,
  type ObjectLiteral,
} from 'typeorm';
import { dialectOf } from '../../db/dialect';
import { readRows, rowsByKeys } from '../../db/read-pool';
import type { SqlCount } from '../../db/sql-statement-counter';
import type { ReadReplicas } from '../../db/read-replicas';
import { isDatabaseUnavailable } from '../../db/unavailable';
import {
  applyConditions,
  emptyCell,
  runAggregate,
  tablesRead,
} from '../aggregation/aggregate-query';
import type {
  AggregateCell,
  AggregateRequest,
  Condition,
  Disclosure,
  FactDefinition,
} from '../aggregation/aggregate.definition';
import { requireRole, type Principal } from '../auth/principal';
import { checkQueryShape, disclosureFor, DISCLOSURE_POLICY } from '../disclosure/policy';
import { ForbiddenError } from '../errors';
import type { Logger } from '../logging/logger';
import type { Catalog } from '../modules/catalog';
import {
  pageWindow,
  toConnection,
  type ConnectionArgs,
  type ConnectionShape,
} from '../pagination/connection';
import { currentVersions, readDatasetStates, type DatasetState } from '../versions/dataset-state';

type Key = string | number;

export interface DataLimits {
  maxPageSize: number;
  maxAggregateCells: number;
  /** A request's aggregates must finish within this many ms of its start (QUERY_TIMEOUT_MS). */
  queryTimeoutMs: number;
}

export interface AggregateOptions {
  /**
   * The query's shape is fixed in code (an indicator computation, a computed table), not chosen
   * by the caller, so the role's shape rules do not apply; values are protected all the same.
   */
  declared?: boolean;
}

/**
 * The one way resolvers reach data, made per request. It binds the caller (role and entity
 * scope), the limits and the per-request loaders, so access rules are enforced in one place:
 * aggregates, nested aggregates, row lists and lookups all pass through here. It also notes which
 * datasets a request read, so the response can say which versions it was computed from.
 *
 * Loaders are never shared between requests: N parents asking for the same aggregate become one
 * GROUP BY, and a request never sees another caller's cached rows.
 */
export class DataAccess {
  private readonly loaders = new Map<string, unknown>();
  private readonly fields = new WeakMap<readonly FieldNode[], unknown>();
  private readonly datasetsRead = new Set<string>();
  private readonly disclosures = new Map<string, Disclosure>();
  /** Cells disclosure control hid from the tables computed, per fact, for the request's trace. */
  private readonly hidden = new Map<string, number>();
  /** Aggregate cells and rows handed to resolvers, for the audit log. */
  private returned = 0;
  private versions: Promise<ReadonlyMap<string, number>> | undefined;
  /** Where this request reads: the primary, or a replica at least at the primary's versions. */
  private reader: Promise<DataSource> | undefined;
  /** Whether the request read state that has no dataset version (load history). */
  private unversioned = false;
  private cached = false;
  /** When the request's aggregates must have finished (`performance.now()`, ms). */
  private readonly deadline: number;

  constructor(
    /** The primary: dataset versions, registries and load history, and reads without replicas. */
    private readonly dataSource: DataSource,
    readonly principal: Principal,
    private readonly limits: DataLimits,
    private readonly catalog: Catalog,
    private readonly logger: Logger,
    private readonly replicas: ReadReplicas | null = null,
    /** Where the request's statements are counted for its metrics (none outside HTTP). */
    private readonly sqlCount?: SqlCount,
  ) {
    this.deadline = performance.now() + limits.queryTimeoutMs;
  }

  /** Runs one statement of the request, counted for its metrics. */
  private statement<T>(what: string, run: () => Promise<T>): Promise<T> {
    return this.sqlCount ? this.sqlCount.run(what, run) : run();
  }

  /** One counted statement where the request reads (a replica when fresh enough). */
  private readStatement<T>(what: string, run: (db: DataSource) => Promise<T>): Promise<T> {
    return this.read((db) => this.statement(what, () => run(db)));
  }

  /** One aggregate, under the caller's role, scope and the cell limit. */
  aggregate<D extends string, M extends string>(
    fact: FactDefinition<D, M>,
    request: AggregateRequest<D, M>,
    options: AggregateOptions = {},
  ): Promise<AggregateCell<M>[]> {
    // A shape fixed in code (indicator computations) is often asked for twice in one request
    // (the cases received and closed over the same span): run it once.
    if (options.declared)
      return this.memo(`declared:${JSON.stringify([fact.name, request])}`, () =>
        this.runAggregateOnce(fact, request, options),
      );
    return this.runAggregateOnce(fact, request, options);
  }

  private async runAggregateOnce<D extends string, M extends string>(
    fact: FactDefinition<D, M>,
    request: AggregateRequest<D, M>,
    options: AggregateOptions,
  ): Promise<AggregateCell<M>[]> {
    const entityScope = this.scopeFor(fact, request.where);
    const disclosure = this.admit(fact, request, options);
    this.touch(tablesRead(fact, [...request.groupBy, ...request.where.map((c) => c.dimension)]));
    const cells = await this.read((db) =>
      runAggregate(db, fact, {
        ...request,
        entityScope,
        disclosure,
        maxCells: this.limits.maxAggregateCells,
        deadline: this.deadline,
        sqlCount: this.sqlCount,
        cellsHidden: this.hiddenIn(fact.name),
        declared: options.declared,
      }),
    );
    this.returned += cells.length;
    return cells;
  }

  /** Counts what disclosure control hid from one of `fact`'s tables. */
  private hiddenIn(fact: string): (count: number) => void {
    return (count) => this.hidden.set(fact, (this.hidden.get(fact) ?? 0) + count);
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
    return this.memo(
      `aggregate:${JSON.stringify([fact.name, keyDimension, where, options.declared ?? false, measures ?? null])}`,
      () =>
        new DataLoader<Key, AggregateCell<M>>(async (keys) => {
          const entityScope = this.scopeFor(fact, where);
          const request = { groupBy: [keyDimension], where, measures };
          const disclosure = this.admit(fact, request, options);
          this.touch(tablesRead(fact, [keyDimension, ...where.map((c) => c.dimension)]));
          const cells = await this.read((db) =>
            runAggregate(db, fact, {
              ...request,
              entityScope,
              disclosure,
              deadline: this.deadline,
              sqlCount: this.sqlCount,
              cellsHidden: this.hiddenIn(fact.name),
              declared: options.declared,
            }),
          );
          const byKey = new Map(cells.map((cell) => [String(cell.dimensions[field]), cell]));
          const scoped = entityScope !== null && keyDimension === fact.entityDimension;
          this.returned += keys.length;
          return keys.map((key) =>
            scoped && !entityScope.includes(String(key))
              ? outOfScope([String(key)], entityScope)
              : (byKey.get(String(key)) ?? emptyCell(fact, { [field]: key }, disclosure, measures)),
          );
        }),
    );
  }

  /** A page of rows of `target` filtered like `fact`, within the caller's scope. */
  async rows<T extends ObjectLiteral, D extends string>(
    target: ClassType<T>,
    fact: FactDefinition<D>,
    where: readonly Condition<D>[],
    order: readonly string[],
    args: ConnectionArgs,
  ): Promise<ConnectionShape<T>> {
    const { offset, limit } = pageWindow(args, this.limits.maxPageSize);
    const entityScope = this.scopeFor(fact, where);
    this.touch(
      tablesRead(
        fact,
        where.map((c) => c.dimension),
      ),
    );
    const query = (db: DataSource) => {
      const qb = db.getRepository(target).createQueryBuilder('f');
      applyConditions(qb, fact, where, entityScope, dialectOf(db));
      order.forEach((column, i) =>
        i === 0 ? qb.orderBy(column, 'ASC') : qb.addOrderBy(column, 'ASC'),
      );
      return qb;
    };
    // One row more than the page tells whether there is a next one; the count runs only when
    // the query selects totalCount (it is read lazily, see toConnection).
    const rows = await this.read((db) =>
      readRows(
        db,
        query(db)
          .offset(offset)
          .limit(limit + 1),
        this.deadline - performance.now(),
        this.sqlCount,
      ),
    );
    this.returned += Math.min(rows.length, limit);
    return toConnection(rows, limit, offset, () =>
      this.readStatement(`count ${target.name}`, (db) => query(db).getCount()),
    );
  }

  /** Reference rows (dimension lists, indicators): not scoped. */
  find<T extends ObjectLiteral>(target: ClassType<T>, options?: FindManyOptions<T>): Promise<T[]> {
    this.touchEntity(target);
    return this.readStatement(`find ${target.name}`, (db) =>
      db.getRepository(target).find(options),
    );
  }

  findOneBy<T extends ObjectLiteral>(
    target: ClassType<T>,
    where: FindOptionsWhere<T>,
  ): Promise<T | null> {
    this.touchEntity(target);
    return this.readStatement(`find ${target.name}`, (db) =>
      db.getRepository(target).findOneBy(where),
    );
  }

  /** Rows of `target` by a unique column, batched; a missing key yields null. */
  byKey<T extends ObjectLiteral>(
    target: ClassType<T>,
    property: keyof T & string,
  ): DataLoader<Key, T | null> {
    return this.memo(
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
    return this.memo(
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
    return this.memo(`batch:${name}`, () => new DataLoader<K, V>(load));
  }

  /**
   * Versions of the datasets this request read, as they were when it first read data (one
   * small query per request). The response reports them; a response cache can key on them.
   */
  async datasetVersions(): Promise<Record<string, number | null>> {
    if (!this.versions) return {};
    const versions = await this.versions;
    const read: Record<string, number | null> = {};
    for (const dataset of [...this.datasetsRead].sort())
      read[dataset] = versions.get(dataset) ?? null;
    return read;
  }

  /** Every dataset of the catalog with its current version and the provenance of its parts. */
  async datasetStates(): Promise<DatasetState[]> {
    this.readsUnversionedState();
    return this.statement('dataset loads', () =>
      readDatasetStates(this.dataSource.manager, this.catalog),
    );
  }

  /**
   * Marks the request as reading state that no dataset version covers (load history, the saved
   * query registry): its answer may change without an import, so it is never cached.
   */
  readsUnversionedState(): void {
    this.unversioned = true;
  }

  /** Whether the answer may be cached: it read only versioned datasets. */
  get cacheable(): boolean {
    return !this.unversioned;
  }

  /** The request was answered from the response cache; `datasets` are those the answer read. */
  answeredFromCache(datasets: readonly string[]): void {
    this.cached = true;
    for (const dataset of datasets) this.datasetsRead.add(dataset);
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
  cellsHidden(): Record<string, number> {
    return Object.fromEntries(this.hidden);
  }

  /** How each fact read by this request was protected, for the response to say. */
  disclosureApplied(): Record<string, Disclosure> {
    return Object.fromEntries([...this.disclosures].sort(([a], [b]) => a.localeCompare(b)));
  }

  /**
   * The disclosure a query gets, after the role's shape rules (unless the shape is declared in
   * code); queries of logged roles are logged with who asked.
   */
  private admit<D extends string>(
    fact: FactDefinition<D>,
    request: AggregateRequest<D>,
    options: AggregateOptions,
  ): Disclosure {
    const { role, entityScope } = this.principal;
    if (!options.declared) checkQueryShape(fact, role, request);
    if (DISCLOSURE_POLICY[role].logged) {
      this.logger.info(
        { role, entityScope, fact: fact.name, groupBy: request.groupBy, where: request.where },
        'aggregate query',
      );
    }
    const disclosure = disclosureFor(fact, role);
    this.disclosures.set(fact.name, disclosure);
    return disclosure;
  }

  /**
   * What `make` returns, made once in this request for one GraphQL field. graphql-js hands every
   * parent of a list the same field nodes, and in one request the same nodes carry the same
   * arguments (the document's, with the request's variables), so what a nested field derives
   * from its arguments (conditions, selected measures, its loader) needs working out once, not
   * once per parent: 86 entities asked for 5 nested aggregates were 430 loader lookups by JSON.
   */
  perField<L>(nodes: readonly FieldNode[], make: () => L): L {
    let made = this.fields.get(nodes);
    if (made === undefined) {
      made = make();
      this.fields.set(nodes, made);
    }
    return made as L; // one field's nodes are only ever looked up by that field's resolver
  }

  private memo<L>(name: string, create: () => L): L {
    let loader = this.loaders.get(name);
    if (loader === undefined) {
      loader = create();
      this.loaders.set(name, loader);
    }
    return loader as L; // the name determines what was stored under it
  }

  /** The entity scope that applies to a fact, after refusing what the caller may not read. */
  private scopeFor<D extends string>(
    fact: FactDefinition<D>,
    where: readonly Condition<D>[],
  ): readonly string[] | null {
    const roles = this.catalog.rolesFor(fact.name);
    if (roles) requireRole(this.principal, roles, fact.name);
    const scope = this.principal.entityScope;
    if (fact.published || scope === null) return null;
    if (!fact.entityDimension) {
      throw new ForbiddenError(
        `${fact.name} is not attributed to entities, so a token scoped to entities cannot read it.`,
      );
    }
    for (const condition of where) {
      if (condition.dimension !== fact.entityDimension || condition.op !== 'in') continue;
      const outside = condition.values.map(String).filter((code) => !scope.includes(code));
      if (outside.length > 0) throw outOfScope(outside, scope);
    }
    return scope;
  }

  private touch(tables: readonly string[]): void {
    for (const table of tables) {
      const dataset = this.catalog.datasetOfTable(table);
      if (dataset) this.datasetsRead.add(dataset);
    }
    if (!this.versions) {
      this.versions = this.statement('dataset versions', () =>
        currentVersions(this.dataSource.manager),
      );
      // Awaited when the response is sent; this keeps a failed read from being unhandled before.
      this.versions.catch(() => undefined);
    }
  }

  private touchEntity(target: ClassType<ObjectLiteral>): void {
    this.touch([this.dataSource.getMetadata(target).tableName]);
  }

  private findIn<T extends ObjectLiteral>(
    target: ClassType<T>,
    property: keyof T & string,
    keys: readonly Key[],
  ): Promise<T[]> {
    this.touchEntity(target);
    return this.readStatement(`find ${target.name}`, (db) =>
      rowsByKeys(db, target, property, keys),
    );
  }

  /**
   * Runs a read of dataset rows where this request reads (see `reader`). A replica that stops
   * answering mid-request is left for the primary, where the read runs again: the client sees no
   * error for a replica going away.
   */
  private async read<T>(work: (db: DataSource) => Promise<T>): Promise<T> {
    const db = await this.chooseReader();
    try {
      return await work(db);
    } catch (error) {
      if (db === this.dataSource || !this.replicas || !isDatabaseUnavailable(error)) throw error;
      this.replicas.failed(db);
      this.reader = Promise.resolve(this.dataSource);
      return work(this.dataSource);
    }
  }

  /**
   * The data source of this request's reads, chosen once: with replicas, after the versions
   * were read on the primary, a replica that holds at least those versions (else the primary);
   * without, the primary at once (the versions are read beside the first read).
   */
  private chooseReader(): Promise<DataSource> {
    if (!this.reader) {
      const replicas = this.replicas;
      this.reader =
        replicas?.configured && this.versions
          ? this.versions.then(
              (versions) => replicas.choose(versions),
              () => this.dataSource,
            )
          : Promise.resolve(this.dataSource);
    }
    return this.reader;
  }
}

function outOfScope(codes: readonly string[], scope: readonly string[]): ForbiddenError {
  return new ForbiddenError(
    `Entity ${codes.join(', ')} is outside this token's scope (${scope.join(', ')}).`,
  );
}
