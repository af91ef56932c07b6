/**
 * The dashboard's only way to the data: the hub's public GraphQL endpoint, same origin. A front
 * end built on reformgraph needs nothing else.
 */

export type Variables = Record<string, unknown>;

export class GraphQLRequestError extends Error {
  override name = 'GraphQLRequestError';
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * The hub lets one caller run a few requests at once (MAX_CONCURRENT_REQUESTS, 4 by default) and
 * answers 429 beyond; the page keeps to 3 and queues the rest.
 */
const MAX_IN_FLIGHT = 3;
let inFlight = 0;
const waiting: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => waiting.push(resolve));
  inFlight++;
  try {
    return await work();
  } finally {
    inFlight--;
    waiting.shift()?.();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** POSTs the operation; a 429 or 503 (busy, or the database away) is retried after Retry-After. */
async function post(body: string): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await slot(() =>
      fetch('/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
        },
        body,
      }),
    );
    if ((response.status !== 429 && response.status !== 503) || attempt >= 2) return response;
    await sleep(Math.min(Number(response.headers.get('retry-after')) || 1, 5) * 1000);
  }
}

/** Runs one operation as the page's caller (anonymous: the public, disclosure-controlled view). */
export async function graphql<T>(query: string, variables: Variables = {}): Promise<T> {
  const response = await post(JSON.stringify({ query, variables }));
  const body = (await response.json()) as GraphQLResponse<T>;
  if (body.errors?.length) {
    throw new GraphQLRequestError(body.errors.map((e) => e.message).join('; '));
  }
  if (!response.ok || !body.data) {
    throw new GraphQLRequestError(`The hub answered ${response.status}.`);
  }
  return body.data;
}

/** Opens the query behind a chart in the explorer, with the variables the chart used. */
export function explorerLink(query: string, variables: Variables): string {
  const params = new URLSearchParams({ query });
  if (Object.keys(variables).length > 0) {
    params.set('variables', JSON.stringify(variables, null, 2));
  }
  return `/graphql?${params.toString()}`;
}
