/** Loading datasets: loads and their versions, seeding, dataset states, migrating a database. */
export * from './dataset-loads';
export * from './dataset-states';
export * from './migrate';
