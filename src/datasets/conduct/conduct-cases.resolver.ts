import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { filterConditions, type FactFilter } from '../../shared/aggregation';
import { factGraph, type RequestContext } from '../../shared/graph';
import { Connection, ConnectionArgs, type ConnectionShape } from '../../shared/pagination';
import { ConductCase } from './conduct-case.entity';
import { CONDUCT } from './conduct.facts';
import { DisciplinaryMeasure } from './disciplinary-measure.entity';

@ObjectType({ simpleResolvers: true })
export class ConductCaseConnection extends Connection(ConductCase, 'ConductCase') {}

@Resolver(() => ConductCase)
export class ConductCaseResolver {
  @Authorized()
  @Query(() => ConductCaseConnection, {
    description:
      'Conduct and discipline cases (role CONDUCT; limited to the token entity scope), filtered like `conduct` (`years` is the year received). Ordered by case id.',
  })
  async conductCases(
    @Ctx() ctx: RequestContext,
    @Args() args: ConnectionArgs,
    @Arg('filter', () => factGraph(CONDUCT).filter, { nullable: true }) filter?: FactFilter,
  ): Promise<ConnectionShape<ConductCase>> {
    const where = filterConditions(CONDUCT, filter);
    return ctx.data.rows(ConductCase, CONDUCT, where, ['caseId'], args);
  }

  @FieldResolver(() => [DisciplinaryMeasure], {
    description: 'Disciplinary measures imposed in the case (batched).',
  })
  measures(@Root() row: ConductCase, @Ctx() ctx: RequestContext): Promise<DisciplinaryMeasure[]> {
    return ctx.data.groupedBy(DisciplinaryMeasure, 'caseId').load(row.caseId);
  }
}
