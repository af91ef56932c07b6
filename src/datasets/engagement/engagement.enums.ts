import { registerEnumType } from 'type-graphql';

/** Grade bands as the survey asks them (coarser than grades, so small groups stay anonymous). */
export enum GradeBand {
  SENIOR = 'SENIOR',
  PROFESSIONAL = 'PROFESSIONAL',
  FIELD_SERVICE = 'FIELD_SERVICE',
  NATIONAL_PROFESSIONAL = 'NATIONAL_PROFESSIONAL',
  GENERAL_SERVICE = 'GENERAL_SERVICE',
}
registerEnumType(GradeBand, {
  name: 'GradeBand',
  description:
    'SENIOR: D-1 and above; PROFESSIONAL: P-1 to P-5; FIELD_SERVICE; NATIONAL_PROFESSIONAL; GENERAL_SERVICE.',
});

export enum RespondentGender {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  NOT_DISCLOSED = 'NOT_DISCLOSED',
}
registerEnumType(RespondentGender, {
  name: 'RespondentGender',
  description: 'Gender as self-reported in the survey.',
});

export enum RespondentAgeBand {
  UNDER_30 = 'UNDER_30',
  AGE_30_39 = 'AGE_30_39',
  AGE_40_49 = 'AGE_40_49',
  AGE_50_59 = 'AGE_50_59',
  AGE_60_PLUS = 'AGE_60_PLUS',
}
registerEnumType(RespondentAgeBand, { name: 'RespondentAgeBand' });

export enum DutyStationType {
  HEADQUARTERS = 'HEADQUARTERS',
  OFFICE_AWAY_FROM_HEADQUARTERS = 'OFFICE_AWAY_FROM_HEADQUARTERS',
  FIELD = 'FIELD',
}
registerEnumType(DutyStationType, {
  name: 'DutyStationType',
  description:
    'HEADQUARTERS: New York; OFFICE_AWAY_FROM_HEADQUARTERS: other offices and commissions; FIELD: missions.',
});

/** Self-identification with a disability; the 2017 wave did not ask. */
export enum DisabilityIdentification {
  YES = 'YES',
  NO = 'NO',
  NOT_ASKED = 'NOT_ASKED',
}
registerEnumType(DisabilityIdentification, {
  name: 'DisabilityIdentification',
  description: 'Self-identification as a person with a disability (NOT_ASKED before 2019).',
});

export const disabilityIdentification = (disability: boolean | null): DisabilityIdentification =>
  disability === null
    ? DisabilityIdentification.NOT_ASKED
    : disability
      ? DisabilityIdentification.YES
      : DisabilityIdentification.NO;
