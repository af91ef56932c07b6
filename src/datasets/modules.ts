import { DIMENSIONS } from '../dimensions';
import type { DatasetModule } from '../shared/modules';
import { CONDUCT_AND_DISCIPLINE } from './conduct';
import { ENGAGEMENT_SURVEY } from './engagement';
import { INDICATORS } from './indicators';
import { LEARNING_AND_DEVELOPMENT } from './learning';
import { REPRESENTATION } from './representation';
import { STAFFING } from './staffing';

/**
 * The datasets of the hub, one line each, in load order: a dataset's generator may read the files
 * of those above it, and its rows may refer to theirs. Everything else is derived from this list.
 */
export const DATASET_MODULES: readonly DatasetModule[] = [
  DIMENSIONS,
  REPRESENTATION,
  STAFFING,
  ENGAGEMENT_SURVEY,
  CONDUCT_AND_DISCIPLINE,
  LEARNING_AND_DEVELOPMENT,
  INDICATORS,
];
