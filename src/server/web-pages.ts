import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compression from 'compression';
import express, { type RequestHandler, type Router } from 'express';
import { projectRoot } from '../shared/project-root';
import { landingPageHtml } from './landing-page';

/**
 * The browser pages: the GraphiQL explorer (GET /graphql when the browser asks for HTML), the
 * reform dashboard (/dashboard), their bundles (/assets, built by `web/build.mjs` into `dist/web`)
 * and the schema's SDL (/schema.graphql), which the explorer reads in production, where
 * introspection is off. Everything a page loads comes from this origin, and the Content Security
 * Policy says so to the browser.
 */
export interface WebPagesOptions {
  /** Where the bundles are; `dist/web` under the project when not configured (WEB_DIR). */
  dir: string | null;
  /** Production: the explorer reads /schema.graphql instead of introspecting. */
  production: boolean;
  /** The SDL served at /schema.graphql: the one committed as schema/schema.graphql. */
  sdl: () => Promise<string>;
}

/**
 * Same origin only. Styles may be inline (Monaco and ECharts set element styles); workers come
 * from /assets; fonts and images may be data: URLs (GraphiQL's icons).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** The fallback landing page has one inline script, so it gets its own policy. */
const FALLBACK_POLICY = CONTENT_SECURITY_POLICY.replace(
  "script-src 'self'",
  "script-src 'self' 'unsafe-inline'",
);

function page(title: string, body: string, stylesheet: string, attributes = ''): string {
  return `<!doctype html>
<html lang="en"${attributes}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/${stylesheet}">
</head>
<body>
${body}
</body>
</html>
`;
}

/** Whether the client would rather have HTML than a GraphQL response (a browser's navigation). */
const wantsHtml: (req: express.Request) => boolean = (req) =>
  req.method === 'GET' &&
  req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) ===
    'text/html';

export function webPages(options: WebPagesOptions): {
  router: Router;
  /** Put before the GraphQL handler: answers a browser's GET /graphql with the explorer. */
  explorer: RequestHandler;
} {
  const dir = options.dir ?? join(projectRoot(), 'dist', 'web');
  const built = (): boolean => existsSync(join(dir, 'explorer.js'));
  const router = express.Router();

  const html = (policy: string, content: string): RequestHandler => {
    return (_req, res) => {
      res
        .status(200)
        .set({
          'content-security-policy': policy,
          'x-content-type-options': 'nosniff',
          'referrer-policy': 'same-origin',
          'cache-control': 'no-cache',
        })
        .type('html')
        .send(content);
    };
  };

  const explorerHtml = page(
    'reformgraph · GraphQL explorer',
    `<div id="graphiql">Loading the explorer…</div>
<noscript>The explorer needs JavaScript. Queries can also be POSTed to /graphql (see the README).</noscript>
<script src="/assets/explorer.js"></script>`,
    'explorer.css',
    ` data-schema="${options.production ? 'file' : 'introspection'}"`,
  );
  const dashboardHtml = page(
    'reformgraph · HR reform dashboard',
    `<div id="dashboard"><p>Loading the dashboard…</p></div>
<noscript>The dashboard needs JavaScript; its figures are also served at /api and /graphql.</noscript>
<script src="/assets/dashboard.js"></script>`,
    'dashboard.css',
  );
  const notBuilt = (what: string): string =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>reformgraph</title></head>
<body><h1>The ${what} is not built</h1><p>Run <code>npm run build</code> (it bundles the browser
pages into <code>dist/web</code>) and reload. GraphQL itself answers at <code>/graphql</code>.</p></body></html>`;

  router.use(
    '/assets',
    // The explorer's bundle is 5 MB (Monaco); gzip makes it about a fifth of that on the wire.
    compression(),
    express.static(dir, {
      index: false,
      fallthrough: false,
      // Names are stable across builds: the browser revalidates (ETag) instead of guessing.
      cacheControl: true,
      maxAge: 0,
      setHeaders: (res) => res.setHeader('x-content-type-options', 'nosniff'),
    }),
  );
  router.get('/dashboard', (req, res, next) => {
    if (built()) html(CONTENT_SECURITY_POLICY, dashboardHtml)(req, res, next);
    else res.status(503).type('html').send(notBuilt('dashboard'));
  });
  router.get('/schema.graphql', async (_req, res) => {
    res.type('text/plain; charset=utf-8').send(await options.sdl());
  });

  const explorer: RequestHandler = (req, res, next) => {
    if (!wantsHtml(req)) {
      next();
      return;
    }
    if (built()) {
      html(CONTENT_SECURITY_POLICY, explorerHtml)(req, res, next);
      return;
    }
    // Not bundled (a checkout run without `npm run build`): the small self-contained form.
    html(FALLBACK_POLICY, landingPageHtml(`${req.protocol}://${req.get('host') ?? ''}/graphql`))(
      req,
      res,
      next,
    );
  };
  return { router, explorer };
}
