import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { MemberState } from '../../dimensions';
import { BadUserInputError } from '../../shared/errors';
import { checkYears } from '../../shared/periods';
import type { RequestContext } from '../../shared/graph';
import {
  representationTable,
  type RepresentationTable,
  type StateRepresentation,
} from './representation.service';
import {
  DesirableRangeYear,
  MemberStateRepresentation,
  MidpointPosition,
  RepresentationStatusKind,
  RepresentationSummaryRow,
} from './representation.types';

const ORDER = [
  RepresentationStatusKind.WITHIN_RANGE,
  RepresentationStatusKind.UNDER_REPRESENTED,
  RepresentationStatusKind.UNREPRESENTED,
  RepresentationStatusKind.OVER_REPRESENTED,
];

function toRepresentation(state: StateRepresentation): MemberStateRepresentation {
  return {
    year: state.year,
    iso3: state.iso3,
    staffCount: state.staffCount,
    membershipPosts: state.range.membershipPosts,
    populationPosts: state.range.populationPosts,
    contributionPosts: state.range.contributionPosts,
    lowerLimit: state.range.lowerLimit,
    midpoint: state.range.midpoint,
    upperLimit: state.range.upperLimit,
    status: state.status as RepresentationStatusKind,
    midpointPosition: state.position as MidpointPosition,
    inputs: state.input,
  };
}

export function summarise(table: RepresentationTable): RepresentationSummaryRow[] {
  const states = [...table.states.values()];
  return ORDER.map((status) => {
    const matching = states.filter((s) => s.status === status);
    const within = status === RepresentationStatusKind.WITHIN_RANGE;
    const below = matching.filter((s) => s.position === 'BELOW').length;
    return {
      year: table.year,
      status,
      count: matching.length,
      belowMidpoint: within ? below : null,
      atOrAboveMidpoint: within ? matching.length - below : null,
    };
  });
}

@Resolver(() => MemberState)
export class MemberStateRepresentationResolver {
  @FieldResolver(() => MemberStateRepresentation, {
    description:
      'Desirable range and status of this member state in `year` (system of desirable ranges).',
  })
  async representation(
    @Root() state: MemberState,
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int) year: number,
  ): Promise<MemberStateRepresentation | null> {
    const row = (await representationTable(ctx.data, year)).states.get(state.iso3);
    return row ? toRepresentation(row) : null;
  }
}

@Resolver()
export class RepresentationQueryResolver {
  @Query(() => [RepresentationSummaryRow], {
    description:
      'Number of member states by representation status in a year (within range split by midpoint).',
  })
  async representationSummary(
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int) year: number,
  ): Promise<RepresentationSummaryRow[]> {
    return summarise(await representationTable(ctx.data, year));
  }

  @Query(() => [RepresentationSummaryRow], {
    description: 'representationSummary for every year of a span.',
  })
  async representationTrend(
    @Ctx() ctx: RequestContext,
    @Arg('yearFrom', () => Int) yearFrom: number,
    @Arg('yearTo', () => Int) yearTo: number,
  ): Promise<RepresentationSummaryRow[]> {
    checkYears('yearFrom', yearFrom);
    checkYears('yearTo', yearTo);
    if (yearTo < yearFrom || yearTo - yearFrom > 50) {
      throw new BadUserInputError('yearTo must be from yearFrom to yearFrom + 50.', 'yearTo');
    }
    const years = Array.from({ length: yearTo - yearFrom + 1 }, (_, i) => yearFrom + i);
    const tables = await Promise.all(years.map((y) => representationTable(ctx.data, y)));
    return tables.flatMap(summarise);
  }

  @Query(() => DesirableRangeYear, {
    description: 'Base figure, parameters and totals behind every range of a year.',
  })
  async desirableRangeInputs(
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int) year: number,
  ): Promise<DesirableRangeYear> {
    const table = await representationTable(ctx.data, year);
    return {
      year,
      baseFigure: table.baseFigure,
      baseFigureFromData: table.baseFigureFromData,
      parameters: table.parameters,
      memberStates: table.states.size,
      totalAssessmentRate: table.totalAssessmentRate,
      totalPopulation: table.totalPopulation,
    };
  }
}
