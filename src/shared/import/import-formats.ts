import type { ObjectLiteral } from 'typeorm';
import type { DatasetImporter } from './importer.definition';

/** The documented columns of each importer as Markdown (README section and `reformgraph formats`). */
export function importFormatsMarkdown(
  importers: readonly DatasetImporter<ObjectLiteral>[],
): string {
  return importers
    .map((importer) => {
      const columnOf = (property: string) =>
        Object.entries(importer.columns).find(([, spec]) => spec.property === property)?.[0] ??
        property;
      const rows = Object.entries(importer.columns).map(
        ([name, spec]) =>
          `| \`${name}\` | ${spec.description} | ${spec.example ? `\`${spec.example}\`` : ''} |`,
      );
      return [
        `#### \`${importer.name}\` — ${importer.description}`,
        '',
        `Key: ${importer.key.map(columnOf).join(' + ')}`,
        '',
        '| column | meaning | example |',
        '|---|---|---|',
        ...rows,
        '',
      ].join('\n');
    })
    .join('\n');
}
