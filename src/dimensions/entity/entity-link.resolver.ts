import { Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import type { RequestContext } from '../../shared/graph';
import { SecretariatEntity } from './secretariat-entity.entity';

/**
 * The `entity` field of a row type that carries an `entityCode` (a staff-year, a conduct case):
 * the entity it belongs to, batched (one lookup per request).
 */
export function entityLinkResolver<T extends { entityCode: string }>(
  rowType: ClassType<T>,
): ClassType {
  @Resolver(() => rowType)
  class EntityLinkResolver {
    @FieldResolver(() => SecretariatEntity, {
      nullable: true,
      description: 'The entity of this row.',
    })
    entity(@Root() row: T, @Ctx() ctx: RequestContext): Promise<SecretariatEntity | null> {
      return ctx.data.byKey(SecretariatEntity, 'code').load(row.entityCode);
    }
  }
  return EntityLinkResolver;
}
