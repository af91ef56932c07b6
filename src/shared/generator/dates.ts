/** ISO date arithmetic for generators, in UTC so nothing shifts with the machine's time zone. */

const DAY = 86_400_000;

/** `YYYY-MM-DD` of the day `offset` days after 1 January of `year`. */
export const dayOfYear = (year: number, offset: number): string =>
  new Date(Date.UTC(year, 0, 1) + offset * DAY).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
