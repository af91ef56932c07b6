/**
 * SQL statements a running hub has run for requests so far, read from its own `/metrics` (the
 * sum of `reformgraph_sql_statements_per_request`): the difference around a request is what it
 * cost the database, seen from outside as an operator sees it.
 */
export async function statementsServed(origin: string): Promise<number> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  return Number(/^reformgraph_sql_statements_per_request_sum (\d+)/m.exec(text)?.[1] ?? 0);
}
