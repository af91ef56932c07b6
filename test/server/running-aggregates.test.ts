import type { ApolloServerPlugin } from '@apollo/server';
import { parse, type GraphQLSchema } from 'graphql';
import { loadConfig } from '../../src/config/config';
import { DATASET_MODULES } from '../../src/datasets/modules';
import { queryLimits } from '../../src/server/query-limits';
import { buildAppSchema } from '../../src/server/schema';
import { createCatalog, type Catalog } from '../../src/shared/modules/catalog';

/** The hooks of one request through the limits' plugins, as Apollo calls them in order. */
interface Hooks {
  didResolveOperation(request: { query: string }): Promise<void>;
  executionDidStart(): Promise<void>;
  willSendResponse(): Promise<void>;
}

type Listener = Record<string, ((context: unknown) => Promise<unknown>) | undefined>;

async function requestThrough(plugins: ApolloServerPlugin[]): Promise<Hooks> {
  // Apollo's request context has many more members; these hooks read the request and document.
  const listeners = (await Promise.all(
    plugins.map((plugin) => plugin.requestDidStart?.({} as never)),
  )) as (Listener | undefined)[];
  const each = async (hook: string, context: unknown) => {
    for (const listener of listeners) await listener?.[hook]?.(context);
  };
  return {
    didResolveOperation: ({ query }) =>
      each('didResolveOperation', { request: { query }, document: parse(query) }),
    executionDidStart: () => each('executionDidStart', {}),
    willSendResponse: () => each('willSendResponse', {}),
  };
}

const NESTED = '{ entities { code workforce(year: 2021) { headcount } } }';
const ROOT = '{ workforce(year: 2021, groupBy: [GENDER]) { gender headcount } }';
const LOOKUP = '{ entity(code: "OCHA") { code name } }';

describe('server > aggregates running at once', () => {
  let schema: GraphQLSchema;
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = createCatalog(DATASET_MODULES);
    schema = await buildAppSchema(catalog);
  });
  const pluginsWith = (env: Record<string, string>) => {
    const config = loadConfig(env);
    return queryLimits(schema, catalog, config.limits, config.maxAggregateCells).plugins;
  };

  it('runs at most MAX_RUNNING_AGGREGATES aggregate operations at once; a lookup never waits', async () => {
    const plugins = pluginsWith({ MAX_RUNNING_AGGREGATES: '1' });
    const [first, second, lookup] = await Promise.all([1, 2, 3].map(() => requestThrough(plugins)));
    await first.didResolveOperation({ query: NESTED });
    await first.executionDidStart();
    await second.didResolveOperation({ query: NESTED });
    let secondRuns = false;
    const waiting = second.executionDidStart().then(() => (secondRuns = true));
    await lookup.didResolveOperation({ query: LOOKUP });
    await lookup.executionDidStart(); // not held behind the aggregate
    await new Promise((resolve) => setImmediate(resolve));
    expect(secondRuns).toBe(false);
    await first.willSendResponse();
    await waiting;
    expect(secondRuns).toBe(true);
    await second.willSendResponse();
    await lookup.willSendResponse();
  });

  it('holds a root aggregate behind a nested one, in turn', async () => {
    const plugins = pluginsWith({ MAX_RUNNING_AGGREGATES: '1' });
    const [nested, root] = await Promise.all([1, 2].map(() => requestThrough(plugins)));
    await nested.didResolveOperation({ query: NESTED });
    await nested.executionDidStart();
    await root.didResolveOperation({ query: ROOT });
    let rootRuns = false;
    const waiting = root.executionDidStart().then(() => (rootRuns = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(rootRuns).toBe(false);
    await nested.willSendResponse();
    await waiting;
    await root.willSendResponse();
  });
});
