import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { In } from 'typeorm';
import type { RequestContext } from '../../shared/graph';
import { Course } from './course.entity';
import { Programme } from './learning.enums';

@Resolver(() => Course)
export class LearningCatalogueResolver {
  @Query(() => [Course], {
    description: 'The learning catalogue (reference data, open to every role), by programme.',
  })
  learningCourses(
    @Ctx() ctx: RequestContext,
    @Arg('programmes', () => [Programme], { nullable: true }) programmes?: Programme[],
  ): Promise<Course[]> {
    return ctx.data.find(Course, {
      where: programmes ? { programme: In(programmes) } : {},
      order: { code: 'ASC' },
    });
  }
}
