import {
  addDays,
  dayOfYear,
  daysBetween,
  importerFile,
  type DatasetGenerator,
  type GeneratorContext,
  type Random,
} from '../../shared/generator';
import { CASES_CLOSED, CASES_RECEIVED, MEASURES, SEPARATIONS } from './conduct.calibration';
import {
  CaseOutcome,
  CaseStatus,
  DisciplinaryMeasureType,
  MisconductCategory,
  ReferralSource,
} from './conduct.enums';
import { CASES_IMPORTER, MEASURES_IMPORTER } from './conduct.importers';

/** Entities are weighted by their staff in this year (the middle of the span). */
const WEIGHTING_YEAR = 2019;

const CATEGORIES: readonly (readonly [MisconductCategory, number])[] = [
  [MisconductCategory.FRAUD_AND_FINANCIAL, 0.3],
  [MisconductCategory.SEXUAL_EXPLOITATION_AND_ABUSE, 0.12],
  [MisconductCategory.SEXUAL_HARASSMENT, 0.1],
  [MisconductCategory.HARASSMENT_AND_ABUSE_OF_AUTHORITY, 0.16],
  [MisconductCategory.MISUSE_OF_OFFICE_OR_RESOURCES, 0.2],
  [MisconductCategory.OTHER, 0.12],
];

const SOURCES: readonly (readonly [ReferralSource, number])[] = [
  [ReferralSource.OIOS, 0.7],
  [ReferralSource.MANAGER, 0.15],
  [ReferralSource.STAFF_MEMBER, 0.1],
  [ReferralSource.OTHER, 0.05],
];

/** Closed cases that did not end in a disciplinary measure. */
const OTHER_OUTCOMES: readonly (readonly [CaseOutcome, number])[] = [
  [CaseOutcome.ADMINISTRATIVE_MEASURE, 0.35],
  [CaseOutcome.NO_FURTHER_ACTION, 0.5],
  [CaseOutcome.SEPARATED_BEFORE_CONCLUSION, 0.15],
];

const LESSER_MEASURES: readonly (readonly [DisciplinaryMeasureType, number])[] = [
  [DisciplinaryMeasureType.WRITTEN_CENSURE, 0.3],
  [DisciplinaryMeasureType.LOSS_OF_STEPS, 0.2],
  [DisciplinaryMeasureType.DEFERMENT_OF_INCREMENT, 0.08],
  [DisciplinaryMeasureType.SUSPENSION_WITHOUT_PAY, 0.1],
  [DisciplinaryMeasureType.FINE, 0.17],
  [DisciplinaryMeasureType.DEFERMENT_OF_PROMOTION, 0.08],
  [DisciplinaryMeasureType.DEMOTION, 0.07],
];

type Cell = string | number | null;

interface SyntheticCase {
  id: string;
  entity: string;
  received: string;
  closed: string | null;
  outcome: CaseOutcome | null;
}

/**
 * Conduct cases and disciplinary measures calibrated to para 33: per year received, exactly
 * round(n x scale) cases and of them round(closed x scale) closed by the end of the data;
 * per year imposed, exactly round(measures x scale) measures, round(separations x scale) of them
 * separating. Entities are drawn in proportion to their staff; a measure is imposed on the day
 * its case closes, one per case.
 */
export const CONDUCT_GENERATOR: DatasetGenerator = {
  async generate(context) {
    const random = context.random('conduct');
    const entities = await staffByEntity(context);
    const lastDay = `${Math.max(...context.years)}-12-31`;
    const cases: SyntheticCase[] = [];
    for (const year of context.years) {
      const received = Math.round((CASES_RECEIVED[year] ?? 0) * context.scale);
      const closed = Math.min(received, Math.round((CASES_CLOSED[year] ?? 0) * context.scale));
      const dates = Array.from({ length: received }, () => dayOfYear(year, random.int(0, 364)));
      dates.sort();
      // The earliest received are the ones closed, so a late year's closures fit before the end.
      const closing = new Set(random.shuffle([...Array(received).keys()]).slice(0, closed));
      dates.forEach((date, i) => {
        cases.push({
          id: `C${year}-${String(i + 1).padStart(4, '0')}`,
          entity: random.weighted(entities),
          received: date,
          closed: closing.has(i) ? closingDate(random, date, lastDay) : null,
          outcome: null,
        });
      });
    }
    const measureRows: Record<string, Cell>[] = [];
    for (const year of context.years) {
      const closedInYear = random.shuffle(cases.filter((c) => c.closed?.startsWith(`${year}-`)));
      const measures = Math.min(
        closedInYear.length,
        Math.round((MEASURES[year] ?? 0) * context.scale),
      );
      const separations = Math.min(measures, Math.round((SEPARATIONS[year] ?? 0) * context.scale));
      closedInYear.forEach((c, i) => {
        if (i >= measures) {
          c.outcome = random.weighted(OTHER_OUTCOMES);
          return;
        }
        c.outcome = CaseOutcome.DISCIPLINARY_MEASURE;
        const type =
          i < separations
            ? random.chance(0.55)
              ? DisciplinaryMeasureType.SEPARATION_FROM_SERVICE
              : DisciplinaryMeasureType.DISMISSAL
            : random.weighted(LESSER_MEASURES);
        measureRows.push({
          measure_id: `M-${c.id}`,
          case_id: c.id,
          entity_code: c.entity,
          imposed_on: c.closed,
          measure_type: type,
        });
      });
    }
    // Random draws in this order (category, then source), as the files have always had them.
    const caseRows = cases.map((c): Record<string, Cell> => ({
      case_id: c.id,
      entity_code: c.entity,
      received_on: c.received,
      closed_on: c.closed,
      category: random.weighted(CATEGORIES),
      status: c.closed ? CaseStatus.CLOSED : CaseStatus.OPEN,
      outcome: c.outcome,
      referral_source: random.weighted(SOURCES),
    }));
    measureRows.sort((a, b) => String(a.measure_id).localeCompare(String(b.measure_id)));
    return [importerFile(CASES_IMPORTER, caseRows), importerFile(MEASURES_IMPORTER, measureRows)];
  },
};

/** Days to close skewed like real investigations (median about five months), within the data. */
function closingDate(random: Random, received: string, lastDay: string): string {
  const days = Math.min(700, Math.max(21, Math.round(Math.exp(random.normal(5, 0.45)))));
  const left = daysBetween(received, lastDay);
  return addDays(received, days <= left ? days : random.int(Math.min(14, left), left));
}

/** Entity codes weighted by their staff in the weighting year (every entity with staff). */
async function staffByEntity(context: GeneratorContext): Promise<[string, number][]> {
  const staff = new Map<string, number>();
  for await (const row of context.eachCsvRow('staff-years')) {
    if (Number(row.year) !== WEIGHTING_YEAR) continue;
    staff.set(row.entity_code, (staff.get(row.entity_code) ?? 0) + 1);
  }
  return [...staff.entries()].sort(([a], [b]) => a.localeCompare(b));
}
