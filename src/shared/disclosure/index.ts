/** Disclosure control: the role policy, cell-key perturbation and cell protection, record keys. */
export * from './cell-protection';
export * from './policy';
export * from './record-key';
