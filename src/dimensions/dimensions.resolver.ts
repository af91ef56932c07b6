import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { In, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { NotFoundError } from '../shared/errors';
import type { RequestContext } from '../shared/graph';
import { DutyStation } from './duty-station/duty-station.entity';
import { EntityKind, SecretariatEntity } from './entity/secretariat-entity.entity';
import { Grade, GradeCategory } from './grade/grade.entity';
import { MemberState } from './member-state/member-state.entity';

/** `{ column: In(values) }` for each list filter that was given. */
function whereIn<T extends ObjectLiteral>(
  filters: Partial<Record<keyof T & string, unknown[] | undefined | null>>,
): FindOptionsWhere<T> {
  const where: Record<string, unknown> = {};
  for (const [key, values] of Object.entries(filters))
    if (Array.isArray(values)) where[key] = In(values);
  return where as FindOptionsWhere<T>;
}

function found<T>(row: T | null, what: string): T {
  if (!row) throw new NotFoundError(`${what} not found.`);
  return row;
}

@Resolver(() => SecretariatEntity)
export class EntityResolver {
  @Query(() => [SecretariatEntity], { description: 'Secretariat entities, ordered by code.' })
  entities(
    @Ctx() ctx: RequestContext,
    @Arg('kinds', () => [EntityKind], { nullable: true }) kinds?: EntityKind[],
    @Arg('codes', () => [String], { nullable: true }) codes?: string[],
  ): Promise<SecretariatEntity[]> {
    return ctx.data.find(SecretariatEntity, {
      where: whereIn<SecretariatEntity>({ kind: kinds, code: codes }),
      order: { code: 'ASC' },
    });
  }

  @Query(() => SecretariatEntity, {
    description: 'One entity by code; NOT_FOUND if there is none.',
  })
  async entity(@Ctx() ctx: RequestContext, @Arg('code') code: string): Promise<SecretariatEntity> {
    return found(await ctx.data.byKey(SecretariatEntity, 'code').load(code), `Entity ${code}`);
  }

  @FieldResolver(() => SecretariatEntity, { nullable: true })
  parent(
    @Root() entity: SecretariatEntity,
    @Ctx() ctx: RequestContext,
  ): Promise<SecretariatEntity | null> | null {
    return entity.parentCode
      ? ctx.data.byKey(SecretariatEntity, 'code').load(entity.parentCode)
      : null;
  }
}

@Resolver(() => DutyStation)
export class DutyStationResolver {
  @Query(() => [DutyStation], { description: 'Duty stations, ordered by code.' })
  dutyStations(
    @Ctx() ctx: RequestContext,
    @Arg('countries', () => [String], { nullable: true, description: 'ISO3 codes.' })
    countries?: string[],
  ): Promise<DutyStation[]> {
    return ctx.data.find(DutyStation, {
      where: whereIn<DutyStation>({ countryIso3: countries }),
      order: { code: 'ASC' },
    });
  }

  @Query(() => DutyStation)
  async dutyStation(@Ctx() ctx: RequestContext, @Arg('code') code: string): Promise<DutyStation> {
    return found(await ctx.data.byKey(DutyStation, 'code').load(code), `Duty station ${code}`);
  }

  @FieldResolver(() => MemberState, {
    nullable: true,
    description: 'The member state, when the country is one.',
  })
  memberState(
    @Root() station: DutyStation,
    @Ctx() ctx: RequestContext,
  ): Promise<MemberState | null> {
    return ctx.data.byKey(MemberState, 'iso3').load(station.countryIso3);
  }
}

@Resolver(() => MemberState)
export class MemberStateResolver {
  @Query(() => [MemberState], { description: 'The 193 member states, ordered by ISO3 code.' })
  memberStates(
    @Ctx() ctx: RequestContext,
    @Arg('regions', () => [String], { nullable: true }) regions?: string[],
  ): Promise<MemberState[]> {
    return ctx.data.find(MemberState, {
      where: whereIn<MemberState>({ region: regions }),
      order: { iso3: 'ASC' },
    });
  }

  @Query(() => MemberState)
  async memberState(@Ctx() ctx: RequestContext, @Arg('iso3') iso3: string): Promise<MemberState> {
    return found(await ctx.data.byKey(MemberState, 'iso3').load(iso3), `Member state ${iso3}`);
  }
}

@Resolver(() => Grade)
export class GradeResolver {
  @Query(() => [Grade], { description: 'Grades from the most senior down.' })
  grades(
    @Ctx() ctx: RequestContext,
    @Arg('categories', () => [GradeCategory], { nullable: true }) categories?: GradeCategory[],
  ): Promise<Grade[]> {
    return ctx.data.find(Grade, {
      where: whereIn<Grade>({ category: categories }),
      order: { order: 'ASC' },
    });
  }
}
