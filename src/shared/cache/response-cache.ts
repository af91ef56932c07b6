import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Principal } from '../auth';
import type { DatasetVersionWatch } from './dataset-version-watch';

/** What a cached answer holds: the GraphQL result and the dataset versions it was computed from. */
export interface CachedAnswer {
  /** The response body (`data`, `extensions`), exactly as it was first sent. */
  result: { data?: Record<string, unknown> | null; extensions?: Record<string, unknown> };
  /** Version of each dataset the answer read (null: the dataset had no recorded version). */
  versions: Record<string, number | null>;
}

/** Where answers are kept: this process's memory, or Redis shared by every process. */
export interface AnswerStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<CachedAnswer | undefined>;
  set(key: string, answer: CachedAnswer): Promise<void>;
  /** Drops every answer that read one of `datasets`. */
  invalidate(datasets: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** What decides an answer besides the data: the question and who asks (role and scope). */
export interface CacheKeyParts {
  /** The query document, printed from its AST (whitespace and comments normalised). */
  query: string;
  operationName: string | null | undefined;
  variables: Record<string, unknown> | undefined;
  principal: Pick<Principal, 'role' | 'entityScope'>;
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` name the same variables. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : inner,
  );
}

export type CacheOutcome = 'hit' | 'miss' | 'stale';

/**
 * The response cache. An answer is keyed by the normalised query, its variables and the caller's
 * role and entity scope (answers depend on nothing else: disclosure control is deterministic),
 * and is valid while every dataset it read is at the version it was computed from. Versions come
 * from `DatasetVersionWatch`, so a hit runs no SQL; when a dataset changes, its answers are
 * dropped and the others stay.
 */
export class ResponseCache {
  /** Keys of query texts as sent, to the key of their printed form (see `alias`). */
  private readonly aliases = new LRUCache<string, string>({ max: 10_000 });

  constructor(
    readonly store: AnswerStore,
    readonly versions: DatasetVersionWatch,
    /** Distinguishes schemas: processes of different releases never share answers. */
    private readonly schemaId: string,
  ) {
    versions.onChange((changed) => void store.invalidate(changed));
  }

  /**
   * The keys of the questions asked last, by their parts as given (a variables object's keys in
   * the order sent): a repeated question's key costs no canonical JSON and no hash. Bounded by
   * the characters of those parts.
   */
  private readonly keys = new LRUCache<string, string>({
    maxSize: 4_000_000,
    sizeCalculation: (_value, given) => given.length,
  });

  key(parts: CacheKeyParts): string {
    const given = JSON.stringify([
      parts.query,
      parts.operationName ?? null,
      parts.variables ?? {},
      parts.principal.role,
      parts.principal.entityScope ?? null,
    ]);
    let key = this.keys.get(given);
    if (key === undefined) {
      const scope = parts.principal.entityScope ? [...parts.principal.entityScope].sort() : null;
      key = createHash('sha256')
        .update(
          canonicalJson([
            this.schemaId,
            parts.query,
            parts.operationName ?? null,
            parts.variables ?? {},
            parts.principal.role,
            scope,
          ]),
        )
        .digest('base64url');
      if (given.length <= 100_000) this.keys.set(given, key);
    }
    return key;
  }

  /**
   * Remembers that the key of a query text as it was sent (`sent`) names the entry `key` (of its
   * printed form), so the HTTP layer can find the answer from the text alone, before parsing.
   * Kept in this process only, for the 10,000 texts seen last.
   */
  alias(sent: string, key: string): void {
    if (sent !== key && this.aliases.get(sent) !== key) this.aliases.set(sent, key);
  }

  /** The entry a query text as sent names, when a request with that text was answered here. */
  aliasOf(sent: string): string | undefined {
    return this.aliases.get(sent);
  }

  /** The answer under `key` if every dataset it read is still at the same version. */
  async lookup(key: string): Promise<{ outcome: CacheOutcome; answer?: CachedAnswer }> {
    const answer = await this.store.get(key);
    if (!answer) return { outcome: 'miss' };
    const current = this.versions.current();
    const fresh = Object.entries(answer.versions).every(
      ([dataset, version]) => (current.get(dataset) ?? null) === version,
    );
    return fresh ? { outcome: 'hit', answer } : { outcome: 'stale' };
  }

  /**
   * Keeps an answer under the versions seen before it read anything (`before`): if an import
   * landed meanwhile, the answer is labelled older than its data and is dropped at the next
   * change, never served as newer than it is.
   */
  async keep(
    key: string,
    result: CachedAnswer['result'],
    datasets: readonly string[],
    before: ReadonlyMap<string, number>,
  ): Promise<void> {
    const versions = Object.fromEntries(datasets.map((d) => [d, before.get(d) ?? null]));
    await this.store.set(key, { result, versions });
  }

  close(): Promise<void> {
    this.versions.stop();
    return this.store.close();
  }
}

/** An LRU of answers in this process, bounded by the bytes of their JSON. */
export class MemoryAnswerStore implements AnswerStore {
  readonly kind = 'memory';
  private readonly answers: LRUCache<string, CachedAnswer>;
  /** Keys of the answers that read each dataset. */
  private readonly byDataset = new Map<string, Set<string>>();

  constructor(maxBytes: number, ttlSeconds: number) {
    this.answers = new LRUCache<string, CachedAnswer>({
      maxSize: maxBytes,
      sizeCalculation: (answer) => Math.max(1, JSON.stringify(answer.result).length),
      ttl: ttlSeconds * 1000,
      dispose: (answer, key) => {
        for (const dataset of Object.keys(answer.versions))
          this.byDataset.get(dataset)?.delete(key);
      },
    });
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    return this.answers.get(key);
  }

  async set(key: string, answer: CachedAnswer): Promise<void> {
    this.answers.set(key, answer);
    if (!this.answers.has(key)) return; // larger than the whole cache
    for (const dataset of Object.keys(answer.versions)) {
      let keys = this.byDataset.get(dataset);
      if (!keys) this.byDataset.set(dataset, (keys = new Set()));
      keys.add(key);
    }
  }

  async invalidate(datasets: readonly string[]): Promise<void> {
    for (const dataset of datasets)
      for (const key of [...(this.byDataset.get(dataset) ?? [])]) this.answers.delete(key);
  }

  /** Answers held now (for tests and metrics). */
  get size(): number {
    return this.answers.size;
  }

  async close(): Promise<void> {
    this.answers.clear();
  }
}
