import {
  addDays,
  dayOfYear,
  daysBetween,
  importerFile,
  type DatasetGenerator,
  type GeneratorContext,
  type Random,
} from '../../shared/generator';
import {
  BLENDED_RESILIENCE,
  CAPACITY_BUILDING,
  D1_D2_COURSE_PARTICIPANTS,
  EXAM_PREP_COURSES,
  EXECUTIVE_CERTIFIED,
  FUNCTIONAL_ENROLMENTS,
  LANGUAGE_CLASS_SIZE,
  LANGUAGE_OFFERINGS,
  LAST_MONTH_DAY,
  MANDATORY_ENROLMENT_RATE,
  NEW_LEADERSHIP_BENEFICIARIES,
  NEW_LEADERSHIP_COURSES,
  RESILIENCE_END_USERS,
  RESILIENCE_TRAINERS,
  SENIOR_ONBOARDING,
  type CourseSpec,
} from './learning.calibration';
import { Delivery, EnrolmentStatus, OfficialLanguage, Programme } from './learning.enums';
import { COURSES_IMPORTER, ENROLMENTS_IMPORTER, OFFERINGS_IMPORTER } from './learning.importers';

type Cell = string | number | boolean | null;

const course = (
  code: string,
  programme: Programme,
  title: string,
  delivery: Delivery,
  modules: number,
  certifies = false,
): CourseSpec => ({ code, programme, title, delivery, modules, certifies });

const MANDATORY = [
  course(
    'MAN-ETHICS',
    Programme.MANDATORY,
    'Ethics and integrity at the United Nations',
    Delivery.ONLINE,
    4,
  ),
  course(
    'MAN-SH',
    Programme.MANDATORY,
    'Prevention of sexual harassment and abuse of authority',
    Delivery.ONLINE,
    3,
  ),
  course('MAN-INFOSEC', Programme.MANDATORY, 'Information security awareness', Delivery.ONLINE, 3),
];
const ONBOARDING_NEW = course(
  'ONB-NEW',
  Programme.ONBOARDING,
  'Onboarding for new staff',
  Delivery.ONLINE,
  5,
);
const ONBOARDING_SENIOR = course(
  'ONB-SENIOR',
  Programme.ONBOARDING,
  'Senior leadership onboarding',
  Delivery.BLENDED,
  6,
);
const EXECUTIVE = course(
  'LDR-EXEC',
  Programme.LEADERSHIP_AND_MANAGEMENT,
  'Executive programme on organizational governance and resource management',
  Delivery.IN_PERSON,
  10,
  true,
);
const D1_D2 = course(
  'LDR-D1D2',
  Programme.LEADERSHIP_AND_MANAGEMENT,
  'Specialized course for D-1 and D-2 staff (with the United Nations System Staff College)',
  Delivery.BLENDED,
  6,
);
const FUNCTIONAL = [
  course(
    'FUN-HR-CERT',
    Programme.FUNCTIONAL,
    'Online certification for human resources practitioners',
    Delivery.ONLINE,
    11,
    true,
  ),
  course(
    'FUN-PROC',
    Programme.FUNCTIONAL,
    'Procurement for staff with procurement functions',
    Delivery.ONLINE,
    7,
  ),
  course(
    'FUN-FIN',
    Programme.FUNCTIONAL,
    'Financial and physical resources management',
    Delivery.ONLINE,
    6,
  ),
];
const RES_TTT = course(
  'WB-RES-TTT',
  Programme.WELL_BEING,
  'Resilience: train the trainer',
  Delivery.IN_PERSON,
  4,
);
const RES_USERS = course(
  'WB-RES',
  Programme.WELL_BEING,
  'Resilience programme',
  Delivery.IN_PERSON,
  3,
);
const RES_BLENDED = course(
  'WB-RES-BL',
  Programme.WELL_BEING,
  'Resilience (blended)',
  Delivery.BLENDED,
  4,
);
const CAPACITY = course(
  'WB-CAP',
  Programme.WELL_BEING,
  'Stress management and coping',
  Delivery.ONLINE,
  2,
);

const LEVELS = [1, 2, 3, 4];
const DELIVERY_CODE: Readonly<Record<Delivery, string>> = {
  [Delivery.ONLINE]: 'ONL',
  [Delivery.IN_PERSON]: 'INP',
  [Delivery.BLENDED]: 'BLD',
};
const LANGUAGE_CODE: Readonly<Record<OfficialLanguage, string>> = {
  [OfficialLanguage.ARABIC]: 'AR',
  [OfficialLanguage.CHINESE]: 'ZH',
  [OfficialLanguage.ENGLISH]: 'EN',
  [OfficialLanguage.FRENCH]: 'FR',
  [OfficialLanguage.RUSSIAN]: 'RU',
  [OfficialLanguage.SPANISH]: 'ES',
};
/** Demand for each language (French and English lead, as in the Secretariat). */
const LANGUAGE_DEMAND: readonly (readonly [OfficialLanguage, number])[] = [
  [OfficialLanguage.FRENCH, 0.3],
  [OfficialLanguage.ENGLISH, 0.2],
  [OfficialLanguage.SPANISH, 0.2],
  [OfficialLanguage.ARABIC, 0.1],
  [OfficialLanguage.CHINESE, 0.1],
  [OfficialLanguage.RUSSIAN, 0.1],
];

/** Every language course: six languages x four levels x three deliveries. */
const LANGUAGE_COURSES: readonly CourseSpec[] = Object.values(OfficialLanguage).flatMap(
  (language) =>
    LEVELS.flatMap((level) =>
      Object.values(Delivery).map((delivery) => ({
        ...course(
          `LNG-${LANGUAGE_CODE[language]}-${level}-${DELIVERY_CODE[delivery]}`,
          Programme.LANGUAGE,
          `${language.charAt(0)}${language.slice(1).toLowerCase()}, level ${level}`,
          delivery,
          level + 3,
        ),
        language,
        level,
      })),
    ),
);
const EXAM_PREP: readonly CourseSpec[] = Array.from({ length: 6 }, (_, i) =>
  course(
    `LNG-EXAM-${i + 1}`,
    Programme.LANGUAGE,
    `Language proficiency examination: preparation ${i + 1}`,
    Delivery.ONLINE,
    2,
  ),
);

const ALL_COURSES: readonly CourseSpec[] = [
  ...MANDATORY,
  ONBOARDING_NEW,
  ONBOARDING_SENIOR,
  ...NEW_LEADERSHIP_COURSES,
  EXECUTIVE,
  D1_D2,
  ...FUNCTIONAL,
  ...LANGUAGE_COURSES,
  ...EXAM_PREP,
  RES_TTT,
  RES_USERS,
  RES_BLENDED,
  CAPACITY,
];

interface StaffMember {
  id: string;
  grade: string;
  gender: string;
}

const SENIOR = new Set(['USG', 'ASG', 'D-2', 'D-1']);
const MIDDLE = new Set(['P-3', 'P-4', 'P-5']);

/**
 * The learning catalogue, the sessions offered each year and the enrolments of each year's staff
 * (read from the staff-years already written). Calibrated counts are met exactly at scale 1:
 * language sessions (total and online), the D-1/D-2 course, senior onboarding, the executive
 * programme's certificates, the new leadership programmes' beneficiaries, the well-being figures.
 */
export const LEARNING_GENERATOR: DatasetGenerator = {
  async generate(context) {
    const random = context.random('learning');
    const { staff, firstYear } = await staffByYear(context);
    const scaled = (n: number | undefined) => Math.round((n ?? 0) * context.scale);
    const offerings: Record<string, Cell>[] = [];
    const enrolments: Record<string, Cell>[] = [];
    const last = Math.max(...context.years);
    for (const year of context.years) {
      const pool = staff.get(year) ?? [];
      if (pool.length === 0) continue;
      const lastDay = year === last ? `${year}-${LAST_MONTH_DAY}` : `${year}-12-31`;
      const span = daysBetween(`${year}-01-01`, lastDay);
      let sessions = 0;
      const offer = (spec: CourseSpec, n: number) => {
        for (let i = 0; i < n; i++)
          offerings.push({
            offering_id: `O${year}-${spec.code}-${++sessions}`,
            course_code: spec.code,
            year,
            starts_on: dayOfYear(year, random.int(0, span)),
          });
      };
      let sequence = 0;
      const enrol = (
        spec: CourseSpec,
        member: StaffMember,
        outcome: { complete: number; withdraw: number; certify?: boolean },
      ) => {
        const enrolled = dayOfYear(year, random.int(0, Math.max(0, span - 30)));
        const u = random.float();
        const status =
          u < outcome.complete
            ? EnrolmentStatus.COMPLETED
            : u < outcome.complete + outcome.withdraw
              ? EnrolmentStatus.WITHDRAWN
              : EnrolmentStatus.ENROLLED;
        const completed =
          status === EnrolmentStatus.COMPLETED
            ? addDays(enrolled, Math.min(random.int(1, 60), daysBetween(enrolled, lastDay)))
            : null;
        enrolments.push({
          enrolment_id: `E${year}-${String(++sequence).padStart(7, '0')}`,
          staff_id: member.id,
          year,
          course_code: spec.code,
          enrolled_on: enrolled,
          completed_on: completed,
          status,
          certified: status === EnrolmentStatus.COMPLETED && (outcome.certify ?? false),
        });
      };
      const among = (filter: (m: StaffMember) => boolean) => {
        const eligible = pool.filter(filter);
        return eligible.length > 0 ? eligible : pool;
      };
      const draw = (candidates: StaffMember[], n: number) => drawStaff(random, candidates, n);
      const completeAll = { complete: 1, withdraw: 0 };

      // Mandatory courses: a share of the year's staff takes each; most complete it.
      for (const spec of MANDATORY) {
        offer(spec, 1);
        for (const member of pool)
          if (random.chance(MANDATORY_ENROLMENT_RATE))
            enrol(spec, member, { complete: 0.9, withdraw: 0.03 });
      }
      // Onboarding: everyone whose first year in the data is this one (from the second year on).
      offer(ONBOARDING_NEW, 1);
      for (const member of pool)
        if (year > context.years[0] && firstYear.get(member.id) === year)
          enrol(ONBOARDING_NEW, member, { complete: 0.85, withdraw: 0.02 });
      // Senior onboarding, the executive programme and the D-1/D-2 course: senior staff.
      const senior = among((m) => SENIOR.has(m.grade));
      if (SENIOR_ONBOARDING[year]) {
        offer(ONBOARDING_SENIOR, 2);
        for (const m of draw(senior, scaled(SENIOR_ONBOARDING[year])))
          enrol(ONBOARDING_SENIOR, m, completeAll);
      }
      if (EXECUTIVE_CERTIFIED[year]) {
        offer(EXECUTIVE, 2);
        for (const m of draw(senior, scaled(EXECUTIVE_CERTIFIED[year])))
          enrol(EXECUTIVE, m, { ...completeAll, certify: true });
        // Some start it and do not finish that year.
        for (const m of draw(senior, scaled(8)))
          enrol(EXECUTIVE, m, { complete: 0, withdraw: 0.5 });
      }
      if (D1_D2_COURSE_PARTICIPANTS[year]) {
        offer(D1_D2, 1);
        const d = among((m) => m.grade === 'D-1' || m.grade === 'D-2');
        for (const m of draw(d, scaled(D1_D2_COURSE_PARTICIPANTS[year])))
          enrol(D1_D2, m, completeAll);
      }
      // The new leadership programmes: their beneficiaries complete one of them.
      if (NEW_LEADERSHIP_BENEFICIARIES[year]) {
        for (const spec of NEW_LEADERSHIP_COURSES) offer(spec, 4);
        const middle = among((m) => MIDDLE.has(m.grade) || m.grade === 'D-1');
        for (const m of draw(middle, scaled(NEW_LEADERSHIP_BENEFICIARIES[year]))) {
          const spec =
            m.gender === 'F' && random.chance(0.4)
              ? NEW_LEADERSHIP_COURSES[2]
              : random.pick(NEW_LEADERSHIP_COURSES.slice(0, 2));
          enrol(spec, m, completeAll);
        }
      }
      // Functional courses (the HR certification from 2021).
      for (const spec of FUNCTIONAL) {
        if (spec.code === 'FUN-HR-CERT' && year < 2021) continue;
        offer(spec, 2);
        for (const m of draw(pool, scaled(FUNCTIONAL_ENROLMENTS / FUNCTIONAL.length)))
          enrol(spec, m, { complete: 0.8, withdraw: 0.1, certify: spec.certifies });
      }
      // Language: sessions per calibration, each with a class of staff.
      const sessionsOf = LANGUAGE_OFFERINGS[year];
      if (sessionsOf) {
        const exam = scaled(EXAM_PREP_COURSES[year]);
        const online = scaled(sessionsOf.online) - exam;
        const classroom = scaled(sessionsOf.total) - scaled(sessionsOf.online);
        const languageSessions = (delivery: (i: number) => Delivery, n: number) => {
          for (let i = 0; i < n; i++) {
            const language = random.weighted(LANGUAGE_DEMAND);
            const level = random.weighted([
              [1, 0.4],
              [2, 0.3],
              [3, 0.2],
              [4, 0.1],
            ] as const);
            const spec = LANGUAGE_COURSES.find(
              (c) => c.language === language && c.level === level && c.delivery === delivery(i),
            );
            if (!spec) throw new Error(`no language course ${language} ${level}`);
            offer(spec, 1);
            for (const m of draw(
              pool,
              Math.max(1, Math.round(random.normal(LANGUAGE_CLASS_SIZE, 3))),
            ))
              enrol(spec, m, { complete: 0.7, withdraw: 0.2 });
          }
        };
        languageSessions(() => Delivery.ONLINE, online);
        languageSessions((i) => (i % 3 === 0 ? Delivery.BLENDED : Delivery.IN_PERSON), classroom);
        for (const spec of EXAM_PREP.slice(0, exam)) {
          offer(spec, 1);
          for (const m of draw(pool, scaled(40))) enrol(spec, m, { complete: 0.9, withdraw: 0.05 });
        }
      }
      // Well-being (para 37).
      const wellBeing: [CourseSpec, Readonly<Record<number, number>>][] = [
        [RES_TTT, RESILIENCE_TRAINERS],
        [RES_USERS, RESILIENCE_END_USERS],
        [RES_BLENDED, BLENDED_RESILIENCE],
        [CAPACITY, CAPACITY_BUILDING],
      ];
      for (const [spec, counts] of wellBeing) {
        if (!counts[year]) continue;
        offer(spec, 2);
        for (const m of draw(pool, scaled(counts[year]))) enrol(spec, m, completeAll);
      }
    }
    const courseRows = ALL_COURSES.map((c): Record<string, Cell> => ({
      code: c.code,
      programme: c.programme,
      title: c.title,
      language: c.language ?? null,
      level: c.level ?? null,
      delivery: c.delivery,
      modules: c.modules,
      certifies: c.certifies,
    }));
    return [
      importerFile(COURSES_IMPORTER, courseRows),
      importerFile(OFFERINGS_IMPORTER, offerings),
      importerFile(ENROLMENTS_IMPORTER, enrolments),
    ];
  },
};

/** `n` distinct staff where the pool allows (a small scale may repeat someone). */
function drawStaff(random: Random, candidates: readonly StaffMember[], n: number): StaffMember[] {
  if (n * 4 < candidates.length) {
    const chosen = new Set<StaffMember>();
    while (chosen.size < n) chosen.add(random.pick(candidates));
    return [...chosen];
  }
  const shuffled = random.shuffle([...candidates]);
  return Array.from({ length: n }, (_, i) => shuffled[i % shuffled.length]);
}

/** Each year's staff (id, grade, gender) and the first year each staff id appears. */
async function staffByYear(context: GeneratorContext) {
  const staff = new Map<number, StaffMember[]>();
  const firstYear = new Map<string, number>();
  for await (const row of context.eachCsvRow('staff-years')) {
    const year = Number(row.year);
    let list = staff.get(year);
    if (!list) staff.set(year, (list = []));
    list.push({ id: row.staff_id, grade: row.grade_code, gender: row.gender });
    const first = firstYear.get(row.staff_id);
    if (first === undefined || year < first) firstYear.set(row.staff_id, year);
  }
  return { staff, firstYear };
}
