import { importerFile, type CsvCell, type DatasetGenerator, seedCsv } from '../../shared/generator';
import { MEMBER_STATE_INPUTS_IMPORTER } from './representation.importers';

export const SYNTHETIC_INPUTS_SOURCE =
  'synthetic (reformgraph generator): not official figures; import the scale of assessments and UN population ' +
  'estimates with `reformgraph import member-state-inputs`';

/** The scale of assessments is set for three years at a time. */
const SCALE_PERIOD_START = (year: number) => year - ((year - 2016) % 3);

/**
 * Desirable-range inputs. The parameters are the published rules (seeds/representation). The
 * member states' assessment rates and populations are not shipped with the project (no complete
 * open copy could be read here), so they are generated, plausible in shape (a few large
 * contributors, a long tail at the 0.001% floor; populations spread over five orders of
 * magnitude) and labelled synthetic in every row.
 */
export const REPRESENTATION_GENERATOR: DatasetGenerator = {
  async generate(context) {
    const states = await context.readCsv('member-states');
    const random = context.random('member-state-inputs');
    const baseRate = new Map(states.map((s) => [s.iso3, Math.exp(random.normal(-2.2, 2.1))]));
    const basePopulation = new Map(
      states.map((s) => [s.iso3, Math.round(Math.exp(random.normal(15.9, 1.6)))]),
    );
    const rows: Record<string, CsvCell>[] = [];
    for (const year of context.years) {
      const period = SCALE_PERIOD_START(year);
      const drift = context.random(`member-state-inputs:${period}`);
      const raw = states.map((s) => baseRate.get(s.iso3)! * Math.exp(drift.normal(0, 0.1)));
      const rates = normaliseRates(raw);
      states.forEach((s, i) => {
        const population = Math.round(basePopulation.get(s.iso3)! * 1.011 ** (year - 2016));
        rows.push({
          iso3: s.iso3,
          year,
          assessment_rate: rates[i],
          population,
          source: SYNTHETIC_INPUTS_SOURCE,
        });
      });
    }
    return [
      await seedCsv(
        'representation',
        'desirable-range-parameters.csv',
        'desirable-range-parameters',
      ),
      importerFile(MEMBER_STATE_INPUTS_IMPORTER, rows),
    ];
  },
};

/** Rates in percent summing to 100, with the scale's floor (0.001) and ceiling (22). */
function normaliseRates(raw: number[]): number[] {
  let rates = raw.map((r) => (r / raw.reduce((a, b) => a + b, 0)) * 100);
  for (let i = 0; i < 20; i++) {
    rates = rates.map((r) => Math.min(22, Math.max(0.001, r)));
    const sum = rates.reduce((a, b) => a + b, 0);
    const free = rates.filter((r) => r > 0.001 && r < 22).reduce((a, b) => a + b, 0);
    const scale = (100 - (sum - free)) / free;
    rates = rates.map((r) => (r > 0.001 && r < 22 ? r * scale : r));
  }
  // Three decimals, as the scale is published.
  return rates.map((r) => Math.round(Math.min(22, Math.max(0.001, r)) * 1000) / 1000);
}
