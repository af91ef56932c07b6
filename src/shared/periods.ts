import { BadUserInputError } from './errors';

/**
 * The years the hub answers for: the Organization's, with room either side. A year argument
 * outside them (a period, a wave, a filter's years or range) is a client mistake, answered as
 * BAD_USER_INPUT naming the argument, not an empty answer.
 */
export const FIRST_YEAR = 1945;
export const LAST_YEAR = 2100;

export const isYear = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= FIRST_YEAR && value <= LAST_YEAR;

/** Throws BAD_USER_INPUT (field `argument`) unless every value is a year of the hub's range. */
export function checkYears(argument: string, ...values: readonly unknown[]): void {
  const wrong = values.find((value) => value !== null && value !== undefined && !isYear(value));
  if (wrong !== undefined)
    throw new BadUserInputError(
      `${argument} must be a year between ${FIRST_YEAR} and ${LAST_YEAR}: ${JSON.stringify(wrong)} is not.`,
      argument,
    );
}
