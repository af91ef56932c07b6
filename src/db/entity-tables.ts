import { DefaultNamingStrategy, getMetadataArgsStorage, type ObjectLiteral } from 'typeorm';
import type { ClassType } from 'type-graphql';

/**
 * Table and column names read from a TypeORM entity's decorators, the one place they are
 * declared: facts, joins and summaries name an entity and its properties, never a table or
 * column as a string, so a renamed property is a compile error and a renamed column changes
 * every query with it (and `checkEntityTables` fails start-up when the database lacks it).
 *
 * Read from the decorators' metadata, which exists once the entity class is loaded, so a
 * declaration can use it at module load, before any data source is built. The hub's data
 * sources keep TypeORM's default naming strategy; `checkEntityTables` compares with theirs.
 */
const naming = new DefaultNamingStrategy();

type Entity = ClassType<ObjectLiteral>;

/** The properties of an entity that may be columns (functions are not). */
export type ColumnKey<E> = {
  [K in keyof E & string]: E[K] extends (...args: never[]) => unknown ? never : K;
}[keyof E & string];

/** An entity's columns as SQL over a table alias: `{ entityCode: 'f.entity_code', … }`. */
export type Columns<E> = { readonly [K in ColumnKey<E>]: string };

/** The table of an entity. Throws for a class that is not a TypeORM entity. */
export function tableOf(target: Entity): string {
  const table = getMetadataArgsStorage().tables.find((t) => t.target === target);
  if (!table) throw new Error(`${target.name} is not a TypeORM entity (no @Entity)`);
  return naming.tableName(target.name, table.name);
}

/** The SQL name of each column property of an entity. */
export function columnNames<E extends ObjectLiteral>(target: ClassType<E>): Map<string, string> {
  const names = new Map<string, string>();
  for (const column of getMetadataArgsStorage().filterColumns(target))
    names.set(
      column.propertyName,
      naming.columnName(column.propertyName, column.options.name ?? '', []),
    );
  return names;
}

/** The declared length of a text column (`varchar(16)`), if it has one. */
export function columnLength<E extends ObjectLiteral>(
  target: ClassType<E>,
  property: string,
): number | undefined {
  const column = getMetadataArgsStorage()
    .filterColumns(target)
    .find((c) => c.propertyName === property);
  const length = column?.options.length;
  return length === undefined ? undefined : Number(length);
}

/** The properties of each foreign key an entity declares (`@ForeignKey`), in the key's order. */
export function foreignKeyProperties(target: Entity): string[][] {
  return getMetadataArgsStorage()
    .foreignKeys.filter((key) => key.target === target)
    .map((key) => (key.propertyName ? [key.propertyName] : [...(key.columnNames ?? [])]));
}

/**
 * An entity's columns over a table alias (`f`, the fact's, by default). Typed by the entity's
 * properties; reading a property that is not a column (a relation, a typo through a cast)
 * throws where the declaration is loaded, so it fails start-up rather than a query.
 */
export function columnsOf<E extends ObjectLiteral>(target: ClassType<E>, alias = 'f'): Columns<E> {
  tableOf(target);
  const names = columnNames(target);
  const columns = Object.fromEntries([...names].map(([key, name]) => [key, `${alias}.${name}`]));
  return new Proxy(columns, {
    get(object, property) {
      if (typeof property === 'string' && !(property in object))
        throw new Error(`${target.name}.${property} is not a column of ${tableOf(target)}`);
      return Reflect.get(object, property);
    },
    // The proxy's values are the strings built above, keyed by the entity's column properties.
  }) as Columns<E>;
}

/**
 * The column a plain column reference over `alias` names (`f.entity_code` is `entity_code`), or
 * null when the SQL is anything else (an expression, another alias).
 */
export function plainColumnOf(sql: string, alias = 'f'): string | null {
  const prefix = `${alias}.`;
  const name = sql.trim().slice(prefix.length);
  return sql.trim().startsWith(prefix) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : null;
}

/**
 * Every column of every entity is in its table, as the migrations left the database: one
 * `SELECT <columns> FROM <table> WHERE 1 = 0` per entity (an entity renamed or given a column
 * without a migration fails here, at start-up, not in the first query that reads it).
 */
export async function checkEntityTables(
  query: (sql: string) => Promise<unknown>,
  entities: readonly Entity[],
): Promise<void> {
  const problems: string[] = [];
  for (const entity of entities) {
    const table = tableOf(entity);
    const names = [...columnNames(entity).values()];
    try {
      await query(`SELECT ${names.join(', ')} FROM ${table} WHERE 1 = 0`);
    } catch {
      const missing: string[] = [];
      for (const name of names)
        await query(`SELECT ${name} FROM ${table} WHERE 1 = 0`).catch(() => missing.push(name));
      problems.push(
        missing.length > 0
          ? `${entity.name}: table ${table} has no column ${missing.join(', ')}`
          : `${entity.name}: table ${table} cannot be read`,
      );
    }
  }
  if (problems.length > 0)
    throw new Error(
      `the database does not match the entities (a migration is missing?): ${problems.join('; ')}`,
    );
}
