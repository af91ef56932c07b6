import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  Float,
  InputType,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { In, type FindOptionsWhere } from 'typeorm';
import type { RequestContext } from '../../shared/graph';
import { BadUserInputError, NotFoundError } from '../../shared/errors';
import { IndicatorObservation, Qualifier, Source } from './indicator-observation.entity';
import { assessStatus, IndicatorStatus } from './indicator-status';
import { Indicator, IndicatorBaseline, IndicatorTarget, OutcomeArea } from './indicator.entity';
import { byPeriod, yearOf } from './period';
import { computeForPeriod, yearsOf } from '../../shared/indicators';
import { FIRST_YEAR, LAST_YEAR } from '../../shared/periods';

@InputType()
export class IndicatorFilter {
  @Field(() => [String], { nullable: true })
  codes?: string[];

  @Field(() => [OutcomeArea], { nullable: true })
  outcomes?: OutcomeArea[];

  @Field(() => [String], { nullable: true, description: 'e.g. gender-parity, talent-acquisition' })
  subjects?: string[];

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only indicators a dataset can compute (or only those it cannot).',
  })
  computable?: boolean;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A published figure next to the same measure computed from the loaded data.',
})
export class ReconciliationRow {
  @Field()
  period!: string;

  @Field(() => Float)
  published!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Null when the data has nothing for the period (or it is suppressed).',
  })
  computed!: number | null;

  @Field(() => Float, { nullable: true, description: 'computed - published.' })
  difference!: number | null;

  @Field(() => Float)
  tolerance!: number;

  @Field({
    description:
      'The computed value is what the published figure says: within the tolerance of it, or beyond it for "more than", "at least", "less than", "up to".',
  })
  agrees!: boolean;

  @Field({ description: 'The published figure is itself derived from a stated change.' })
  publishedDerived!: boolean;
}

/** Whether a computed value bears out a published figure, read with its qualifier. */
function agrees(
  qualifier: Qualifier,
  published: number,
  computed: number | null,
  tolerance: number,
): boolean {
  if (computed === null) return false;
  switch (qualifier) {
    case Qualifier.MORE_THAN:
      return computed > published;
    case Qualifier.AT_LEAST:
      return computed >= published - tolerance;
    case Qualifier.LESS_THAN:
      return computed < published;
    case Qualifier.UP_TO:
      return computed <= published + tolerance;
    default:
      return Math.abs(computed - published) <= tolerance;
  }
}

@Resolver(() => IndicatorObservation)
export class ObservationResolver {
  @FieldResolver(() => Source)
  source(@Root() observation: IndicatorObservation): Source {
    return {
      document: observation.document,
      paragraph: observation.paragraph,
      quote: observation.quote,
    };
  }
}

@Resolver(() => Indicator)
export class IndicatorResolver {
  @Query(() => [Indicator], {
    description: 'Indicators published in A/77/590/Add.1, ordered by outcome area and code.',
  })
  async indicators(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => IndicatorFilter, { nullable: true }) filter?: IndicatorFilter,
  ): Promise<Indicator[]> {
    const where: FindOptionsWhere<Indicator> = {};
    if (filter?.codes) where.code = In(filter.codes);
    if (filter?.outcomes) where.outcome = In(filter.outcomes);
    if (filter?.subjects) where.subject = In(filter.subjects);
    const rows = await ctx.data.find(Indicator, { where, order: { outcome: 'ASC', code: 'ASC' } });
    if (filter?.computable === undefined || filter.computable === null) return rows;
    const computable = ctx.catalog.indicatorComputations;
    return rows.filter((row) => computable.has(row.code) === filter.computable);
  }

  @Query(() => Indicator, { description: 'One indicator by code; NOT_FOUND if there is none.' })
  async indicator(@Ctx() ctx: RequestContext, @Arg('code') code: string): Promise<Indicator> {
    const row = await ctx.data.byKey(Indicator, 'code').load(code);
    if (!row) throw new NotFoundError(`Indicator ${code} not found.`);
    return row;
  }

  @FieldResolver(() => [IndicatorObservation], {
    description: 'Every published figure, oldest period first.',
  })
  async series(
    @Root() indicator: Indicator,
    @Ctx() ctx: RequestContext,
  ): Promise<IndicatorObservation[]> {
    const rows = await ctx.data
      .groupedBy(IndicatorObservation, 'indicatorCode')
      .load(indicator.code);
    return [...rows].sort(byPeriod);
  }

  @FieldResolver(() => IndicatorObservation, {
    nullable: true,
    description: 'The figure for the most recent period.',
  })
  async latest(
    @Root() indicator: Indicator,
    @Ctx() ctx: RequestContext,
  ): Promise<IndicatorObservation | null> {
    const series = await this.series(indicator, ctx);
    return series[series.length - 1] ?? null;
  }

  @FieldResolver(() => IndicatorTarget, { nullable: true })
  target(@Root() indicator: Indicator): IndicatorTarget | null {
    if (indicator.targetMin === null && indicator.targetMax === null) return null;
    return {
      min: indicator.targetMin,
      max: indicator.targetMax,
      year: indicator.targetYear,
      source: indicator.targetSource,
    };
  }

  @FieldResolver(() => IndicatorBaseline, { nullable: true })
  baseline(@Root() indicator: Indicator): IndicatorBaseline | null {
    if (indicator.baselinePeriod === null || indicator.baselineValue === null) return null;
    return { period: indicator.baselinePeriod, value: indicator.baselineValue };
  }

  @FieldResolver(() => IndicatorStatus, {
    description: 'Status against the target, with the method used.',
  })
  async status(@Root() indicator: Indicator, @Ctx() ctx: RequestContext): Promise<IndicatorStatus> {
    const yearly = (await this.series(indicator, ctx)).flatMap((o) => {
      const year = yearOf(o.period);
      return year === null ? [] : [{ year, value: o.value }];
    });
    return assessStatus(yearly, this.target(indicator));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'How the data computes this indicator; null if it cannot.',
  })
  computationMethod(@Root() indicator: Indicator, @Ctx() ctx: RequestContext): string | null {
    return ctx.catalog.indicatorComputations.get(indicator.code)?.method ?? null;
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      'The indicator computed from the loaded data for a year period ("2021"), or a span ("2017/2021") where the indicator is a yearly average or total; null if not computable.',
  })
  async computed(
    @Root() indicator: Indicator,
    @Ctx() ctx: RequestContext,
    @Arg('period') period: string,
  ): Promise<number | null> {
    const years = yearsOf(period);
    if (!years || years.some((year) => year < FIRST_YEAR || year > LAST_YEAR))
      throw new BadUserInputError(
        `period must be a year (2021) or a span of years (2017/2021) between ${FIRST_YEAR} and ${LAST_YEAR}.`,
        'period',
      );
    const computation = ctx.catalog.indicatorComputations.get(indicator.code);
    return computation ? computeForPeriod(computation, ctx.data, period) : null;
  }

  @FieldResolver(() => [ReconciliationRow], {
    description:
      'Published and computed values side by side, for every yearly figure (and span, for yearly averages or totals); empty if not computable.',
  })
  async reconciliation(
    @Root() indicator: Indicator,
    @Ctx() ctx: RequestContext,
  ): Promise<ReconciliationRow[]> {
    const computation = ctx.catalog.indicatorComputations.get(indicator.code);
    if (!computation) return [];
    const computable = (await this.series(indicator, ctx)).filter((o) => {
      const years = yearsOf(o.period);
      return years !== null && (years.length === 1 || computation.computeSpan !== undefined);
    });
    return Promise.all(
      computable.map(async (o) => {
        const computed = await computeForPeriod(computation, ctx.data, o.period);
        // Two decimal figures: their difference without binary noise (42.1 - 42.2 is -0.1).
        const difference = computed === null ? null : Number((computed - o.value).toFixed(6));
        return {
          period: o.period,
          published: o.value,
          computed,
          difference,
          tolerance: computation.tolerance,
          agrees: agrees(o.qualifier, o.value, computed, computation.tolerance),
          publishedDerived: o.derived,
        };
      }),
    );
  }
}
