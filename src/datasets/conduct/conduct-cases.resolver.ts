import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Role } from '../../shared/auth';
import { defineRowList } from '../../shared/facts';
import type { RequestContext } from '../../shared/graph';
import { ConductCase } from './conduct-case.entity';
import { CONDUCT } from './conduct.facts';
import { DisciplinaryMeasure } from './disciplinary-measure.entity';

/** Conduct and discipline cases as rows: the conduct role only, within the token's scope. */
export const CONDUCT_CASES = defineRowList({
  name: 'conductCases',
  typeName: 'ConductCase',
  description:
    'Conduct and discipline cases (role CONDUCT; limited to the token entity scope), filtered like `conduct` (`years` is the year received). Ordered by case id.',
  entity: ConductCase,
  fact: CONDUCT,
  order: ['caseId'],
  roles: [Role.CONDUCT],
});

/** The measures of a case row. */
@Resolver(() => ConductCase)
export class ConductCaseResolver {
  @FieldResolver(() => [DisciplinaryMeasure], {
    description: 'Disciplinary measures imposed in the case (batched).',
  })
  measures(@Root() row: ConductCase, @Ctx() ctx: RequestContext): Promise<DisciplinaryMeasure[]> {
    return ctx.data.groupedBy(DisciplinaryMeasure, 'caseId').load(row.caseId);
  }
}
