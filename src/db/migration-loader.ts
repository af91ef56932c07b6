import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationInterface } from 'typeorm';

type MigrationClass = new () => MigrationInterface;

/**
 * Loads every `<timestamp>-<Name>` migration in a folder, oldest first. Works from the TypeScript
 * sources (tests) and from the compiled output (`npm start`) alike, and a newly generated
 * migration needs no registration.
 */
export function loadMigrations(folder: string): MigrationClass[] {
  return readdirSync(folder)
    .filter((file) => /^\d+-[\w-]+\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'))
    .sort((a, b) => Number(a.split('-')[0]) - Number(b.split('-')[0]))
    .flatMap((file) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- migrations are discovered at run time
      const module = require(join(folder, file)) as Record<string, unknown>;
      return Object.values(module).filter(
        (value): value is MigrationClass => typeof value === 'function',
      );
    });
}
