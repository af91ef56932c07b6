import { yearsOf } from '../../shared/indicators';

/** Periods as the report states them: `2021`, `2022-01`, `2022-10-28` or a span `2017/2021`. */

/** The calendar year of a year period, else null (a span or a month). */
export function yearOf(period: string): number | null {
  const years = yearsOf(period);
  return years?.length === 1 ? years[0] : null;
}

/** A sort key: the last day a period covers, then its first day (so spans sort after their end year's points). */
export function periodSortKey(period: string): string {
  const span = /^(\d{4})\/(\d{4})$/.exec(period);
  if (span) return `${span[2]}-12-31|${span[1]}`;
  if (/^\d{4}$/.test(period)) return `${period}-12-31|${period}`;
  if (/^\d{4}-\d{2}$/.test(period)) return `${period}-31|${period}`;
  return `${period}|${period}`;
}

export const byPeriod = <T extends { period: string }>(a: T, b: T): number =>
  periodSortKey(a.period).localeCompare(periodSortKey(b.period));
