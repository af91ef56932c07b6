/** Flat tables for BI tools and spreadsheet-safe cells. */
export * from './flat-table';
export * from './spreadsheet-safe';
