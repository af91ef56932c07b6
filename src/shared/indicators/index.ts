/** Indicator computations: how a dataset computes a published indicator from its facts. */
export * from './indicator-computation';
