import { distance } from 'fastest-levenshtein';
import type { ClassType } from 'type-graphql';
import type { DataSource, ObjectLiteral } from 'typeorm';

/**
 * Where entity scopes point: the table (entity) and key the facts are scoped by, as the hub's
 * catalog says (`entityScopeTable`); null when no fact is scoped by entity.
 */
export interface ScopeSource {
  readonly entityScopeTable: { target: () => ClassType<ObjectLiteral>; key: string } | null;
}

/** Codes of `known` a mistyped `code` may have meant: same letters in another case, or one or two edits away. */
export function closeMatches(code: string, known: readonly string[]): string[] {
  const upper = code.toUpperCase();
  const sameLetters = known.filter((candidate) => candidate.toUpperCase() === upper);
  if (sameLetters.length > 0) return sameLetters;
  return known
    .map((candidate) => ({ candidate, edits: distance(upper, candidate.toUpperCase()) }))
    .filter(({ candidate, edits }) => edits <= Math.min(2, Math.floor(candidate.length / 2)))
    .sort((a, b) => a.edits - b.edits || a.candidate.localeCompare(b.candidate))
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}

/**
 * The codes an entity scope may name: the keys of the table the facts are scoped by (the
 * entities), read once and read again when a scope names a code not seen (at most every
 * `rereadMs`, so an entity imported meanwhile is found and a stream of unknown codes costs one
 * read each interval).
 */
export class KnownEntities {
  private codes: ReadonlySet<string> | null = null;
  private readAt = 0;

  constructor(
    private readonly db: DataSource,
    private readonly catalog: ScopeSource,
    private readonly rereadMs = 5000,
  ) {}

  /** The codes of `scope` that no entity has (none when no fact is scoped by entity). */
  async unknown(scope: readonly string[]): Promise<string[]> {
    if (scope.length === 0 || !this.catalog.entityScopeTable) return [];
    let missing = scope.filter((code) => this.codes !== null && !this.codes.has(code));
    if (this.codes === null || (missing.length > 0 && Date.now() - this.readAt >= this.rereadMs)) {
      await this.read();
      missing = scope.filter((code) => !this.codes?.has(code));
    }
    return missing;
  }

  /** Every code, sorted (for close matches). */
  async all(): Promise<string[]> {
    if (this.codes === null) await this.read();
    return [...(this.codes ?? [])].sort();
  }

  private async read(): Promise<void> {
    const table = this.catalog.entityScopeTable;
    if (!table) return;
    const rows: Record<string, unknown>[] = await this.db
      .getRepository(table.target())
      .createQueryBuilder('e')
      .select(`e.${table.key}`, 'code')
      .getRawMany();
    this.codes = new Set(rows.map((row) => String(row.code)));
    this.readAt = Date.now();
  }
}

/**
 * Why a scope cannot be given to a key or a token: each unknown code with the codes it may have
 * meant; null when every code is an entity.
 */
export async function scopeProblem(
  entities: KnownEntities,
  scope: readonly string[] | null,
): Promise<string | null> {
  if (scope === null) return null;
  const unknown = await entities.unknown(scope);
  if (unknown.length === 0) return null;
  const known = await entities.all();
  return unknown
    .map((code) => {
      const close = closeMatches(code, known);
      return `no entity ${code}${close.length ? ` (did you mean ${close.join(', ')}?)` : ''}`;
    })
    .join('; ');
}
