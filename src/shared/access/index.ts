/** The per-request data access: the reader of facts and rows, its ledger, the access rules. */
export * from './data-access';
