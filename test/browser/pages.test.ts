/// <reference lib="dom" /> -- the functions given to page.evaluate run in the browser
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../src/config/config';
import { silentLogger } from '../../src/shared/logging/logger';
import { startServer, type RunningServer } from '../../src/server/server';
import { chromiumAvailable, launchChromium } from '../support/chromium';
import { testDatabases } from '../support/databases';
import { openHarness, type Harness } from '../support/harness';

/**
 * The explorer (/graphql) and the dashboard (/dashboard) in Debian's Chromium, driven by
 * playwright-core, against a real server on the demo data (`npm start`: scale 0.1, seed 1).
 * The browser's network is cut off from everything but the hub's origin, and every request a page
 * makes (workers included) is recorded and must be to that origin. The pages are built by
 * `web/build.mjs` as `npm run build` builds them. They read the hub's public API only, which
 * behaves the same on both databases (the API suites run on both), so this suite runs on SQLite.
 */

const sqlite = testDatabases().find((db) => db.name === 'sqlite');
const run = sqlite && chromiumAvailable() ? describe : describe.skip;

/** Distinct colours and the share of pixels that are not the most common one (the background). */
function pixels(png: Buffer): { colours: number; drawn: number } {
  const image = PNG.sync.read(png);
  const counts = new Map<number, number>();
  for (let i = 0; i < image.data.length; i += 4) {
    const key = image.data.readUInt32BE(i);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const total = image.width * image.height;
  const background = Math.max(...counts.values());
  return { colours: counts.size, drawn: (total - background) / total };
}

run('browser > explorer and dashboard, offline, in Chromium', () => {
  let harness: Harness;
  let server: RunningServer;
  let production: RunningServer;
  let browser: Browser;
  let webDir: string;

  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'rg-web-'));
    execFileSync(process.execPath, [join('web', 'build.mjs'), '--outdir', webDir], {
      cwd: join(__dirname, '..', '..'),
      stdio: 'pipe',
    });
    harness = await openHarness(sqlite!, { file: true, seedScale: 0.1 });
    const config = { ...harness.config, port: 0, host: '127.0.0.1', webDir };
    server = await startServer(harness.dataSource, config, silentLogger, harness.catalog);
    const inProduction = loadConfig({ NODE_ENV: 'production' });
    production = await startServer(
      harness.dataSource,
      { ...config, auth: inProduction.auth, limits: inProduction.limits },
      silentLogger,
      harness.catalog,
    );
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await production?.stop();
    await server?.stop();
    await harness?.close();
    if (webDir) await rm(webDir, { recursive: true, force: true });
  });

  /**
   * A fresh browser context whose network ends at the hub: any other origin is aborted. Returns
   * the page, the origins it asked for and what it logged as errors.
   */
  async function offlinePage(
    origin: string,
    viewport = { width: 1366, height: 768 },
  ): Promise<{ page: Page; context: BrowserContext; origins: Set<string>; errors: string[] }> {
    const context = await browser.newContext({ viewport });
    const origins = new Set<string>();
    const errors: string[] = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      origins.add(url.protocol === 'data:' ? 'data:' : url.origin);
      return url.origin === origin || url.protocol === 'data:' ? route.continue() : route.abort();
    });
    context.on('request', (request) => {
      const url = new URL(request.url());
      origins.add(url.protocol === 'data:' ? 'data:' : url.origin);
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('worker', (worker) => {
      worker.on('console', (message) => {
        if (message.type() === 'error') errors.push(`worker: ${message.text()}`);
      });
    });
    return { page, context, origins, errors };
  }

  /** Opens GraphiQL's documentation explorer and waits until it lists the Query type. */
  async function openDocsAtQuery(page: Page): Promise<void> {
    await page.getByRole('button', { name: /documentation explorer/i }).click();
    await page
      .locator('.graphiql-doc-explorer')
      .getByText('Query', { exact: true })
      .first()
      .waitFor();
  }

  const onlyThe = (origin: string) => (origins: Set<string>) =>
    [...origins].filter((o) => o !== origin && o !== 'data:');

  describe('explorer at /graphql', () => {
    it('loads offline with the README examples as tabs, runs a query and shows the result', async () => {
      const { page, context, origins, errors } = await offlinePage(server.origin);
      const response = await page.goto(server.url);
      expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
      await page.locator('.graphiql-container').waitFor({ timeout: 60_000 });
      const tabs = page.locator('.graphiql-tab');
      expect(await tabs.count()).toBeGreaterThanOrEqual(10);
      await expect(tabs.first().textContent()).resolves.toContain('WomenShareAndTimeToRecruit');

      await page.locator('.graphiql-execute-button').click();
      const result = page.locator('.graphiql-response');
      await page.waitForFunction(
        () => document.querySelector('.graphiql-response')?.textContent?.includes('womenShare'),
        undefined,
        { timeout: 60_000 },
      );
      const text = (await result.textContent()) ?? '';
      expect(text).toContain('"headcount"');
      expect(text).toContain('"averageDaysToRecruit"');

      // The schema came by introspection: the docs list the root fields.
      await openDocsAtQuery(page);

      expect(onlyThe(server.origin)(origins)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 180_000);

    it('opens a linked query (the dashboard links) with its variables', async () => {
      const { page, context, origins } = await offlinePage(server.origin);
      const query = 'query Linked($year: Int!) { workforce(year: $year) { headcount } }';
      const variables = JSON.stringify({ year: 2019 });
      await page.goto(`${server.url}?${new URLSearchParams({ query, variables }).toString()}`);
      await page.locator('.graphiql-container').waitFor({ timeout: 60_000 });
      await page.waitForFunction(
        () => document.querySelector('.graphiql-query-editor')?.textContent?.includes('Linked'),
        undefined,
        { timeout: 30_000 },
      );
      await page.locator('.graphiql-execute-button').click();
      await page.waitForFunction(
        () => document.querySelector('.graphiql-response')?.textContent?.includes('headcount'),
        undefined,
        { timeout: 60_000 },
      );
      expect(onlyThe(server.origin)(origins)).toEqual([]);
      await context.close();
    }, 120_000);

    it('in production reads the committed schema file, since introspection is off', async () => {
      const introspection = await fetch(production.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
      });
      expect(introspection.status).toBe(400);

      const { page, context, origins, errors } = await offlinePage(production.origin);
      const asked: string[] = [];
      page.on('request', (request) => asked.push(new URL(request.url()).pathname));
      await page.goto(production.url);
      await page.locator('.graphiql-container').waitFor({ timeout: 60_000 });
      await openDocsAtQuery(page);
      expect(asked).toContain('/schema.graphql');
      expect(onlyThe(production.origin)(origins)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);
  });

  describe('dashboard at /dashboard', () => {
    let page: Page;
    let context: BrowserContext;
    let origins: Set<string>;
    let errors: string[];

    beforeAll(async () => {
      ({ page, context, origins, errors } = await offlinePage(server.origin));
      const response = await page.goto(`${server.origin}/dashboard`);
      expect(response?.status()).toBe(200);
      await page.locator('body[data-ready="true"]').waitFor({ timeout: 120_000 });
    }, 180_000);
    afterAll(() => context?.close());

    it('renders every chart with data, with no console error and no request off the origin', async () => {
      const charts = page.locator('[data-chart]');
      const names = await charts.evaluateAll((els) => els.map((e) => e.getAttribute('data-chart')));
      for (const name of [
        'women-share',
        'representation',
        'workforce-by-entity',
        'time-to-recruit',
        'engagement',
        'learning',
      ])
        expect(names).toContain(name);
      expect(names.filter((n) => n?.startsWith('indicator-')).length).toBeGreaterThan(10);
      // Every chart drew marks (an SVG with shapes), not an empty frame.
      const shapes = await charts.evaluateAll((els) =>
        els.map((e) => e.querySelectorAll('svg path, svg rect, svg circle').length),
      );
      expect(Math.min(...shapes)).toBeGreaterThan(3);
      // Each outcome area of the report has its indicators.
      for (const outcome of ['DIVERSITY', 'AGILITY', 'ACCOUNTABILITY', 'ENABLERS'])
        expect(
          await page.locator(`[data-outcome="${outcome}"] .indicator`).count(),
        ).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      expect(onlyThe(server.origin)(origins)).toEqual([]);
    });

    it("shows women's share of P+ and FS at 42.2 for 2021, with the 47-53 parity band", async () => {
      const row = page.locator('[data-table="women-share"] tr[data-key="2021"]');
      await expect(row.locator('td').first().textContent()).resolves.toBe('42.2');
      const chart = page.locator('[data-chart="women-share"]');
      const text = (await chart.textContent()) ?? '';
      expect(text).toContain('42.2');
      expect(text).toMatch(/Parity band 47-53% by 2028/);
      expect(await chart.getAttribute('aria-label')).toContain('2021 42.2%');
    });

    it('draws non-empty pictures (screenshots of the charts are not blank)', async () => {
      for (const name of [
        'women-share',
        'representation',
        'workforce-by-entity',
        'time-to-recruit',
      ]) {
        const { colours, drawn } = pixels(
          await page.locator(`[data-chart="${name}"]`).screenshot(),
        );
        expect({ name, enough: colours > 20 && drawn > 0.03 }).toEqual({ name, enough: true });
      }
    });

    it('draws no text over other text in any chart (axis labels, legends, marks)', async () => {
      expect(await textOverlaps(page)).toEqual([]);
    });

    it('links each chart to its query in the explorer', async () => {
      const href = await page.locator('#women-share .query-link').getAttribute('href');
      const url = new URL(href ?? '', server.origin);
      expect(url.pathname).toBe('/graphql');
      expect(url.searchParams.get('query')).toContain(
        'query WomenShareOfProfessionalAndFieldService',
      );
      const answer = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: url.searchParams.get('query'),
          variables: JSON.parse(url.searchParams.get('variables') ?? '{}') as unknown,
        }),
      });
      expect(answer.status).toBe(200);
    });

    it('changes the numbers with the year filter, by keyboard', async () => {
      const tiles = page.locator('#headlines .tiles');
      const before = await tiles.textContent();
      const year = await page.locator('#year').inputValue();
      // It opened on the report's year (the latest with published figures), not the latest data.
      expect(year).toBe('2021');
      // Keyboard only: Tab reaches the year filter; the arrow key picks the year before.
      await page.locator('body').focus();
      let focused = '';
      for (let i = 0; i < 10 && focused !== 'year'; i++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement?.id ?? '');
      }
      expect(focused).toBe('year');
      await page.keyboard.press('ArrowUp');
      const chosen = await page.locator('#year').inputValue();
      expect(Number(chosen)).toBe(Number(year) - 1);
      await page
        .locator(`body[data-ready="true"][data-year="${chosen}"]`)
        .waitFor({ timeout: 60_000 });
      expect(await tiles.textContent()).not.toBe(before);
      await expect(
        page.locator('[data-table="member-states"] caption').textContent(),
      ).resolves.toContain(chosen);
      expect(page.url()).toContain(`year=${chosen}`);
      expect(errors).toEqual([]);
    }, 120_000);

    it('filters by entity', async () => {
      await page.locator('#entity').selectOption('OCHA');
      await page.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });
      await page.waitForFunction(() =>
        document.querySelector('.status-line')?.textContent?.includes('OCHA'),
      );
      const rows = await page.locator('[data-table="workforce-by-entity"] tbody tr').count();
      expect(rows).toBe(1);
      expect(errors).toEqual([]);
    }, 120_000);

    it('is readable at 1366x768 and at a phone width (no sideways scrolling)', async () => {
      for (const viewport of [
        { width: 1366, height: 768 },
        { width: 390, height: 844 },
      ]) {
        const small = await offlinePage(server.origin, viewport);
        await small.page.goto(`${server.origin}/dashboard`);
        await small.page.locator('body[data-ready="true"]').waitFor({ timeout: 120_000 });
        const { scrollWidth, innerWidth, chartWidth } = await small.page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          chartWidth: document.querySelector('[data-chart="women-share"]')?.clientWidth ?? 0,
        }));
        expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
        expect(chartWidth).toBeGreaterThan(viewport.width / 2 - 60);
        expect({ viewport, overlaps: await textOverlaps(small.page) }).toEqual({
          viewport,
          overlaps: [],
        });
        expect(small.errors).toEqual([]);
        await small.context.close();
      }
    }, 240_000);
  });
});

/**
 * Labels of the dashboard's charts drawn over one another: the charts are SVG, each label a
 * <text> whose box the browser knows, cut to the clip path it is drawn in (a scrolling legend
 * clips the item under its pager). A pixel or two of antialiasing is not an overlap.
 */
async function textOverlaps(page: Page): Promise<string[]> {
  return page.locator('[data-chart]').evaluateAll((els) =>
    els.flatMap((chart) => {
      const visible = (text: Element) => {
        const r = text.getBoundingClientRect();
        let [left, top, right, bottom] = [r.left, r.top, r.right, r.bottom];
        for (
          let el: Element | null = text.parentElement;
          el && el !== chart;
          el = el.parentElement
        ) {
          const id = /url\(["']?#([^"')]+)/.exec(el.getAttribute('clip-path') ?? '')?.[1];
          const shape = id ? chart.querySelector(`[id="${id}"] > *`) : null;
          const ctm = el instanceof SVGGraphicsElement ? el.getScreenCTM() : null;
          if (!(shape instanceof SVGGraphicsElement) || !ctm) continue;
          const b = shape.getBBox();
          const a = new DOMPoint(b.x, b.y).matrixTransform(ctm);
          const c = new DOMPoint(b.x + b.width, b.y + b.height).matrixTransform(ctm);
          left = Math.max(left, Math.min(a.x, c.x));
          top = Math.max(top, Math.min(a.y, c.y));
          right = Math.min(right, Math.max(a.x, c.x));
          bottom = Math.min(bottom, Math.max(a.y, c.y));
        }
        return { left, top, right, bottom };
      };
      const boxes = Array.from(chart.querySelectorAll('svg text'))
        .map((t) => ({ text: t.textContent ?? '', box: visible(t) }))
        .filter(
          ({ text, box }) => text.trim() !== '' && box.right > box.left && box.bottom > box.top,
        );
      const found: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i].box, boxes[j].box];
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 2 && h > 2)
            found.push(
              `${chart.getAttribute('data-chart')}: "${boxes[i].text}" over "${boxes[j].text}"`,
            );
        }
      return found;
    }),
  );
}
