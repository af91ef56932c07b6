/**
 * The benchmark's baselines, each its own process (issue #15):
 *
 *   node dist/test/bench/perf/baseline.js b1 <port> <mysql-url>
 *     B1: node's http and mysql2, hand-written: GET /q/<id> answers `{ "data": … }` (Q8: CSV);
 *     GET /c/<id> the same body, read once and then sent as a constant (no SQL).
 *   node dist/test/bench/perf/baseline.js b2 <port> <mysql-url> <schema.graphql>
 *     B2: graphql-js (parse, validate, execute) over the hub's committed SDL, no type-graphql and
 *     no Apollo: POST /graphql with the benchmark's documents. The answer object comes from the
 *     same minimal SQL as B1 (chosen by operation name) and graphql-js's default resolvers walk it,
 *     so B2 costs what graphql-js adds to B1.
 *
 * `GET /stats` answers the statements run so far. Both keep 10 connections, as the hub's pool.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { buildSchema, execute, parse, validate } from 'graphql';
import { createPool } from 'mysql2/promise';
import { CountingPool, minimalAnswer, toCsv } from './minimal';
import type { QueryId } from './queries';

const [kind, portText, mysqlUrl, schemaFile] = process.argv.slice(2);
const db = new CountingPool(
  createPool({ uri: mysqlUrl, connectionLimit: 10, dateStrings: true, supportBigNumbers: true }),
);
const IDS = new Set(['Q0', 'Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8']);

const send = (res: ServerResponse, status: number, type: string, body: string) => {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
};

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/** `/c/<id>`'s bodies: each query's answer, read once, then sent as a constant. */
const constants = new Map<string, { type: string; body: string }>();

async function b1(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const [, route, id] = /^\/(q|c)\/(Q\d)$/.exec(req.url ?? '') ?? [];
  if (!id || !IDS.has(id)) return send(res, 404, 'text/plain', 'not found');
  // What node's http serves for a body it already has: the ceiling of a cached answer.
  const constant = route === 'c' ? constants.get(id) : undefined;
  if (constant) return send(res, 200, constant.type, constant.body);
  const data = await minimalAnswer(db, id as QueryId);
  const answer =
    id === 'Q8'
      ? { type: 'text/csv; charset=utf-8', body: toCsv(data as never) }
      : { type: 'application/json', body: JSON.stringify({ data }) };
  if (route === 'c') constants.set(id, answer);
  send(res, 200, answer.type, answer.body);
}

const schema = kind === 'b2' ? buildSchema(readFileSync(schemaFile, 'utf8')) : null;

async function b2(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!schema) throw new Error('b2 needs the schema');
  const { query } = JSON.parse(await readBody(req)) as { query: string };
  // graphql-js parses and validates every request (as the hub does without its caches).
  const document = parse(query);
  const errors = validate(schema, document);
  if (errors.length > 0) return send(res, 400, 'application/json', JSON.stringify({ errors }));
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
  const id = (operation && 'name' in operation && operation.name?.value) || 'Q0';
  const rootValue = await minimalAnswer(db, id as QueryId);
  const result = await execute({ schema, document, rootValue });
  send(res, 200, 'application/json', JSON.stringify(result));
}

const server = createServer((req, res) => {
  if (req.url === '/stats') {
    send(res, 200, 'application/json', JSON.stringify({ statements: db.statements }));
    return;
  }
  (kind === 'b2' ? b2 : b1)(req, res).catch((error: unknown) =>
    send(res, 500, 'text/plain', String(error)),
  );
});
server.keepAliveTimeout = 5000;
server.listen(Number(portText), '127.0.0.1', () => process.stdout.write('listening\n'));
