import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum EntityKind {
  DEPARTMENT = 'DEPARTMENT',
  OFFICE = 'OFFICE',
  OFFICE_AWAY_FROM_HEADQUARTERS = 'OFFICE_AWAY_FROM_HEADQUARTERS',
  REGIONAL_COMMISSION = 'REGIONAL_COMMISSION',
  PROGRAMME = 'PROGRAMME',
  TRIBUNAL = 'TRIBUNAL',
  PEACEKEEPING_OPERATION = 'PEACEKEEPING_OPERATION',
  SPECIAL_POLITICAL_MISSION = 'SPECIAL_POLITICAL_MISSION',
  OTHER = 'OTHER',
}
registerEnumType(EntityKind, {
  name: 'EntityKind',
  description: 'What kind of Secretariat entity this is.',
});

/** A Secretariat entity (department, office, commission, mission ...). GraphQL type `Entity`. */
@ObjectType('Entity', {
  simpleResolvers: true,
  description: 'A Secretariat entity: department, office, regional commission, mission, ...',
})
@Entity({ name: 'dim_entity' })
export class SecretariatEntity {
  @Field({ description: 'Natural key, e.g. DESA, UNMISS.' })
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code!: string;

  @Field()
  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Field(() => EntityKind)
  @Index('ix_dim_entity_kind')
  @Column({ type: 'varchar', length: 40 })
  kind!: EntityKind;

  @Field(() => String, { nullable: true, description: 'Code of the parent entity, if any.' })
  @Column({ name: 'parent_code', type: 'varchar', length: 32, nullable: true })
  parentCode!: string | null;
}
