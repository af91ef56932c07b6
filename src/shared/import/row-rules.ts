import type { RowIssue } from './importer.definition';

/**
 * The end date of something that may have ended (a case closed, an enrolment completed): given
 * exactly when the row's status says it ended, and not before its start. Dates are ISO strings.
 */
export function endDateIssues(
  line: number,
  end: { column: string; value: string | null },
  start: { column: string; value: string },
  ended: { is: boolean; status: string },
): RowIssue[] {
  if (ended.is !== (end.value !== null))
    return [{ line, column: end.column, message: `must be given exactly when ${ended.status}` }];
  if (end.value !== null && end.value < start.value)
    return [{ line, column: end.column, message: `is before ${start.column}` }];
  return [];
}
