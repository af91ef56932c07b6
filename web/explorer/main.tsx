/**
 * The query explorer served at /graphql to browsers: GraphiQL with its schema docs, history,
 * variables and header editors, the documentation's example queries as tabs, and Monaco's workers
 * served by the hub itself (nothing comes from a CDN).
 *
 * Where the schema comes from is decided by the server (`data-schema` on <html>): introspection,
 * or, in production where introspection is off, the committed SDL at /schema.graphql.
 */
import 'graphiql/style.css';
import './explorer.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

/** Monaco asks for a worker per language; each is a bundle beside this script. */
const workerScripts: Record<string, string> = { json: 'json', graphql: 'graphql' };
Object.assign(globalThis, {
  MonacoEnvironment: {
    getWorker(_workerId: string, label: string): Worker {
      return new Worker(`/assets/${workerScripts[label] ?? 'editor'}.worker.js`);
    },
  },
});

const endpoint = `${window.location.origin}/graphql`;
const fetcher = createGraphiQLFetcher({ url: endpoint });

/** Tabs the explorer opens with (until the user's own tabs are stored in the browser). */
const defaultTabs = README_EXAMPLES.map((example) => ({
  query: example.query,
  headers: example.role
    ? `{\n  "authorization": "Bearer <a ${example.role} token: reformgraph token --role ${example.role}>"\n}`
    : undefined,
}));

/** A link to the explorer may carry the query to open (the dashboard's "query" links do). */
const params = new URLSearchParams(window.location.search);
const linkedQuery = params.get('query') ?? undefined;
const linkedVariables = params.get('variables') ?? undefined;

async function schemaFromFile(): Promise<GraphQLSchema> {
  const response = await fetch('/schema.graphql', { headers: { accept: 'text/plain' } });
  if (!response.ok) throw new Error(`/schema.graphql answered ${response.status}`);
  return buildSchema(await response.text());
}

async function main(): Promise<void> {
  const container = document.getElementById('graphiql');
  if (!container) throw new Error('no #graphiql element');
  const schema =
    document.documentElement.dataset.schema === 'file' ? await schemaFromFile() : undefined;
  createRoot(container).render(
    <StrictMode>
      <GraphiQL
        fetcher={fetcher}
        schema={schema}
        defaultTabs={defaultTabs}
        initialQuery={linkedQuery}
        initialVariables={linkedVariables}
        isHeadersEditorEnabled
        shouldPersistHeaders={false}
        defaultEditorToolsVisibility={linkedVariables ? 'variables' : undefined}
      >
        <GraphiQL.Logo>
          <a className="rg-logo" href="/dashboard" title="Open the reform dashboard">
            reformgraph
          </a>
        </GraphiQL.Logo>
      </GraphiQL>
    </StrictMode>,
  );
  container.dataset.ready = 'true';
}

main().catch((error: unknown) => {
  const container = document.getElementById('graphiql');
  if (container) {
    container.textContent = `The explorer could not start: ${String(error)}`;
    container.setAttribute('role', 'alert');
  }
});
