import { csv, type DatasetImporter } from '../../shared/import';
import { MemberStateInput } from './member-state-input.entity';
import { RangeParameters } from './range-parameters.entity';

export const MEMBER_STATE_INPUTS_IMPORTER: DatasetImporter<MemberStateInput> = {
  name: 'member-state-inputs',
  description:
    'Desirable-range inputs per member state and year: scale-of-assessment rate and population.',
  target: MemberStateInput,
  key: ['iso3', 'year'],
  columns: {
    iso3: {
      property: 'iso3',
      schema: csv.iso3(),
      description: 'Member state (ISO3)',
      example: 'KEN',
    },
    year: { property: 'year', schema: csv.int(1945, 2100), description: 'Year', example: '2021' },
    assessment_rate: {
      property: 'assessmentRate',
      schema: csv.number(0, 100),
      description: 'Scale of assessments, percent',
      example: '0.024',
    },
    population: {
      property: 'population',
      schema: csv.number(0, 1e10),
      description: 'Population',
      example: '53771300',
    },
    source: {
      property: 'source',
      schema: csv.string(255),
      description: 'Source of both figures ("synthetic" for generated)',
      example: 'A/RES/73/271; UN WPP 2022',
    },
  },
};

export const RANGE_PARAMETERS_IMPORTER: DatasetImporter<RangeParameters> = {
  name: 'desirable-range-parameters',
  description: 'Parameters of the system of desirable ranges, per year.',
  target: RangeParameters,
  key: ['year'],
  columns: {
    year: { property: 'year', schema: csv.int(1945, 2100), description: 'Year', example: '2021' },
    base_figure: {
      property: 'baseFigure',
      schema: csv.optional(csv.int(1, 1_000_000)),
      description: 'Fixed base figure; empty = count from the staffing data',
      example: '',
    },
    membership_weight: {
      property: 'membershipWeight',
      schema: csv.number(0, 1),
      description: 'Membership factor weight',
      example: '0.40',
    },
    population_weight: {
      property: 'populationWeight',
      schema: csv.number(0, 1),
      description: 'Population factor weight',
      example: '0.05',
    },
    contribution_weight: {
      property: 'contributionWeight',
      schema: csv.number(0, 1),
      description: 'Contribution factor weight',
      example: '0.55',
    },
    flexibility: {
      property: 'flexibility',
      schema: csv.number(0, 1),
      description: 'Range half-width as a fraction of the midpoint',
      example: '0.15',
    },
    min_half_width: {
      property: 'minHalfWidth',
      schema: csv.number(0, 1000),
      description: 'Minimum half-width, posts',
      example: '4.8',
    },
    min_upper_limit: {
      property: 'minUpperLimit',
      schema: csv.number(0, 1000),
      description: 'Minimum upper limit, posts',
      example: '14',
    },
    source: {
      property: 'source',
      schema: csv.string(255),
      description: 'Where the parameters come from',
      example: 'GA resolution 42/220 A',
    },
  },
  async check(_db, rows) {
    return rows
      .filter(
        ({ value }) =>
          Math.abs(value.membershipWeight + value.populationWeight + value.contributionWeight - 1) >
          1e-9,
      )
      .map(({ line }) => ({
        line,
        column: 'contribution_weight',
        message: 'the three weights must add up to 1',
      }));
  },
};
