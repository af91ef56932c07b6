/**
 * A worker thread of the SQLite read pool (src/db/read-pool.ts): runs one SELECT on a read-only
 * connection of its own, so heavy aggregates do not hold the server's event loop. WAL mode lets
 * these readers run beside the writer; each statement sees the data committed when it began.
 */
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a worker file node loads as CommonJS
const Database = require('better-sqlite3');

const connections = new Map();

/**
 * Prepared statements by connection and SQL text, the last STATEMENTS used (as TypeORM's driver
 * keeps the main connection's): preparing an aggregate's SELECT again for every call cost more
 * than running it.
 */
const STATEMENTS = 100;
const statements = new Map();

function statement(db, path, sql) {
  const key = `${path}\n${sql}`;
  let prepared = statements.get(key);
  if (prepared) statements.delete(key);
  else {
    prepared = db.prepare(sql);
    if (statements.size >= STATEMENTS) statements.delete(statements.keys().next().value);
  }
  statements.set(key, prepared);
  return prepared;
}

/**
 * Runs a SELECT and returns its column names once and each row as a list of values: a structured
 * clone of 1,000 objects writes and reads every column name 1,000 times, and the main thread
 * then builds each row with one shape (see SqliteReadPool.run).
 */
module.exports = function read({ path, sql, params }) {
  let db = connections.get(path);
  if (!db) {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    connections.set(path, db);
  }
  // As TypeORM's driver passes them: booleans as 0/1.
  const values = params.map((value) => (typeof value === 'boolean' ? Number(value) : value));
  const prepared = statement(db, path, sql).raw(true);
  return {
    columns: prepared.columns().map((column) => column.name),
    rows: prepared.all(...values),
  };
};
