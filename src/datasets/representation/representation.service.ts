import { In } from 'typeorm';
import { NotFoundError } from '../../shared/errors';
import { runAggregate } from '../../shared/aggregation/aggregate-query';
import { inList } from '../../shared/aggregation/measures';
import type { Loaders } from '../../shared/loaders/loaders';
import { MemberState } from '../../dimensions/member-state/member-state.entity';
import {
  computeDesirableRanges,
  midpointPosition,
  representationStatus,
  type DesirableRange,
  type RepresentationStatus,
} from './desirable-range';
import { MemberStateInput } from './member-state-input.entity';
import { RangeParameters } from './range-parameters.entity';
import { RANGE_STAFF, RangeStaffDimension } from './representation.measures';

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
export function representationTable(loaders: Loaders, year: number): Promise<RepresentationTable> {
  return loaders
    .custom<number, RepresentationTable>('representation.table', (years) =>
      Promise.all(years.map((y) => computeTable(loaders, y).catch((error: Error) => error))),
    )
    .load(year);
}

async function computeTable(loaders: Loaders, year: number): Promise<RepresentationTable> {
  const { dataSource } = loaders;
  const [parameters, memberStates] = await Promise.all([
    dataSource.getRepository(RangeParameters).findOneBy({ year }),
    dataSource.getRepository(MemberState).find({ select: { iso3: true } }),
  ]);
  if (!parameters) {
    throw new NotFoundError(
      `No desirable-range parameters for ${year}; import them with \`reformgraph import desirable-range-parameters\`.`,
    );
  }
  const inputs = await dataSource
    .getRepository(MemberStateInput)
    .find({ where: { year, iso3: In(memberStates.map((m) => m.iso3)) }, order: { iso3: 'ASC' } });
  if (inputs.length !== memberStates.length) {
    throw new NotFoundError(
      `Desirable-range inputs for ${year} cover ${inputs.length} of ${memberStates.length} member states; ` +
        'import them with `reformgraph import member-state-inputs`.',
    );
  }
  const cells = await runAggregate(dataSource, RANGE_STAFF, {
    groupBy: [RangeStaffDimension.NATIONALITY],
    where: inList(RangeStaffDimension.YEAR, [year]),
    entityScope: loaders.principal.entityScope,
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
