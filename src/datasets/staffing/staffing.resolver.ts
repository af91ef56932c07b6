import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { DutyStation } from '../../dimensions/duty-station/duty-station.entity';
import { SecretariatEntity } from '../../dimensions/entity/secretariat-entity.entity';
import { MemberState } from '../../dimensions/member-state/member-state.entity';
import { flattenCell, runAggregate } from '../../shared/aggregation/aggregate-query';
import type { Condition } from '../../shared/aggregation/aggregate.definition';
import { inList } from '../../shared/aggregation/measures';
import type { RequestContext } from '../../server/context';
import { RECRUITMENT, RecruitmentDimension } from './recruitment.measures';
import { RecruitmentCell, RecruitmentFilter, recruitmentConditions } from './recruitment.types';
import { WORKFORCE, WorkforceDimension } from './workforce.measures';
import { WorkforceCell, WorkforceFilter, workforceConditions } from './workforce.types';

const yearCondition = <D extends string>(
  dimension: D,
  year: number | undefined | null,
): Condition<D>[] => (year === undefined || year === null ? [] : inList(dimension, [year]));

/** The workforce cell of one parent (entity, duty station, nationality), batched over parents. */
async function workforceOf(
  ctx: RequestContext,
  keyDimension: WorkforceDimension,
  key: string,
  year: number,
  filter: WorkforceFilter | undefined,
): Promise<WorkforceCell> {
  const loader = ctx.loaders.aggregateBy(WORKFORCE, keyDimension, {
    where: [...yearCondition(WorkforceDimension.YEAR, year), ...workforceConditions(filter)],
  });
  return flattenCell(await loader.load(key)) as unknown as WorkforceCell;
}

@Resolver()
export class StaffingQueryResolver {
  @Query(() => [WorkforceCell], {
    description:
      'Staff at 31 December as flat cells, grouped by the given dimensions. A stock: give `year` (or one year ' +
      'in the filter) or group by YEAR.',
  })
  async workforce(
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int, { nullable: true }) year?: number,
    @Arg('filter', () => WorkforceFilter, { nullable: true }) filter?: WorkforceFilter,
    @Arg('groupBy', () => [WorkforceDimension], { defaultValue: [] })
    groupBy: WorkforceDimension[] = [],
  ): Promise<WorkforceCell[]> {
    const cells = await runAggregate(ctx.dataSource, WORKFORCE, {
      groupBy,
      where: [...yearCondition(WorkforceDimension.YEAR, year), ...workforceConditions(filter)],
      entityScope: ctx.principal.entityScope,
      maxCells: ctx.config.maxAggregateCells,
    });
    return cells.map(flattenCell) as unknown as WorkforceCell[];
  }

  @Query(() => [RecruitmentCell], {
    description:
      'Completed recruitments (by year of selection) as flat cells. A flow: sums across years.',
  })
  async recruitment(
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int, { nullable: true }) year?: number,
    @Arg('filter', () => RecruitmentFilter, { nullable: true }) filter?: RecruitmentFilter,
    @Arg('groupBy', () => [RecruitmentDimension], { defaultValue: [] })
    groupBy: RecruitmentDimension[] = [],
  ): Promise<RecruitmentCell[]> {
    const cells = await runAggregate(ctx.dataSource, RECRUITMENT, {
      groupBy,
      where: [...yearCondition(RecruitmentDimension.YEAR, year), ...recruitmentConditions(filter)],
      entityScope: ctx.principal.entityScope,
      maxCells: ctx.config.maxAggregateCells,
    });
    return cells.map(flattenCell) as unknown as RecruitmentCell[];
  }
}

@Resolver(() => SecretariatEntity)
export class EntityStaffingResolver {
  @FieldResolver(() => WorkforceCell, {
    description: "This entity's staff at 31 December of `year`.",
  })
  async workforce(
    @Root() entity: SecretariatEntity,
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int) year: number,
    @Arg('filter', () => WorkforceFilter, { nullable: true }) filter?: WorkforceFilter,
  ): Promise<WorkforceCell> {
    return workforceOf(ctx, WorkforceDimension.ENTITY, entity.code, year, filter);
  }

  @FieldResolver(() => RecruitmentCell, {
    description:
      "This entity's completed recruitments: in `year`, or over every year when omitted.",
  })
  async recruitment(
    @Root() entity: SecretariatEntity,
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int, { nullable: true }) year?: number,
    @Arg('filter', () => RecruitmentFilter, { nullable: true }) filter?: RecruitmentFilter,
  ): Promise<RecruitmentCell> {
    const loader = ctx.loaders.aggregateBy(RECRUITMENT, RecruitmentDimension.ENTITY, {
      where: [...yearCondition(RecruitmentDimension.YEAR, year), ...recruitmentConditions(filter)],
    });
    return flattenCell(await loader.load(entity.code)) as unknown as RecruitmentCell;
  }
}

@Resolver(() => DutyStation)
export class DutyStationStaffingResolver {
  @FieldResolver(() => WorkforceCell, {
    description: 'Staff serving at this duty station on 31 December of `year`.',
  })
  async workforce(
    @Root() station: DutyStation,
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int) year: number,
    @Arg('filter', () => WorkforceFilter, { nullable: true }) filter?: WorkforceFilter,
  ): Promise<WorkforceCell> {
    return workforceOf(ctx, WorkforceDimension.DUTY_STATION, station.code, year, filter);
  }
}

@Resolver(() => MemberState)
export class MemberStateStaffingResolver {
  @FieldResolver(() => WorkforceCell, {
    description: 'Staff of this nationality on 31 December of `year`.',
  })
  async workforce(
    @Root() state: MemberState,
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int) year: number,
    @Arg('filter', () => WorkforceFilter, { nullable: true }) filter?: WorkforceFilter,
  ): Promise<WorkforceCell> {
    return workforceOf(ctx, WorkforceDimension.NATIONALITY, state.iso3, year, filter);
  }
}
