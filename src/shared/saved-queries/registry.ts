import { Kind, parse, type GraphQLSchema } from 'graphql';
import { In, type Repository } from 'typeorm';
import type { SavedQueryLimits } from '../../config/config';
import type { SqlCount } from '../../db/sql-statement-counter';
import { Role, type Principal } from '../auth';
import { BadUserInputError, ForbiddenError, NotFoundError } from '../errors';
import {
  SAVED_QUERY_NAME,
  SavedQueryOrigin,
  compileSavedQuery,
  loadRepositoryQueries,
  type SavedQuery,
  type SavedQueryOwner,
} from './saved-query';
import type { SavedQueryRecord } from './saved-query.entity';

const loaded = new WeakMap<GraphQLSchema, SavedQuery[]>();

/** The repository's saved queries for a schema, read and checked once. */
export function repositoryQueries(schema: GraphQLSchema): SavedQuery[] {
  let queries = loaded.get(schema);
  if (!queries) {
    queries = loadRepositoryQueries(schema);
    loaded.set(schema, queries);
  }
  return queries;
}

/** What `registerSavedQuery` asks for. */
export interface SavedQueryRegistration {
  name: string;
  document: string;
  description: string | null;
  replace: boolean;
}

/** The operation label of a request whose operation name the hub does not know (metrics). */
export const OTHER_OPERATION = 'other';
/** The operation label of a request without an operation name. */
export const ANONYMOUS_OPERATION = 'anonymous';

const scopeKey = (scope: readonly string[] | null): string | null =>
  scope === null ? null : [...scope].sort().join('|');

/** Whether credentials scoped to `caller` see everything credentials scoped to `owned` see. */
const covers = (caller: readonly string[] | null, owned: readonly string[] | null): boolean =>
  caller === null || (owned !== null && owned.every((entity) => caller.includes(entity)));

/** The owner as listed: role and entity scope, never the subject (it names a credential). */
export function ownerLabel(owner: SavedQueryOwner): string {
  return `hr (${owner.scope === null ? 'every entity' : [...owner.scope].sort().join(', ')})`;
}

const ownerOf = (record: SavedQueryRecord): SavedQueryOwner => ({
  subject: record.registeredBy,
  scope: record.ownerScope === null ? null : record.ownerScope.split('|'),
});

const sameOwner = (a: SavedQueryOwner, b: SavedQueryOwner): boolean =>
  a.subject !== null || b.subject !== null
    ? a.subject === b.subject
    : scopeKey(a.scope) === scopeKey(b.scope);

/**
 * The saved queries of one server: the repository's files (checked when it starts) and the
 * registered ones, each owned by the hr user who registered it.
 *
 * A registered document is parsed and validated once per change, not per request: a compiled
 * query is kept by name and reused while its row (document, description, owner, time) is the
 * same. Once the server `follow`s the registry, the registered rows are held in memory (read at
 * start, changed by this process's registrations and deletions as they commit, and reread every
 * VERSION_POLL_MS outside any request), so a request for `/api/<name>` runs no statement to find
 * its query; a name not held is read from its row, so a query another process registered
 * answers at once, and another process's replacement or deletion is seen within the poll (at
 * once when the server follows the changes other processes announce on Redis: `onChange`).
 */
export class SavedQueryRegistry {
  /** The repository's queries. */
  readonly repository: readonly SavedQuery[];
  /** Registered documents parsed and validated so far (they are compiled once per change). */
  compilations = 0;
  /** By name: the row compiled, and its query (null: it no longer validates). */
  private readonly compiled = new Map<
    string,
    { record: SavedQueryRecord; query: SavedQuery | null }
  >();
  /** Operation names of the repository's queries and of the persisted documents. */
  private readonly fixedOperations: ReadonlySet<string>;
  /** Operation names of the registered queries compiled here, with how many use each. */
  private readonly registeredOperations = new Map<string, number>();
  /** The registered rows as last read, while followed (null: each request reads its row). */
  private rows: Map<string, SavedQueryRecord> | null = null;
  /** This process's registrations and deletions so far (a read begun before one is dropped). */
  private writes = 0;
  /** The last read asked for; reads run one after another. */
  private reading: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  /** Told of this process's registrations and deletions once they commit (by name). */
  private readonly changeListeners: ((name: string) => void)[] = [];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly records: Repository<SavedQueryRecord>,
    readonly limits: SavedQueryLimits,
    /** Documents the hub's own pages send (the dashboard's): their names label metrics. */
    persisted: Iterable<string> = [],
  ) {
    this.repository = repositoryQueries(schema);
    const names = [...persisted].flatMap((document) =>
      parse(document).definitions.flatMap((d) =>
        d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [],
      ),
    );
    for (const query of this.repository)
      if (query.operation.name) names.push(query.operation.name.value);
    // GraphiQL's (the explorer's) schema request.
    names.push('IntrospectionQuery');
    this.fixedOperations = new Set(names);
  }

  /**
   * Holds the registered rows in memory from now on: reads them, then rereads them every
   * `pollMs` (0: never held, each request reads its row, as before `follow`).
   */
  async follow(pollMs: number): Promise<void> {
    if (pollMs <= 0) return;
    this.rows = new Map();
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Calls `listener` after each registration, replacement or deletion of this process commits. */
  onChange(listener: (name: string) => void): void {
    this.changeListeners.push(listener);
  }

  /** Rereads the registered rows, after any read under way. */
  refresh(): Promise<void> {
    this.reading = this.reading.then(() => this.read());
    return this.reading;
  }

  /**
   * A saved query from memory alone: the repository's, or a registered one held (followed; null
   * when it no longer validates); undefined when a row must be read to know (not followed, or a
   * name not held).
   */
  fromMemory(name: string): SavedQuery | null | undefined {
    const own = this.repository.find((query) => query.name === name);
    if (own) return own;
    const record = this.rows?.get(name);
    return record ? this.compile(record) : undefined;
  }

  /** Every saved query by name; a registered one that no longer validates is left out. */
  async list(): Promise<SavedQuery[]> {
    const records = await this.records.find({ order: { name: 'ASC' } });
    const present = new Set(records.map((record) => record.name));
    for (const name of [...this.compiled.keys()]) if (!present.has(name)) this.forget(name);
    const registered = records.flatMap((record) => {
      const query = this.compile(record);
      return query ? [query] : [];
    });
    return [...this.repository, ...registered].sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * One saved query: the repository's without SQL, a registered one by its row (the statement
   * recorded in the request's `count`, when given).
   */
  async find(name: string, count?: SqlCount): Promise<SavedQuery | null> {
    const known = this.fromMemory(name);
    if (known !== undefined) return known;
    if (!SAVED_QUERY_NAME.test(name)) return null;
    const read = () => this.records.findOneBy({ name });
    const record = await (count ? count.run('saved query', read) : read());
    if (!record) {
      this.forget(name);
      return null;
    }
    this.hold(record); // registered by another process since the last read
    return this.compile(record);
  }

  /**
   * Registers (or, with `replace`, replaces) a query as `principal`, an hr user, who then owns
   * it. Replacing is for its owner, or an hr user whose entity scope covers the owner's.
   */
  async register(principal: Principal, input: SavedQueryRegistration): Promise<SavedQuery> {
    const { name, document, description, replace } = input;
    if (this.repository.some((q) => q.name === name))
      throw new BadUserInputError(
        `${name} is a saved query of the repository (queries/${name}.graphql): choose another name.`,
        'name',
      );
    if (description != null && description.length > 1000)
      throw new BadUserInputError('A description is at most 1000 characters.', 'description');
    const owner: SavedQueryOwner = {
      subject: principal.subject ?? null,
      scope: principal.entityScope === null ? null : [...principal.entityScope].sort(),
    };
    const registeredAt = new Date().toISOString();
    const query = compileSavedQuery(this.schema, name, document, {
      origin: SavedQueryOrigin.REGISTERED,
      owner,
      registeredAt,
      ...(description == null ? {} : { description }),
    });
    this.compilations += 1;

    const records = await this.records.find();
    const existing = records.find((record) => record.name === name);
    if (existing && !replace)
      throw new BadUserInputError(
        `A saved query ${name} is registered already: pass replace: true to overwrite it.`,
        'name',
      );
    if (existing) this.assertMayChange(principal, existing, 'replace');
    this.withinLimits(
      owner,
      document.length,
      records.filter((record) => record.name !== name),
    );

    const record: SavedQueryRecord = {
      name,
      description: query.description,
      document,
      registeredBy: owner.subject,
      ownerScope: scopeKey(owner.scope),
      registeredAt,
    };
    if (existing) {
      await this.records.update({ name }, record);
    } else {
      try {
        await this.records.insert(record);
      } catch {
        // Another request registered the name in between (the primary key refused it).
        if (await this.records.existsBy({ name }))
          throw new BadUserInputError(
            `A saved query ${name} is registered already: pass replace: true to overwrite it.`,
            'name',
          );
        throw new Error(`could not register saved query ${name}`);
      }
    }
    this.wrote(name);
    this.hold(record);
    this.remember(record, query);
    return query;
  }

  /** Deletes a registered query: its owner's, or an hr user's whose scope covers the owner's. */
  async delete(principal: Principal, name: string): Promise<void> {
    const record = SAVED_QUERY_NAME.test(name) ? await this.records.findOneBy({ name }) : null;
    if (!record) throw new NotFoundError(`No registered saved query ${name}.`);
    this.assertMayChange(principal, record, 'delete');
    await this.records.delete({ name });
    this.wrote(name);
    this.rows?.delete(name);
    this.forget(name);
  }

  /** Whether `principal` may replace or delete the query (its owner, or a covering hr user). */
  mayChange(principal: Principal, query: SavedQuery): boolean {
    return query.owner !== null && this.allowed(principal, query.owner);
  }

  /**
   * The metrics label of a request's operation: its name when the hub knows it (a saved query,
   * a persisted document, the explorer's introspection), else `other`, so that the series are
   * bounded by what the hub holds, not by what clients send.
   */
  operationLabel(operationName: string | null | undefined): string {
    if (!operationName) return ANONYMOUS_OPERATION;
    return this.fixedOperations.has(operationName) || this.registeredOperations.has(operationName)
      ? operationName
      : OTHER_OPERATION;
  }

  private allowed(principal: Principal, owner: SavedQueryOwner): boolean {
    if (principal.role !== Role.HR) return false;
    const isOwner = owner.subject !== null && owner.subject === principal.subject;
    return isOwner || covers(principal.entityScope, owner.scope);
  }

  private assertMayChange(principal: Principal, record: SavedQueryRecord, what: string): void {
    const owner = ownerOf(record);
    if (!this.allowed(principal, owner))
      throw new ForbiddenError(
        `${record.name} belongs to ${ownerLabel(owner)}: only its owner, or an hr user whose ` +
          `entity scope covers its owner's, may ${what} it.`,
      );
  }

  private withinLimits(
    owner: SavedQueryOwner,
    chars: number,
    others: readonly SavedQueryRecord[],
  ): void {
    const own = others.filter((record) => sameOwner(ownerOf(record), owner));
    const size = (records: readonly SavedQueryRecord[]) =>
      records.reduce((sum, record) => sum + record.document.length, chars);
    const { total, perOwner, charsTotal, charsPerOwner } = this.limits;
    const refuse = (what: string) => {
      throw new BadUserInputError(
        `${what}: delete saved queries you no longer need (deleteSavedQuery) first.`,
        'document',
      );
    };
    if (own.length + 1 > perOwner) refuse(`An owner may register at most ${perOwner} queries`);
    if (size(own) > charsPerOwner)
      refuse(`An owner's registered documents hold at most ${charsPerOwner} characters`);
    if (others.length + 1 > total) refuse(`The registry holds at most ${total} queries`);
    if (size(others) > charsTotal)
      refuse(`The registered documents hold at most ${charsTotal} characters in all`);
  }

  /** Keeps a row read or written, while followed. */
  private hold(record: SavedQueryRecord): void {
    this.rows?.set(record.name, { ...record });
  }

  private wrote(name: string): void {
    this.writes += 1;
    for (const listener of this.changeListeners) listener(name);
  }

  /**
   * Reads the name and time of every registered row (at most SAVED_QUERIES_MAX), then the whole
   * rows of those new or changed since. A database that does not answer leaves the rows as they
   * were; a read that a registration or deletion of this process overtook is dropped (the next
   * one reads it).
   */
  private async read(): Promise<void> {
    const held = this.rows;
    if (held === null) return;
    const writes = this.writes;
    let next: Map<string, SavedQueryRecord>;
    try {
      const stamps = await this.records.find({ select: { name: true, registeredAt: true } });
      const changed = stamps
        .filter((stamp) => held.get(stamp.name)?.registeredAt !== stamp.registeredAt)
        .map((stamp) => stamp.name);
      const fresh = changed.length > 0 ? await this.records.findBy({ name: In(changed) }) : [];
      next = new Map(
        stamps.flatMap((stamp): [string, SavedQueryRecord][] => {
          const record =
            fresh.find((row) => row.name === stamp.name) ?? held.get(stamp.name) ?? null;
          return record ? [[stamp.name, record]] : [];
        }),
      );
    } catch {
      return;
    }
    if (writes !== this.writes) return;
    this.rows = next;
    for (const name of [...this.compiled.keys()]) if (!next.has(name)) this.forget(name);
  }

  /** The compiled query of a row: the one kept while the row is unchanged, else compiled now. */
  private compile(record: SavedQueryRecord): SavedQuery | null {
    const kept = this.compiled.get(record.name);
    if (
      kept &&
      kept.record.document === record.document &&
      kept.record.description === record.description &&
      kept.record.registeredBy === record.registeredBy &&
      kept.record.ownerScope === record.ownerScope &&
      kept.record.registeredAt === record.registeredAt
    )
      return kept.query;
    this.compilations += 1;
    let query: SavedQuery | null = null;
    try {
      query = compileSavedQuery(this.schema, record.name, record.document, {
        origin: SavedQueryOrigin.REGISTERED,
        owner: ownerOf(record),
        registeredAt: record.registeredAt,
        description: record.description,
      });
    } catch {
      // It validated when registered; the schema has changed since. Its URL answers 404 until
      // it is registered again.
    }
    this.remember(record, query);
    return query;
  }

  private remember(record: SavedQueryRecord, query: SavedQuery | null): void {
    this.forget(record.name);
    this.compiled.set(record.name, { record: { ...record }, query });
    const operation = query?.operation.name?.value;
    if (operation)
      this.registeredOperations.set(operation, (this.registeredOperations.get(operation) ?? 0) + 1);
  }

  private forget(name: string): void {
    const kept = this.compiled.get(name);
    if (!kept) return;
    this.compiled.delete(name);
    const operation = kept.query?.operation.name?.value;
    if (!operation) return;
    const left = (this.registeredOperations.get(operation) ?? 1) - 1;
    if (left <= 0) this.registeredOperations.delete(operation);
    else this.registeredOperations.set(operation, left);
  }
}
