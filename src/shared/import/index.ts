/** The import pipeline: CSV columns and checks, importer declarations, formats, references. */
export * from './csv-columns';
export * from './file-checksum';
export * from './import-formats';
export * from './import-pipeline';
export * from './importer.definition';
export * from './reference-check';
export * from './row-rules';
