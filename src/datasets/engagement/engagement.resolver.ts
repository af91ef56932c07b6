import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  Float,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { filterConditions, type FactFilter, flattenCell } from '../../shared/aggregation';
import { dimensionEntries, type DimensionDefinition, type FlatCell } from '../../shared/facts';
import { factGraph, type RequestContext } from '../../shared/graph';
import { BadUserInputError } from '../../shared/errors';
import { ENGAGEMENT } from './engagement.fact';
import { PARTICIPANTS } from './participants.fact';
import { Question } from './question.entity';
import { Wave } from './wave.entity';

const graph = factGraph(ENGAGEMENT);

@ObjectType('EngagementTrendPoint', {
  simpleResolvers: true,
  description:
    'One cell of one wave, with the change of its favourable share since the previous wave.',
})
class TrendPoint {
  @Field(() => Int)
  wave!: number;

  @Field(() => graph.cell)
  cell!: FlatCell;

  @Field(() => Float, {
    nullable: true,
    description: 'Favourable share minus that of the same cell in the previous wave (points).',
  })
  favourableChange!: number | null;
}

@Resolver(() => Wave)
export class EngagementWaveResolver {
  @Query(() => [Wave], { description: 'The waves of the staff engagement survey, oldest first.' })
  engagementWaves(@Ctx() ctx: RequestContext): Promise<Wave[]> {
    return ctx.data.find(Wave, { order: { year: 'ASC' } });
  }

  @FieldResolver(() => Int, {
    description: 'Participants (exact: the Organization publishes them).',
  })
  async participants(@Root() wave: Wave, @Ctx() ctx: RequestContext): Promise<number | null> {
    const cell = await ctx.data
      .aggregateBy(PARTICIPANTS, 'WAVE', [], { declared: true })
      .load(wave.year);
    return cell.measures.participants;
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Participants / invited × 100.' })
  async responseRate(@Root() wave: Wave, @Ctx() ctx: RequestContext): Promise<number | null> {
    const participants = await this.participants(wave, ctx);
    return participants === null || wave.invited === 0 ? null : (participants / wave.invited) * 100;
  }

  @FieldResolver(() => [Question])
  async questions(@Root() wave: Wave, @Ctx() ctx: RequestContext): Promise<Question[]> {
    const rows = await ctx.data.groupedBy(Question, 'wave').load(wave.year);
    return [...rows].sort((a, b) => a.code.localeCompare(b.code));
  }
}

@Resolver()
export class EngagementTrendResolver {
  @Query(() => [TrendPoint], {
    description:
      'Engagement cells of every wave (or of the waves in the filter), grouped as asked, with the change of the favourable share from one wave to the next.',
  })
  async engagementTrend(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => graph.filter, { nullable: true }) filter?: FactFilter,
    @Arg('groupBy', () => [graph.dimensionEnum], { defaultValue: [] }) groupBy: string[] = [],
  ): Promise<TrendPoint[]> {
    if (groupBy.includes('WAVE'))
      throw new BadUserInputError('engagementTrend groups by WAVE itself.', 'groupBy');
    const cells = await ctx.data.aggregate(ENGAGEMENT, {
      groupBy: ['WAVE', ...groupBy],
      where: filterConditions(ENGAGEMENT, filter),
    });
    const dimensions = new Map<string, DimensionDefinition>(dimensionEntries(ENGAGEMENT));
    const fields = groupBy.map((key) => dimensions.get(key)?.field ?? key);
    const keyOf = (cell: FlatCell) => JSON.stringify(fields.map((f) => cell[f]));
    const previous = new Map<string, number | null>();
    return cells
      .map(flattenCell)
      .sort((a, b) => Number(a.wave) - Number(b.wave))
      .map((cell) => {
        const key = keyOf(cell);
        const before = previous.get(key);
        const favourable = typeof cell.favourable === 'number' ? cell.favourable : null;
        previous.set(key, favourable);
        return {
          wave: Number(cell.wave),
          cell,
          favourableChange:
            favourable === null || before === undefined || before === null
              ? null
              : favourable - before,
        };
      });
  }
}
