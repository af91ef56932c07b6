/** Dataset versions: the load records, the current versions and their changes. */
export * from './dataset-changes';
export * from './dataset-state';
export * from './dataset-version.entity';
