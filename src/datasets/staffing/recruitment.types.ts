import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EntityKind } from '../../dimensions/entity/secretariat-entity.entity';
import { GradeCategory } from '../../dimensions/grade/grade.entity';
import type { Condition } from '../../shared/aggregation/aggregate.definition';
import { inList, isFlag } from '../../shared/aggregation/measures';
import { RecruitmentDimension } from './recruitment.measures';
import { Gender } from './staff-year.entity';

registerEnumType(RecruitmentDimension, {
  name: 'RecruitmentDimension',
  description:
    'Dimensions a recruitment aggregate can be grouped by. YEAR is the year of selection.',
});

@InputType({
  description: 'Restricts a recruitment aggregate; lists are OR within a field, AND across fields.',
})
export class RecruitmentFilter {
  @Field(() => [Int], { nullable: true, description: 'Years of selection.' })
  years?: number[];

  @Field(() => Int, { nullable: true, description: 'First year of selection (inclusive).' })
  yearFrom?: number;

  @Field(() => Int, { nullable: true, description: 'Last year of selection (inclusive).' })
  yearTo?: number;

  @Field(() => [String], { nullable: true })
  entityCodes?: string[];

  @Field(() => [EntityKind], { nullable: true })
  entityKinds?: EntityKind[];

  @Field(() => [String], { nullable: true })
  dutyStationCodes?: string[];

  @Field(() => [String], { nullable: true })
  gradeCodes?: string[];

  @Field(() => [GradeCategory], { nullable: true })
  gradeCategories?: GradeCategory[];

  @Field(() => Boolean, { nullable: true })
  rosterBased?: boolean;
}

export function recruitmentConditions(
  filter: RecruitmentFilter | undefined | null,
): Condition<RecruitmentDimension>[] {
  if (!filter) return [];
  const D = RecruitmentDimension;
  return [
    ...inList(D.YEAR, filter.years),
    ...(filter.yearFrom != null
      ? [{ dimension: D.YEAR, op: 'gte' as const, values: [filter.yearFrom] }]
      : []),
    ...(filter.yearTo != null
      ? [{ dimension: D.YEAR, op: 'lte' as const, values: [filter.yearTo] }]
      : []),
    ...inList(D.ENTITY, filter.entityCodes),
    ...inList(D.ENTITY_KIND, filter.entityKinds),
    ...inList(D.DUTY_STATION, filter.dutyStationCodes),
    ...inList(D.GRADE, filter.gradeCodes),
    ...inList(D.GRADE_CATEGORY, filter.gradeCategories),
    ...isFlag(D.ROSTER_BASED, filter.rosterBased),
  ];
}

@ObjectType({
  description:
    'One flat row of a recruitment aggregate (completed recruitments, by year of selection). ' +
    'Recruitments are a flow: cells over several years add them up.',
})
export class RecruitmentCell {
  @Field(() => Int, { nullable: true })
  year!: number | null;

  @Field(() => String, { nullable: true })
  entityCode!: string | null;

  @Field(() => EntityKind, { nullable: true })
  entityKind!: EntityKind | null;

  @Field(() => String, { nullable: true })
  dutyStationCode!: string | null;

  @Field(() => String, { nullable: true })
  gradeCode!: string | null;

  @Field(() => GradeCategory, { nullable: true })
  gradeCategory!: GradeCategory | null;

  @Field(() => Boolean, { nullable: true })
  rosterBased!: boolean | null;

  @Field(() => Gender, { nullable: true })
  selectedGender!: Gender | null;

  @Field(() => Int, { nullable: true, description: 'Job openings filled (selection made).' })
  recruitments!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean days from posting to selection.' })
  averageDaysToRecruit!: number | null;

  @Field(() => Int, { nullable: true })
  applicants!: number | null;

  @Field(() => Float, { nullable: true })
  applicantsPerOpening!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Women as a percentage of applicants (0-100).',
  })
  womenApplicantShare!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Percentage of selections made from rosters.',
  })
  rosterShare!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Women as a percentage of selected candidates.',
  })
  womenSelectedShare!: number | null;

  @Field(() => Float, { nullable: true })
  averageDaysPostingToDeadline!: number | null;

  @Field(() => Float, { nullable: true })
  averageDaysDeadlineToAssessment!: number | null;

  @Field(() => Float, { nullable: true })
  averageDaysAssessmentToInterview!: number | null;

  @Field(() => Float, { nullable: true })
  averageDaysInterviewToEndorsement!: number | null;

  @Field(() => Float, { nullable: true })
  averageDaysEndorsementToSelection!: number | null;

  @Field()
  suppressed!: boolean;

  @Field(() => String, { nullable: true })
  suppressionReason!: string | null;
}
