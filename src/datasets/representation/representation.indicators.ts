import { NotFoundError } from '../../shared/errors';
import type { IndicatorComputation } from '../../shared/indicators';
import type { RepresentationStatus } from '../staffing';
import { representationTable } from './representation.service';

const countOf = (
  status: RepresentationStatus,
  indicatorCode: string,
  label: string,
): IndicatorComputation => ({
  indicatorCode,
  method: `number of member states ${label} (system of desirable ranges computed from staffing and member-state inputs)`,
  tolerance: 0,
  async compute(data, year) {
    // A year without parameters or inputs is not computable; any other failure is an error.
    const table = await representationTable(data, year).catch((error: unknown) => {
      if (error instanceof NotFoundError) return null;
      throw error;
    });
    if (!table) return null;
    return [...table.states.values()].filter((s) => s.status === status).length;
  },
});

/** The geographical-distribution indicators of the report, computed from the data. */
export const REPRESENTATION_INDICATORS: readonly IndicatorComputation[] = [
  countOf('WITHIN_RANGE', 'member-states-within-range', 'within range'),
  countOf('UNDER_REPRESENTED', 'member-states-under-represented', 'under-represented'),
  countOf('UNREPRESENTED', 'member-states-unrepresented', 'unrepresented'),
  countOf('OVER_REPRESENTED', 'member-states-over-represented', 'over-represented'),
];
