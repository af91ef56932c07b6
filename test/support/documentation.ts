import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/shared/project-root';

/**
 * The project's documentation: README.md (the user guide) and the pages under docs/, as paths
 * relative to the project root, README first and the pages in name order.
 */
export function documentationFiles(): string[] {
  const pages = readdirSync(join(projectRoot(), 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...pages];
}

/** The text of a file of the project (a path relative to its root), such as a page of docs/. */
export function readDocumentation(file: string): string {
  return readFileSync(join(projectRoot(), file), 'utf8');
}
