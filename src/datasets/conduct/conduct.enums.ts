import { registerEnumType } from 'type-graphql';

export enum MisconductCategory {
  FRAUD_AND_FINANCIAL = 'FRAUD_AND_FINANCIAL',
  SEXUAL_EXPLOITATION_AND_ABUSE = 'SEXUAL_EXPLOITATION_AND_ABUSE',
  SEXUAL_HARASSMENT = 'SEXUAL_HARASSMENT',
  HARASSMENT_AND_ABUSE_OF_AUTHORITY = 'HARASSMENT_AND_ABUSE_OF_AUTHORITY',
  MISUSE_OF_OFFICE_OR_RESOURCES = 'MISUSE_OF_OFFICE_OR_RESOURCES',
  OTHER = 'OTHER',
}
registerEnumType(MisconductCategory, {
  name: 'MisconductCategory',
  description: 'Category of the alleged misconduct.',
});

export enum CaseStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(CaseStatus, { name: 'ConductCaseStatus', description: 'Open or closed.' });

export enum CaseOutcome {
  DISCIPLINARY_MEASURE = 'DISCIPLINARY_MEASURE',
  ADMINISTRATIVE_MEASURE = 'ADMINISTRATIVE_MEASURE',
  NO_FURTHER_ACTION = 'NO_FURTHER_ACTION',
  SEPARATED_BEFORE_CONCLUSION = 'SEPARATED_BEFORE_CONCLUSION',
}
registerEnumType(CaseOutcome, {
  name: 'ConductCaseOutcome',
  description: 'How a closed case ended.',
});

export enum ReferralSource {
  OIOS = 'OIOS',
  MANAGER = 'MANAGER',
  STAFF_MEMBER = 'STAFF_MEMBER',
  OTHER = 'OTHER',
}
registerEnumType(ReferralSource, {
  name: 'ConductReferralSource',
  description: 'Who referred the case for disciplinary review.',
});

/** The disciplinary measures of staff rule 10.2 (a). */
export enum DisciplinaryMeasureType {
  WRITTEN_CENSURE = 'WRITTEN_CENSURE',
  LOSS_OF_STEPS = 'LOSS_OF_STEPS',
  DEFERMENT_OF_INCREMENT = 'DEFERMENT_OF_INCREMENT',
  SUSPENSION_WITHOUT_PAY = 'SUSPENSION_WITHOUT_PAY',
  FINE = 'FINE',
  DEFERMENT_OF_PROMOTION = 'DEFERMENT_OF_PROMOTION',
  DEMOTION = 'DEMOTION',
  SEPARATION_FROM_SERVICE = 'SEPARATION_FROM_SERVICE',
  DISMISSAL = 'DISMISSAL',
}
registerEnumType(DisciplinaryMeasureType, {
  name: 'DisciplinaryMeasureType',
  description: 'Disciplinary measure of staff rule 10.2 (a).',
});

/** The measures that end employment (the report's "dismissal or separation"). */
export const SEPARATING_MEASURES: readonly DisciplinaryMeasureType[] = [
  DisciplinaryMeasureType.SEPARATION_FROM_SERVICE,
  DisciplinaryMeasureType.DISMISSAL,
];
