import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@ObjectType({
  simpleResolvers: true,
  description: 'A member state of the United Nations.',
})
@Entity({ name: 'dim_member_state' })
export class MemberState {
  @Field({ description: 'ISO 3166-1 alpha-3 code (natural key).' })
  @PrimaryColumn({ type: 'varchar', length: 3 })
  iso3!: string;

  @Field()
  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Field({ description: 'United Nations regional group, e.g. African Group.' })
  @Column({ name: 'regional_group', type: 'varchar', length: 64 })
  regionalGroup!: string;

  @Field({ description: 'Geographic region (UN M49), e.g. Africa, Americas.' })
  @Column({ type: 'varchar', length: 32 })
  region!: string;

  @Field({ description: 'Geographic sub-region (UN M49), e.g. Western Africa.' })
  @Column({ type: 'varchar', length: 64 })
  subregion!: string;
}
