import type { DataSource } from 'typeorm';

export type DialectName = 'sqlite' | 'mysql';

/** The few SQL fragments that differ between SQLite and MySQL/MariaDB. */
export interface Dialect {
  name: DialectName;
  /** Whole days from `from` to `to` (both DATE columns). */
  daysBetween(from: string, to: string): string;
  /** Calendar year of a DATE column, as an integer. */
  yearOf(date: string): string;
}

const sqlite: Dialect = {
  name: 'sqlite',
  daysBetween: (from, to) => `(julianday(${to}) - julianday(${from}))`,
  yearOf: (date) => `CAST(strftime('%Y', ${date}) AS INTEGER)`,
};

const mysql: Dialect = {
  name: 'mysql',
  daysBetween: (from, to) => `DATEDIFF(${to}, ${from})`,
  yearOf: (date) => `YEAR(${date})`,
};

export function dialectOf(dataSource: DataSource): Dialect {
  const type = dataSource.options.type;
  switch (type) {
    case 'better-sqlite3':
      return sqlite;
    case 'mysql':
    case 'mariadb':
      return mysql;
    default:
      throw new Error(`Unsupported database type ${type}`);
  }
}
