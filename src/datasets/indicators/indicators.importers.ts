import { csv, type DatasetImporter, type RowIssue } from '../../shared/import';
import { IndicatorObservation, Qualifier } from './indicator-observation.entity';
import { Indicator, IndicatorUnit, OutcomeArea } from './indicator.entity';

/** Year, month, date, or a span of years written `2017/2021`. */
const period = () =>
  csv
    .string(16)
    .regex(
      /^\d{4}(-\d{2}(-\d{2})?)?$|^\d{4}\/\d{4}$/,
      'must be YYYY, YYYY-MM, YYYY-MM-DD or YYYY/YYYY',
    );
const code = () => csv.string(96).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case code');

export const INDICATORS_IMPORTER: DatasetImporter<Indicator> = {
  name: 'indicators',
  description: 'Published indicators: what is measured, with target and baseline.',
  target: Indicator,
  key: ['code'],
  columns: {
    code: {
      property: 'code',
      schema: code(),
      description: 'Indicator code (kebab-case), natural key',
      example: 'women-share-p-fs',
    },
    name: {
      property: 'name',
      schema: csv.string(255),
      description: 'Name (English)',
      example: 'Women share, P+ and FS',
    },
    description: {
      property: 'description',
      schema: csv.string(2000),
      description: 'What exactly is measured',
      example: 'Percentage of women ...',
    },
    outcome: {
      property: 'outcome',
      schema: csv.enumOf(Object.values(OutcomeArea)),
      description: 'diversity, agility, accountability or enablers',
      example: 'diversity',
    },
    subject: {
      property: 'subject',
      schema: code(),
      description: 'Subject (kebab-case)',
      example: 'gender-parity',
    },
    unit: {
      property: 'unit',
      schema: csv.enumOf(Object.values(IndicatorUnit)),
      description: 'percent, count, days, score, ratio, percentage-points, years or usd',
      example: 'percent',
    },
    target_min: {
      property: 'targetMin',
      schema: csv.optional(csv.number(-1e12, 1e12)),
      description: 'Target lower bound (optional)',
      example: '47',
    },
    target_max: {
      property: 'targetMax',
      schema: csv.optional(csv.number(-1e12, 1e12)),
      description: 'Target upper bound (optional)',
      example: '53',
    },
    target_year: {
      property: 'targetYear',
      schema: csv.optional(csv.int(1945, 2100)),
      description: 'Year the target is due (optional)',
      example: '2028',
    },
    target_source: {
      property: 'targetSource',
      schema: csv.optional(csv.string(255)),
      description: 'Where the target comes from (optional)',
      example: 'system-wide gender parity strategy',
    },
    baseline_period: {
      property: 'baselinePeriod',
      schema: csv.optional(period()),
      description: 'Baseline period (optional)',
      example: '2016',
    },
    baseline_value: {
      property: 'baselineValue',
      schema: csv.optional(csv.number(-1e12, 1e12)),
      description: 'Baseline value (optional)',
      example: '35.0',
    },
  },
  async check(_db, rows) {
    return rows
      .filter(
        ({ value }) =>
          value.targetMin !== null && value.targetMax !== null && value.targetMin > value.targetMax,
      )
      .map(({ line }) => ({ line, column: 'target_max', message: 'is below target_min' }));
  },
};

export const OBSERVATIONS_IMPORTER: DatasetImporter<IndicatorObservation> = {
  name: 'indicator-observations',
  description: 'Published figures: one row per indicator, period and document.',
  target: IndicatorObservation,
  key: ['indicatorCode', 'period', 'document'],
  columns: {
    indicator_code: {
      property: 'indicatorCode',
      schema: code(),
      description: 'Indicator code',
      example: 'women-share-p-fs',
    },
    period: {
      property: 'period',
      schema: period(),
      description: 'YYYY, YYYY-MM, YYYY-MM-DD or YYYY/YYYY',
      example: '2021',
    },
    value: {
      property: 'value',
      schema: csv.number(-1e12, 1e12),
      description: 'The figure (no % sign, no separators)',
      example: '42.2',
    },
    qualifier: {
      property: 'qualifier',
      schema: csv.enumOf(Object.values(Qualifier)),
      description: 'exact, more-than, less-than, about, at-least, up-to, to-date, peak or lowest',
      example: 'exact',
    },
    derived: {
      property: 'derived',
      schema: csv.bool(),
      description: 'Given only as a change from another figure',
      example: '0',
    },
    derivation: {
      property: 'derivation',
      schema: csv.optional(csv.string(512)),
      description: 'The arithmetic, for derived figures',
      example: '',
    },
    document: {
      property: 'document',
      schema: csv.string(32),
      description: 'Document symbol',
      example: 'A/77/590/Add.1',
    },
    paragraph: {
      property: 'paragraph',
      schema: csv
        .string(16)
        .regex(/^(\d+|summary|fn\d+)$/, 'must be a paragraph number, summary or fnN'),
      description: 'Paragraph number',
      example: '6',
    },
    quote: {
      property: 'quote',
      schema: csv.string(255),
      description: 'Verbatim fragment holding the figure',
      example: '女性占比达到 42.2%',
    },
  },
  async check(_db, rows) {
    const issues: RowIssue[] = [];
    for (const { line, value } of rows) {
      if (value.derived && !value.derivation)
        issues.push({ line, column: 'derivation', message: 'is required for a derived figure' });
    }
    return issues;
  },
};
