import { In } from 'typeorm';
import { MemberState } from '../../dimensions';
import { inList } from '../../shared/aggregation';
import type { DataAccess } from '../../shared/access';
import { NotFoundError } from '../../shared/errors';
import {
  computeDesirableRanges,
  midpointPosition,
  representationStatus,
  type DesirableRange,
  type RepresentationStatus,
} from '../staffing';
import { MemberStateInput } from './member-state-input.entity';
import { RangeParameters } from './range-parameters.entity';
import { RANGE_STAFF } from './representation.fact';
import { checkYears } from '../../shared/periods';

export interface StateRepresentation {
  year: number;
  iso3: string;
  staffCount: number;
  range: DesirableRange;
  status: RepresentationStatus;
  position: 'BELOW' | 'AT' | 'ABOVE';
  input: MemberStateInput;
}

export interface RepresentationTable {
  year: number;
  baseFigure: number;
  baseFigureFromData: boolean;
  parameters: RangeParameters;
  totalAssessmentRate: number;
  totalPopulation: number;
  states: Map<string, StateRepresentation>;
}

/**
 * The desirable-range table of a year: parameters and inputs from the reference tables, staff
 * counts by nationality through the aggregation engine (one GROUP BY), ranges and statuses from
 * the pure module. Memoised per request, so 193 `MemberState.representation` fields cost the
 * same three queries as one.
 */
export function representationTable(data: DataAccess, year: number): Promise<RepresentationTable> {
  checkYears('year', year);
  return data
    .batch<number, RepresentationTable>('representation.table', (years) =>
      Promise.all(years.map((y) => computeTable(data, y).catch((error: Error) => error))),
    )
    .load(year);
}

async function computeTable(data: DataAccess, year: number): Promise<RepresentationTable> {
  const [parameters, memberStates] = await Promise.all([
    data.findOneBy(RangeParameters, { year }),
    data.find(MemberState, { select: { iso3: true } }),
  ]);
  if (!parameters) {
    throw new NotFoundError(
      `No desirable-range parameters for ${year}; import them with \`reformgraph import desirable-range-parameters\`.`,
    );
  }
  const inputs = await data.find(MemberStateInput, {
    where: { year, iso3: In(memberStates.map((m) => m.iso3)) },
    order: { iso3: 'ASC' },
  });
  if (inputs.length !== memberStates.length) {
    throw new NotFoundError(
      `Desirable-range inputs for ${year} cover ${inputs.length} of ${memberStates.length} member states; ` +
        'import them with `reformgraph import member-state-inputs`.',
    );
  }
  const cells = await data.aggregate(RANGE_STAFF, {
    groupBy: ['NATIONALITY'],
    where: inList('YEAR', [year]),
  });
  const counts = new Map(cells.map((c) => [String(c.dimensions.nationality), c.units]));
  const counted = inputs.reduce((sum, input) => sum + (counts.get(input.iso3) ?? 0), 0);
  const baseFigure = parameters.baseFigure ?? counted;
  if (baseFigure <= 0)
    throw new NotFoundError(`No staff subject to geographical distribution in ${year}.`);
  const ranges = computeDesirableRanges(
    baseFigure,
    inputs.map((i) => ({
      iso3: i.iso3,
      assessmentRate: i.assessmentRate,
      population: i.population,
    })),
    {
      membershipWeight: parameters.membershipWeight,
      populationWeight: parameters.populationWeight,
      contributionWeight: parameters.contributionWeight,
      flexibility: parameters.flexibility,
      minHalfWidth: parameters.minHalfWidth,
      minUpperLimit: parameters.minUpperLimit,
    },
  );
  const states = new Map<string, StateRepresentation>();
  ranges.forEach((range, i) => {
    const staffCount = counts.get(range.iso3) ?? 0;
    states.set(range.iso3, {
      year,
      iso3: range.iso3,
      staffCount,
      range,
      status: representationStatus(staffCount, range),
      position: midpointPosition(staffCount, range),
      input: inputs[i],
    });
  });
  return {
    year,
    baseFigure,
    baseFigureFromData: parameters.baseFigure === null,
    parameters,
    totalAssessmentRate: inputs.reduce((s, i) => s + i.assessmentRate, 0),
    totalPopulation: inputs.reduce((s, i) => s + i.population, 0),
    states,
  };
}
