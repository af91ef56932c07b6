/* Import at scale: `npm run import-memory [-- --gb 2]` (not part of `npm test`). Writes a
 * staff-years CSV of the given size (valid rows over the shipped dimensions, streamed to disk),
 * then imports it with the CLI in its own process, as `reformgraph import` runs, and reports the
 * file size, rows per second and the importer's peak resident memory (its own `maxRSS`). With
 * DATABASE_URL=mysql://... it imports into MySQL/MariaDB (an empty database) instead of SQLite. */
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { projectRoot } from '../../src/shared/project-root';

const CLI = join(projectRoot(), 'dist', 'src', 'cli', 'main.js');
const HEADER =
  'staff_id,year,entity_code,duty_station_code,grade_code,gender,nationality_iso3,birth_year,contract_type,geographical,ypp\n';
const NATIONALITIES = ['KEN', 'CHE', 'UGA', 'USA', 'FRA', 'IND', 'CHN', 'BRA', 'NGA', 'DEU'];
const CONTRACTS = ['FIXED_TERM', 'CONTINUING', 'TEMPORARY', 'PERMANENT'];
const YEARS = 22;

/** First column of a seed file: the codes the generated rows may use. */
const codes = (file: string): string[] =>
  readFileSync(join(projectRoot(), 'seeds', 'dimensions', file), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]);

function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${args[0]} exited ${code}: ${output}`)),
    );
  });
}

async function writeCsv(file: string, bytes: number): Promise<number> {
  const entities = codes('entities.csv');
  const stations = codes('duty-stations.csv');
  const grades = codes('grades.csv');
  const out = createWriteStream(file);
  out.write(HEADER);
  let written = HEADER.length;
  let rows = 0;
  while (written < bytes) {
    let block = '';
    for (let i = 0; i < 10_000; i++, rows++) {
      const staff = Math.floor(rows / YEARS);
      const line =
        `X${String(staff).padStart(9, '0')},${2000 + (rows % YEARS)},${entities[staff % entities.length]},` +
        `${stations[staff % stations.length]},${grades[staff % grades.length]},${staff % 2 ? 'F' : 'M'},` +
        `${NATIONALITIES[staff % NATIONALITIES.length]},${1955 + (staff % 15)},${CONTRACTS[staff % CONTRACTS.length]},` +
        `${staff % 3 === 0},false\n`;
      block += line;
    }
    written += block.length;
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return rows;
}

async function main(): Promise<void> {
  const gbArg = process.argv.indexOf('--gb');
  const gb = gbArg > 0 ? Number(process.argv[gbArg + 1]) : 0.2;
  const dir = await mkdtemp(join(tmpdir(), 'rg-import-memory-'));
  // eslint-disable-next-line no-restricted-syntax -- the script passes its environment to the CLI
  const base = process.env;
  const env: NodeJS.ProcessEnv = {
    ...base,
    SQLITE_PATH: join(dir, 'import.sqlite'),
    SEED_DIR: join(dir, 'seed'),
    LOG_LEVEL: 'warn',
  };
  try {
    await run(['seed', '--scale', '0.01', '--datasets', 'dimensions'], env);
    const file = join(dir, 'staff-years.csv');
    process.stdout.write(`writing ${gb} GB of staff-years...\n`);
    const rows = await writeCsv(file, gb * 1024 ** 3);
    const size = (await stat(file)).size;
    process.stdout.write(
      `importing ${rows.toLocaleString('en-US')} rows (${(size / 1024 ** 2).toFixed(0)} MB)...\n`,
    );
    const output = await run(['import', 'staff-years', file], env);
    const took = /took ([\d.]+) s \((\d+) rows\/s\), peak memory (\d+) MB/.exec(output);
    process.stdout.write(
      `\n${base.DATABASE_URL ? 'MySQL/MariaDB' : 'SQLite'}: ${(size / 1024 ** 3).toFixed(2)} GB, ` +
        `${rows.toLocaleString('en-US')} rows: ${took?.[1] ?? '?'} s, ${took?.[2] ?? '?'} rows/s, ` +
        `peak RSS ${took?.[3] ?? '?'} MB\n`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
