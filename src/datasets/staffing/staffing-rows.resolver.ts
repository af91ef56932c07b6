import { Arg, Args, Authorized, Ctx, ObjectType, Query, Resolver } from 'type-graphql';
import { filterConditions, type FactFilter } from '../../shared/aggregation';
import { factGraph, type RequestContext } from '../../shared/graph';
import { Connection, ConnectionArgs, type ConnectionShape } from '../../shared/pagination';
import { JobOpening } from './job-opening.entity';
import { RECRUITMENT } from './recruitment.fact';
import { StaffYear } from './staff-year.entity';
import { WORKFORCE } from './workforce.fact';

@ObjectType({ simpleResolvers: true })
export class StaffYearConnection extends Connection(StaffYear, 'StaffYear') {}

@ObjectType({ simpleResolvers: true })
export class JobOpeningConnection extends Connection(JobOpening, 'JobOpening') {}

/** Job openings as rows include those still open, so the recruitment base condition is dropped. */
const JOB_OPENING_ROWS = { ...RECRUITMENT, baseWhere: undefined };

@Resolver(() => StaffYear)
export class StaffYearResolver {
  @Authorized()
  @Query(() => StaffYearConnection, {
    description:
      'Staff-year records (role HR; limited to the token entity scope). Ordered by year, staff id.',
  })
  async staffRecords(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => factGraph(WORKFORCE).filter, { nullable: true }) filter?: FactFilter,
  ): Promise<ConnectionShape<StaffYear>> {
    const where = filterConditions(WORKFORCE, filter);
    return ctx.data.rows(StaffYear, WORKFORCE, where, ['year', 'staffId'], args);
  }
}

@Resolver(() => JobOpening)
export class JobOpeningResolver {
  @Authorized()
  @Query(() => JobOpeningConnection, {
    description:
      'Job openings, open and filled (role HR; limited to the token entity scope). `years` filters on the year of selection.',
  })
  async jobOpenings(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => factGraph(RECRUITMENT).filter, { nullable: true }) filter?: FactFilter,
  ): Promise<ConnectionShape<JobOpening>> {
    const where = filterConditions(JOB_OPENING_ROWS, filter);
    return ctx.data.rows(JobOpening, JOB_OPENING_ROWS, where, ['jobOpeningId'], args);
  }
}
