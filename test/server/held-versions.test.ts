import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../../src/server/server';
import { currentVersions } from '../../src/shared/versions';
import { cliEnv, databaseCases } from '../support/databases';
import { cliInChildProcess } from '../support/cli-process';
import { openHarness, type Harness } from '../support/harness';
import { statementsServed } from '../support/hub-metrics';

interface Answer {
  data?: Record<string, unknown>;
  errors?: unknown[];
  extensions?: { datasets?: Record<string, number | null> };
}

const LOOKUP = '{ entity(code: "OCHA") { code name } }';
const COURSES = '{ learningCourses { code } }';
const courseCsv = (code: string) =>
  'code,programme,title,language,level,delivery,modules,certifies\n' +
  `${code},FUNCTIONAL,Versions in memory,,,ONLINE,3,false\n`;

/**
 * A served request takes the datasets' versions from the server's memory (its version watch),
 * not from a statement of its own (#26): a lookup is one statement. The versions stay true: a
 * load in this process moves them before it returns, a load by another process within the poll,
 * and they are never ahead of the data read (the watch learns of a load after it commits).
 */
describe.each(databaseCases())(
  'server > dataset versions held in memory > %s',
  (_name, database) => {
    let harness: Harness;
    /** Polls every 100 ms; the response cache off, so every answer is read from the database. */
    let server: RunningServer;
    let dir: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'rg-held-'));
      harness = await openHarness(database, {
        file: true,
        seedScale: 0.02,
        seedDatasets: ['dimensions', 'staffing'],
      });
      server = await harness.serve((config) => ({
        ...config,
        cache: { ...config.cache, enabled: false, versionPollMs: 100 },
      }));
    }, 240_000);
    afterAll(async () => {
      await server?.stop();
      await harness?.close();
      await rm(dir, { recursive: true, force: true });
    });

    const ask = async (query: string) => {
      const before = await statementsServed(server.origin);
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      const body = (await res.json()) as Answer;
      expect(body.errors).toBeUndefined();
      return { body, statements: (await statementsServed(server.origin)) - before };
    };
    const stored = async (dataset: string) =>
      (await currentVersions(harness.dataSource.manager)).get(dataset) ?? null;

    it('answers a lookup with one statement, reporting the versions the database holds', async () => {
      const { body, statements } = await ask(LOOKUP);
      expect(body.data?.entity).toMatchObject({ code: 'OCHA' });
      expect(statements).toBe(1);
      expect(body.extensions?.datasets).toEqual({ dimensions: await stored('dimensions') });
    });

    it('reports a load of this process in the next answer, and one of another process within the poll', async () => {
      const first = join(dir, 'first.csv');
      await writeFile(first, courseCsv('HELD-1'));
      await harness.importFile('learning-courses', first);
      const afterOwn = await ask(COURSES);
      expect(afterOwn.body.data?.learningCourses).toEqual([{ code: 'HELD-1' }]);
      expect(afterOwn.body.extensions?.datasets?.learning).toBe(await stored('learning'));
      expect(afterOwn.statements).toBe(1);

      const second = join(dir, 'second.csv');
      await writeFile(second, courseCsv('HELD-2'));
      await cliInChildProcess(
        ['import', 'learning-courses', second],
        cliEnv(harness.config.database, dir),
      );
      const version = await stored('learning');
      // The data is committed before any process can know its version: an answer never reports a
      // version newer than what it read.
      const soon = await ask(COURSES);
      expect(soon.body.data?.learningCourses).toEqual([{ code: 'HELD-1' }, { code: 'HELD-2' }]);
      expect(soon.body.extensions?.datasets?.learning).toBeLessThanOrEqual(Number(version));
      let reported = soon.body.extensions?.datasets?.learning;
      for (let i = 0; i < 40 && reported !== version; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        reported = (await ask(COURSES)).body.extensions?.datasets?.learning;
      }
      expect(reported).toBe(version);
    }, 60_000);
  },
);
