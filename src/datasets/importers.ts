import type { ObjectLiteral } from 'typeorm';
import {
  DUTY_STATIONS_IMPORTER,
  ENTITIES_IMPORTER,
  GRADES_IMPORTER,
  MEMBER_STATES_IMPORTER,
} from '../dimensions/dimensions.importers';
import type { DatasetImporter } from '../shared/import/importer.definition';
import { INDICATORS_IMPORTER, OBSERVATIONS_IMPORTER } from './indicators/indicators.importers';
import {
  MEMBER_STATE_INPUTS_IMPORTER,
  RANGE_PARAMETERS_IMPORTER,
} from './representation/representation.importers';
import { JOB_OPENINGS_IMPORTER, STAFF_YEARS_IMPORTER } from './staffing/staffing.importers';

/** Every importable dataset, dimensions first (facts reference them). */
export const IMPORTERS: readonly DatasetImporter<ObjectLiteral>[] = [
  ENTITIES_IMPORTER,
  DUTY_STATIONS_IMPORTER,
  MEMBER_STATES_IMPORTER,
  GRADES_IMPORTER,
  RANGE_PARAMETERS_IMPORTER,
  MEMBER_STATE_INPUTS_IMPORTER,
  STAFF_YEARS_IMPORTER,
  JOB_OPENINGS_IMPORTER,
  INDICATORS_IMPORTER,
  OBSERVATIONS_IMPORTER,
] as unknown as readonly DatasetImporter<ObjectLiteral>[];

export function findImporter(name: string): DatasetImporter<ObjectLiteral> | undefined {
  return IMPORTERS.find((importer) => importer.name === name);
}
