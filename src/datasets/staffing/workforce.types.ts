import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EntityKind } from '../../dimensions/entity/secretariat-entity.entity';
import { GradeCategory } from '../../dimensions/grade/grade.entity';
import type { Condition } from '../../shared/aggregation/aggregate.definition';
import { inList, isFlag } from '../../shared/aggregation/measures';
import { ContractType, Gender } from './staff-year.entity';
import { WorkforceDimension } from './workforce.measures';

registerEnumType(WorkforceDimension, {
  name: 'WorkforceDimension',
  description: 'Dimensions a workforce aggregate can be grouped by.',
});

export enum AgeBand {
  UNDER_30 = 'UNDER_30',
  AGE_30_39 = 'AGE_30_39',
  AGE_40_49 = 'AGE_40_49',
  AGE_50_59 = 'AGE_50_59',
  AGE_60_PLUS = 'AGE_60_PLUS',
}
registerEnumType(AgeBand, { name: 'AgeBand', description: 'Age at 31 December.' });

@InputType({
  description: 'Restricts a workforce aggregate; lists are OR within a field, AND across fields.',
})
export class WorkforceFilter {
  @Field(() => [Int], { nullable: true })
  years?: number[];

  @Field(() => [String], { nullable: true })
  entityCodes?: string[];

  @Field(() => [EntityKind], { nullable: true })
  entityKinds?: EntityKind[];

  @Field(() => [String], { nullable: true })
  dutyStationCodes?: string[];

  @Field(() => [String], { nullable: true, description: 'ISO3 codes of duty-station countries.' })
  dutyStationCountries?: string[];

  @Field(() => [String], { nullable: true })
  gradeCodes?: string[];

  @Field(() => [GradeCategory], { nullable: true })
  gradeCategories?: GradeCategory[];

  @Field(() => [Gender], { nullable: true })
  genders?: Gender[];

  @Field(() => [String], { nullable: true, description: 'ISO3 codes of nationality.' })
  nationalities?: string[];

  @Field(() => [ContractType], { nullable: true })
  contractTypes?: ContractType[];

  @Field(() => [AgeBand], { nullable: true })
  ageBands?: AgeBand[];

  @Field(() => Boolean, { nullable: true })
  geographical?: boolean;

  @Field(() => Boolean, { nullable: true })
  ypp?: boolean;
}

export function workforceConditions(
  filter: WorkforceFilter | undefined | null,
): Condition<WorkforceDimension>[] {
  if (!filter) return [];
  const D = WorkforceDimension;
  return [
    ...inList(D.YEAR, filter.years),
    ...inList(D.ENTITY, filter.entityCodes),
    ...inList(D.ENTITY_KIND, filter.entityKinds),
    ...inList(D.DUTY_STATION, filter.dutyStationCodes),
    ...inList(D.DUTY_STATION_COUNTRY, filter.dutyStationCountries),
    ...inList(D.GRADE, filter.gradeCodes),
    ...inList(D.GRADE_CATEGORY, filter.gradeCategories),
    ...inList(D.GENDER, filter.genders),
    ...inList(D.NATIONALITY, filter.nationalities),
    ...inList(D.CONTRACT_TYPE, filter.contractTypes),
    ...inList(D.AGE_BAND, filter.ageBands),
    ...isFlag(D.GEOGRAPHICAL, filter.geographical),
    ...isFlag(D.YPP, filter.ypp),
  ];
}

@ObjectType({
  description:
    'One flat row of a workforce aggregate: the grouped dimensions (null when not grouped) and the measures. ' +
    'Measures are null when the cell is suppressed by disclosure control.',
})
export class WorkforceCell {
  @Field(() => Int, { nullable: true })
  year!: number | null;

  @Field(() => String, { nullable: true })
  entityCode!: string | null;

  @Field(() => EntityKind, { nullable: true })
  entityKind!: EntityKind | null;

  @Field(() => String, { nullable: true })
  dutyStationCode!: string | null;

  @Field(() => String, { nullable: true })
  dutyStationCountry!: string | null;

  @Field(() => String, { nullable: true })
  hardshipClass!: string | null;

  @Field(() => String, { nullable: true })
  gradeCode!: string | null;

  @Field(() => GradeCategory, { nullable: true })
  gradeCategory!: GradeCategory | null;

  @Field(() => Gender, { nullable: true })
  gender!: Gender | null;

  @Field(() => String, { nullable: true })
  nationality!: string | null;

  @Field(() => String, { nullable: true })
  nationalityRegion!: string | null;

  @Field(() => ContractType, { nullable: true })
  contractType!: ContractType | null;

  @Field(() => AgeBand, { nullable: true })
  ageBand!: AgeBand | null;

  @Field(() => Boolean, { nullable: true })
  geographical!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  ypp!: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Staff at 31 December.' })
  headcount!: number | null;

  @Field(() => Int, { nullable: true })
  women!: number | null;

  @Field(() => Int, { nullable: true })
  men!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Women as a percentage of the headcount (0-100).',
  })
  womenShare!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean age at 31 December, in years.' })
  averageAge!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Staff in posts subject to geographical distribution.',
  })
  geographicalStaff!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Staff recruited through the Young Professionals Programme.',
  })
  yppStaff!: number | null;

  @Field({ description: 'True when disclosure control hid this cell.' })
  suppressed!: boolean;

  @Field(() => String, { nullable: true })
  suppressionReason!: string | null;
}
