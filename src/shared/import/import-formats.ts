import type { ObjectLiteral } from 'typeorm';
import { allowedValues } from './csv-columns';
import type { DatasetImporter } from './importer.definition';

/**
 * The documented columns of each importer as Markdown (docs/data-formats.md and
 * `reformgraph formats`).
 */
export function importFormatsMarkdown(
  importers: readonly DatasetImporter<ObjectLiteral>[],
): string {
  return importers
    .map((importer) => {
      const columnOf = (property: string) =>
        Object.entries(importer.columns).find(([, spec]) => spec.property === property)?.[0] ??
        property;
      const rows = Object.entries(importer.columns).map(([name, spec]) => {
        // An enum column lists its values, unless its description already does.
        const values = allowedValues(spec.schema);
        const listed = values?.every((value) => spec.description.includes(value)) ?? true;
        const meaning = listed ? spec.description : `${spec.description}: ${values?.join(', ')}`;
        return `| \`${name}\` | ${meaning} | ${spec.example ? `\`${spec.example}\`` : ''} |`;
      });
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
