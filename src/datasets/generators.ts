import { DIMENSIONS_GENERATOR } from '../dimensions/dimensions.generator';
import type { DatasetGenerator } from '../shared/generator/generator.definition';
import { INDICATORS_GENERATOR } from './indicators/indicators.generator';
import { REPRESENTATION_GENERATOR } from './representation/representation.generator';
import { STAFFING_GENERATOR } from './staffing/staffing.generator';

/** Generators in the order they run; later ones read what earlier ones wrote. */
export const GENERATORS: readonly DatasetGenerator[] = [
  DIMENSIONS_GENERATOR,
  REPRESENTATION_GENERATOR,
  STAFFING_GENERATOR,
  INDICATORS_GENERATOR,
];
