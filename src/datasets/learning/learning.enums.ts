import { registerEnumType } from 'type-graphql';

/** The Secretariat's learning programmes; every course belongs to one. */
export enum Programme {
  LEADERSHIP_AND_MANAGEMENT = 'LEADERSHIP_AND_MANAGEMENT',
  LANGUAGE = 'LANGUAGE',
  MANDATORY = 'MANDATORY',
  ONBOARDING = 'ONBOARDING',
  FUNCTIONAL = 'FUNCTIONAL',
  WELL_BEING = 'WELL_BEING',
}
registerEnumType(Programme, {
  name: 'LearningProgramme',
  description: 'Learning programme a course belongs to.',
});

/**
 * How each programme is named in the measures derived for it (`mandatoryShare`): declared once,
 * the coverage measures are generated from it.
 */
export const PROGRAMME_FIELD: Readonly<Record<Programme, string>> = {
  [Programme.LEADERSHIP_AND_MANAGEMENT]: 'leadership',
  [Programme.LANGUAGE]: 'language',
  [Programme.MANDATORY]: 'mandatory',
  [Programme.ONBOARDING]: 'onboarding',
  [Programme.FUNCTIONAL]: 'functional',
  [Programme.WELL_BEING]: 'wellBeing',
};

export enum OfficialLanguage {
  ARABIC = 'ARABIC',
  CHINESE = 'CHINESE',
  ENGLISH = 'ENGLISH',
  FRENCH = 'FRENCH',
  RUSSIAN = 'RUSSIAN',
  SPANISH = 'SPANISH',
}
registerEnumType(OfficialLanguage, {
  name: 'OfficialLanguage',
  description: 'Official language of the United Nations taught by a language course.',
});

export enum Delivery {
  ONLINE = 'ONLINE',
  IN_PERSON = 'IN_PERSON',
  BLENDED = 'BLENDED',
}
registerEnumType(Delivery, { name: 'CourseDelivery', description: 'How a course is delivered.' });

export enum EnrolmentStatus {
  ENROLLED = 'ENROLLED',
  COMPLETED = 'COMPLETED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(EnrolmentStatus, {
  name: 'EnrolmentStatus',
  description: 'Where an enrolment stands: in progress, completed, or withdrawn.',
});
