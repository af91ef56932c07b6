import { z } from 'zod';

/**
 * Column types for CSV imports. Each turns the raw cell text into the stored value or fails with
 * a message that names what was expected; an empty cell is `null` for optional columns.
 */
const required = (message: string) => z.string().trim().min(1, message);

/** The values an enum column allows, by its schema (for the documented formats). */
const allowed = new WeakMap<z.ZodType, readonly string[]>();

/** The values a column's schema allows, when it is an enum (optional or not). */
export const allowedValues = (schema: z.ZodType): readonly string[] | undefined =>
  allowed.get(schema);

const withValues = <S extends z.ZodType>(schema: S, values: readonly string[] | undefined): S => {
  if (values) allowed.set(schema, values);
  return schema;
};

/** The most characters a text column's schema allows (checked against its table column). */
const maxLengths = new WeakMap<z.ZodType, number>();

/** The most characters a column's schema allows, when it is text of bounded length. */
export const maxLengthOf = (schema: z.ZodType): number | undefined => maxLengths.get(schema);

const withMaxLength = <S extends z.ZodType>(schema: S, max: number | undefined): S => {
  if (max !== undefined) maxLengths.set(schema, max);
  return schema;
};

export const csv = {
  string: (max: number) =>
    withMaxLength(required('is required').max(max, `must be at most ${max} characters`), max),
  code: (max: number) =>
    withMaxLength(
      required('is required')
        .max(max, `must be at most ${max} characters`)
        .regex(/^[A-Za-z0-9_.'-]+$/, "must be a code of letters, digits, _ - . or '"),
      max,
    ),
  iso3: () =>
    required('is required')
      .transform((v) => v.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 3166-1 alpha-3 code')),
  int: (min: number, max: number) =>
    required('is required')
      .regex(/^-?\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`)),
  number: (min: number, max: number) =>
    required('is required')
      .regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number like 12.5')
      .transform(Number)
      .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`)),
  bool: () =>
    required('is required')
      .transform((v) => v.toLowerCase())
      .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' }))
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
  date: () =>
    required('is required')
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
      .refine((v) => {
        const d = new Date(`${v}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
      }, 'is not a real calendar date'),
  enumOf: <T extends string>(values: readonly T[]) =>
    withValues(
      required('is required').pipe(
        z.enum(values as [T, ...T[]], { message: `must be one of ${values.join(', ')}` }),
      ),
      values,
    ),
  /** One value of a TypeScript string enum (its values, as GraphQL and SQL hold them). */
  enumValue: <T extends string>(values: Readonly<Record<string, T>>) =>
    csv.enumOf(Object.values(values)),
  /**
   * Makes a column optional: an empty cell becomes null; any other value must pass `schema`, and
   * fails with its message (`must be one of F, M, X`), not a union's "Invalid input".
   */
  optional: <S extends z.ZodType>(schema: S) =>
    withMaxLength(
      withValues(
        z.unknown().transform((value, ctx): z.output<S> | null => {
          if (value === '' || value === undefined) return null;
          const parsed = schema.safeParse(value);
          if (parsed.success) return parsed.data;
          for (const issue of parsed.error.issues)
            ctx.addIssue({ code: 'custom', message: issue.message });
          return z.NEVER;
        }),
        allowed.get(schema),
      ),
      maxLengths.get(schema),
    ),
};

/** An enum's values as a column description lists them: `OPEN, CLOSED`. */
export const enumValues = (values: Readonly<Record<string, string>>): string =>
  Object.values(values).join(', ');
