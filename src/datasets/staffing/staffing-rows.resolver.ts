import { Arg, Args, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { dialectOf } from '../../db/dialect';
import { SecretariatEntity } from '../../dimensions/entity/secretariat-entity.entity';
import { applyConditions } from '../../shared/aggregation/aggregate-query';
import type { Condition, FactDefinition } from '../../shared/aggregation/aggregate.definition';
import { Role, requireRole } from '../../shared/auth/principal';
import {
  Connection,
  ConnectionArgs,
  pageWindow,
  toConnection,
  type ConnectionShape,
} from '../../shared/pagination/connection';
import type { RequestContext } from '../../server/context';
import { JobOpening } from './job-opening.entity';
import { RECRUITMENT } from './recruitment.measures';
import { RecruitmentFilter, recruitmentConditions } from './recruitment.types';
import { StaffYear } from './staff-year.entity';
import { WORKFORCE } from './workforce.measures';
import { WorkforceFilter, workforceConditions } from './workforce.types';

@ObjectType()
export class StaffYearConnection extends Connection(StaffYear, 'StaffYear') {}

@ObjectType()
export class JobOpeningConnection extends Connection(JobOpening, 'JobOpening') {}

/** Job openings as rows include those still open, so the recruitment base condition is dropped. */
const JOB_OPENING_ROWS: FactDefinition = { ...RECRUITMENT, baseWhere: undefined };

async function page<T extends ObjectLiteral, D extends string>(
  ctx: RequestContext,
  qb: SelectQueryBuilder<T>,
  fact: FactDefinition<D>,
  conditions: Condition<D>[],
  order: string[],
  args: ConnectionArgs,
): Promise<ConnectionShape<T>> {
  const { offset, limit } = pageWindow(args, ctx.config.maxPageSize);
  applyConditions(
    qb as SelectQueryBuilder<ObjectLiteral>,
    fact,
    conditions,
    ctx.principal.entityScope,
    dialectOf(ctx.dataSource),
  );
  order.forEach((column, i) =>
    i === 0 ? qb.orderBy(column, 'ASC') : qb.addOrderBy(column, 'ASC'),
  );
  const [rows, totalCount] = await qb.skip(offset).take(limit).getManyAndCount();
  return toConnection(rows, totalCount, offset);
}

@Resolver(() => StaffYear)
export class StaffYearResolver {
  @Query(() => StaffYearConnection, {
    description:
      'Staff-year records (role HR; limited to the token entity scope). Ordered by year, staff id.',
  })
  async staffRecords(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => WorkforceFilter, { nullable: true }) filter?: WorkforceFilter,
  ): Promise<ConnectionShape<StaffYear>> {
    requireRole(ctx.principal, [Role.HR], 'staffRecords');
    const qb = ctx.dataSource.getRepository(StaffYear).createQueryBuilder('f');
    return page(ctx, qb, WORKFORCE, workforceConditions(filter), ['f.year', 'f.staffId'], args);
  }

  @FieldResolver(() => SecretariatEntity, { nullable: true })
  entity(@Root() row: StaffYear, @Ctx() ctx: RequestContext): Promise<SecretariatEntity | null> {
    return ctx.loaders.byKey(SecretariatEntity, 'code').load(row.entityCode);
  }
}

@Resolver(() => JobOpening)
export class JobOpeningResolver {
  @Query(() => JobOpeningConnection, {
    description:
      'Job openings, open and filled (roles ANALYST, HR). `years` filters on the year of selection.',
  })
  async jobOpenings(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => RecruitmentFilter, { nullable: true }) filter?: RecruitmentFilter,
  ): Promise<ConnectionShape<JobOpening>> {
    requireRole(ctx.principal, [Role.ANALYST, Role.HR], 'jobOpenings');
    const qb = ctx.dataSource.getRepository(JobOpening).createQueryBuilder('f');
    return page(ctx, qb, JOB_OPENING_ROWS, recruitmentConditions(filter), ['f.jobOpeningId'], args);
  }

  @FieldResolver(() => SecretariatEntity, { nullable: true })
  entity(@Root() row: JobOpening, @Ctx() ctx: RequestContext): Promise<SecretariatEntity | null> {
    return ctx.loaders.byKey(SecretariatEntity, 'code').load(row.entityCode);
  }
}
