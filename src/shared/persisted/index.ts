/** The dashboard's persisted queries. */
export * from './dashboard';
