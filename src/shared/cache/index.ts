/** The response cache (memory or Redis) and the watch on dataset versions that keys it. */
export * from './dataset-version-watch';
export * from './redis';
export * from './response-cache';
export * from './setup';
