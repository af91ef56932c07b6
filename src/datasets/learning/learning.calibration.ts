import { Delivery, OfficialLanguage, Programme } from './learning.enums';

/**
 * Calibration of the synthetic learning data (A/77/590/Add.1 paras 10-11, 23-25, 37). Published
 * figures are marked; the rest is assumed, consistent with them. Counts are at scale 1.
 */

/** The learning extract ends on this day of the last year (the report's "2022 (to August)"). */
export const LAST_MONTH_DAY = '08-31';

/** Language course sessions offered: total and online (para 11). */
export const LANGUAGE_OFFERINGS: Readonly<Record<number, { total: number; online: number }>> = {
  2016: { total: 470, online: 95 },
  2017: { total: 476, online: 104 },
  2018: { total: 479, online: 118 },
  2019: { total: 481, online: 130 }, // published: 481 courses, 130 online
  2020: { total: 402, online: 351 }, // published: 351 online
  2021: { total: 420, online: 300 },
  2022: { total: 378, online: 250 }, // published: 378 to August
};

/** The six online courses on language-examination techniques opened in 2021-2022 (para 11). */
export const EXAM_PREP_COURSES: Readonly<Record<number, number>> = { 2021: 3, 2022: 6 };

/** Staff enrolled per language course session, on average. */
export const LANGUAGE_CLASS_SIZE = 10;

export interface CourseSpec {
  code: string;
  programme: Programme;
  title: string;
  delivery: Delivery;
  modules: number;
  certifies: boolean;
  language?: OfficialLanguage;
  level?: number;
}

/** The three management and leadership programmes revised and launched in 2019-2020 (para 24). */
export const NEW_LEADERSHIP_COURSES: readonly CourseSpec[] = [
  {
    code: 'LDR-MDP',
    programme: Programme.LEADERSHIP_AND_MANAGEMENT,
    title: 'Management Development Programme',
    delivery: Delivery.BLENDED,
    modules: 8,
    certifies: false,
  },
  {
    code: 'LDR-UNLF',
    programme: Programme.LEADERSHIP_AND_MANAGEMENT,
    title: 'United Nations Leadership Framework: leading teams',
    delivery: Delivery.ONLINE,
    modules: 6,
    certifies: false,
  },
  {
    code: 'LDR-WOMEN',
    programme: Programme.LEADERSHIP_AND_MANAGEMENT,
    title: 'Leadership, Women and the United Nations',
    delivery: Delivery.BLENDED,
    modules: 5,
    certifies: false,
  },
];

/** Beneficiaries of those programmes per year: more than 1,300 in 2019-2022 (para 24). */
export const NEW_LEADERSHIP_BENEFICIARIES: Readonly<Record<number, number>> = {
  2019: 200,
  2020: 330,
  2021: 400,
  2022: 420,
};

/** Participants in the 2022 specialized course for D-1 and D-2 staff, with UNSSC (para 24). */
export const D1_D2_COURSE_PARTICIPANTS: Readonly<Record<number, number>> = { 2022: 71 };

/** Beneficiaries of senior leadership onboarding, launched in 2019: 48 to date (para 24). */
export const SENIOR_ONBOARDING: Readonly<Record<number, number>> = {
  2019: 10,
  2020: 12,
  2021: 14,
  2022: 12,
};

/** Senior leaders certified by the executive programme: more than 280 to date (para 25). */
export const EXECUTIVE_CERTIFIED: Readonly<Record<number, number>> = {
  2017: 40,
  2018: 45,
  2019: 50,
  2020: 45,
  2021: 55,
  2022: 55,
};

/** Well-being (para 37): resilience train-the-trainer, its end users, blended training, other activities. */
export const RESILIENCE_TRAINERS: Readonly<Record<number, number>> = {
  2017: 6,
  2018: 6,
  2019: 6,
  2020: 6,
  2021: 6,
  2022: 6,
}; // published: 36 mental health professionals trained
export const RESILIENCE_END_USERS: Readonly<Record<number, number>> = {
  2017: 420,
  2018: 520,
  2019: 600,
  2020: 560,
  2021: 640,
  2022: 674,
}; // published: 3,414 to date
export const BLENDED_RESILIENCE: Readonly<Record<number, number>> = {
  2020: 500,
  2021: 650,
  2022: 650,
}; // published: more than 1,760 staff
export const CAPACITY_BUILDING: Readonly<Record<number, number>> = {
  2021: 5200,
  2022: 4400,
}; // published: more than 9,500 participants in 2021-2022

/** Share of each year's staff enrolling in each mandatory course. */
export const MANDATORY_ENROLMENT_RATE = 0.35;
/** Functional courses: enrolments a year. */
export const FUNCTIONAL_ENROLMENTS = 1500;
