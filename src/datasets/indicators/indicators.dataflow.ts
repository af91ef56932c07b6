import {
  TIME_PERIOD,
  UNIT_MEASURE,
  hubCodelist,
  hubConcept,
  humanize,
  sdmxPeriod,
  type ComponentDefinition,
  type SdmxDeclaration,
} from '../../shared/sdmx';
import { Qualifier } from './indicator-observation.entity';
import { IndicatorUnit, OutcomeArea } from './indicator.entity';

/** The report's outcome areas (sections II-V): the hub's SDMX category scheme. */
const OUTCOME_AREAS: Readonly<Record<keyof typeof OutcomeArea, string>> = {
  DIVERSITY: 'A diverse workforce (section II)',
  AGILITY: 'An agile, adaptable workforce (section III)',
  ACCOUNTABILITY: 'Accountability and conduct (section IV)',
  ENABLERS: 'Enablers of reform (section V)',
};

interface IndicatorRow {
  code: string;
  unit: string;
  target: { min: number | null; max: number | null; year: number | null } | null;
  series: { period: string; value: number; qualifier: string }[];
}

const fixedCodes = (values: Readonly<Record<string, string>>) => ({
  kind: 'fixed' as const,
  codes: Object.keys(values).map((id) => ({ id, name: humanize(id) })),
});
const uncoded = (id: string, name: string): ComponentDefinition => ({
  id,
  concept: hubConcept(id, name),
  codelist: null,
});

/**
 * Each published figure of the report as one dataflow: the indicator and the period as its key,
 * the unit, the report's qualifier and the target band as attributes.
 */
export const INDICATORS_SDMX: SdmxDeclaration = {
  categories: Object.entries(OUTCOME_AREAS).map(([id, name]) => ({ id, name })),
  dataflows: [
    {
      id: 'REFORM_INDICATORS',
      name: 'Human resources reform indicators (A/77/590/Add.1)',
      description:
        'Each published figure of the report, with its unit, qualifier and the target band it is measured against.',
      categories: Object.keys(OUTCOME_AREAS),
      dimensions: [
        {
          id: 'INDICATOR',
          concept: hubConcept('INDICATOR', 'Indicator'),
          codelist: hubCodelist('CL_INDICATOR', 'Indicators of A/77/590/Add.1', {
            kind: 'query',
            selection: 'indicators { code name }',
            read: (data) =>
              (data as { code: string; name: string }[]).map((i) => ({ id: i.code, name: i.name })),
          }),
        },
        TIME_PERIOD,
      ],
      attributes: [
        {
          ...UNIT_MEASURE,
          codelist: hubCodelist(
            'CL_INDICATOR_UNIT',
            'Units of the indicators',
            fixedCodes(IndicatorUnit),
          ),
        },
        {
          id: 'OBS_QUALIFIER',
          concept: hubConcept('OBS_QUALIFIER', 'How the report qualifies the figure'),
          codelist: hubCodelist(
            'CL_OBS_QUALIFIER',
            'Qualifiers of published figures',
            fixedCodes(Qualifier),
          ),
        },
        uncoded('TARGET_LOWER', 'Target band, lower bound'),
        uncoded('TARGET_UPPER', 'Target band, upper bound'),
        uncoded('TARGET_YEAR', 'Year the target is due'),
      ],
      totals: [],
      query: () => `query SdmxIndicators {
        indicators { code unit target { min max year } series { period value qualifier } }
      }`,
      observations(data) {
        return (data.indicators as IndicatorRow[]).flatMap((indicator) =>
          indicator.series.map((point) => ({
            key: [indicator.code, sdmxPeriod(point.period)],
            value: point.value,
            attributes: [
              indicator.unit,
              point.qualifier,
              indicator.target?.min ?? null,
              indicator.target?.max ?? null,
              indicator.target?.year ?? null,
            ],
          })),
        );
      },
    },
  ],
};
