/** The dataset module contract and the catalog derived from the module list. */
export * from './catalog';
export * from './dataset-module';
