import {
  importerFile,
  type CsvCell,
  type DatasetGenerator,
  type GeneratorContext,
  type Random,
} from '../../shared/generator';
import {
  ANSWERS_IMPORTER,
  QUESTIONS_IMPORTER,
  RESPONDENTS_IMPORTER,
  WAVES_IMPORTER,
} from './engagement.importers';
import {
  DISABILITY_SHARE,
  EMPOWERMENT_DIMENSION,
  EMPOWERMENT_GAP,
  PARTICIPANTS,
  QUESTIONS,
  SKIP_RATE,
  WAVES,
  type WaveYear,
} from './engagement.calibration';
import {
  DutyStationType,
  GradeBand,
  RespondentAgeBand,
  RespondentGender,
} from './engagement.enums';

interface SyntheticRespondent {
  id: string;
  entity: string;
  gradeBand: GradeBand;
  gender: RespondentGender;
  ageBand: RespondentAgeBand;
  disability: boolean | null;
  stationType: DutyStationType;
  /** How favourably this respondent tends to answer (entity climate plus personal). */
  disposition: number;
}

const MISSION_KINDS = new Set(['PEACEKEEPING_OPERATION', 'SPECIAL_POLITICAL_MISSION']);

function gradeBand(grade: string): GradeBand {
  if (['USG', 'ASG', 'D-2', 'D-1'].includes(grade)) return GradeBand.SENIOR;
  if (grade.startsWith('P-')) return GradeBand.PROFESSIONAL;
  if (grade.startsWith('FS-')) return GradeBand.FIELD_SERVICE;
  if (grade.startsWith('NO-')) return GradeBand.NATIONAL_PROFESSIONAL;
  return GradeBand.GENERAL_SERVICE;
}

function ageBand(age: number): RespondentAgeBand {
  if (age < 30) return RespondentAgeBand.UNDER_30;
  if (age < 40) return RespondentAgeBand.AGE_30_39;
  if (age < 50) return RespondentAgeBand.AGE_40_49;
  if (age < 60) return RespondentAgeBand.AGE_50_59;
  return RespondentAgeBand.AGE_60_PLUS;
}

/**
 * The staff engagement survey: for each wave, respondents drawn from that year's synthetic staff
 * (so the survey's mix of entities, grades, genders and ages follows staffing), and their
 * answers. Each question's favourable share is met exactly (the respondents most favourably
 * disposed answer 4 or 5), so the published figures hold at any scale, up to rounding.
 */
export const ENGAGEMENT_GENERATOR: DatasetGenerator = {
  async generate(context) {
    const kinds = new Map((await context.readCsv('entities')).map((e) => [e.code, e.kind]));
    const staff = await staffOfWaveYears(context);
    const random = context.random('engagement');
    const entityClimate = new Map([...kinds.keys()].map((code) => [code, random.normal(0, 0.35)]));
    const respondents = new Map<WaveYear, SyntheticRespondent[]>();
    const invited = new Map<WaveYear, number>();
    for (const wave of WAVES) {
      const pool = staff.get(wave) ?? [];
      invited.set(wave, pool.length);
      respondents.set(
        wave,
        drawRespondents(
          wave,
          pool,
          kinds,
          entityClimate,
          context.scale,
          context.random(`engagement:${wave}`),
        ),
      );
    }
    return [
      importerFile(
        WAVES_IMPORTER,
        WAVES.map((wave) => ({ year: wave, invited: invited.get(wave) ?? 0 })),
      ),
      importerFile(
        QUESTIONS_IMPORTER,
        WAVES.flatMap((wave) =>
          QUESTIONS.map((q) => ({ wave, code: q.code, text: q.text, dimension: q.dimension })),
        ),
      ),
      importerFile(
        RESPONDENTS_IMPORTER,
        WAVES.flatMap((wave) =>
          (respondents.get(wave) ?? []).map((r) => ({
            wave,
            respondent_id: r.id,
            entity_code: r.entity,
            grade_band: r.gradeBand,
            gender: r.gender,
            age_band: r.ageBand,
            disability: r.disability,
            duty_station_type: r.stationType,
          })),
        ),
      ),
      importerFile(
        ANSWERS_IMPORTER,
        answerRows(respondents, (wave) => context.random(`engagement:answers:${wave}`)),
      ),
    ];
  },
};

interface StaffRow {
  entity: string;
  station: string;
  grade: string;
  gender: string;
  age: number;
}

/** The staff of the wave years, read row by row from the staffing file. */
async function staffOfWaveYears(context: GeneratorContext): Promise<Map<WaveYear, StaffRow[]>> {
  const staff = new Map<WaveYear, StaffRow[]>(WAVES.map((wave) => [wave, []]));
  for await (const row of context.eachCsvRow('staff-years')) {
    const year = Number(row.year);
    const list = staff.get(year as WaveYear);
    if (!list) continue;
    list.push({
      entity: row.entity_code,
      station: row.duty_station_code,
      grade: row.grade_code,
      gender: row.gender,
      age: year - Number(row.birth_year),
    });
  }
  return staff;
}

function drawRespondents(
  wave: WaveYear,
  pool: readonly StaffRow[],
  kinds: ReadonlyMap<string, string>,
  climate: ReadonlyMap<string, number>,
  scale: number,
  random: Random,
): SyntheticRespondent[] {
  const count = Math.min(pool.length, Math.round(PARTICIPANTS[wave] * scale));
  const drawn = random.shuffle([...pool]).slice(0, count);
  const share = DISABILITY_SHARE[wave];
  const disabled = new Set(
    share === null
      ? []
      : random.shuffle(drawn.map((_, i) => i)).slice(0, Math.round(share * count)),
  );
  return drawn.map((s, i) => ({
    id: `R${wave}-${String(i + 1).padStart(6, '0')}`,
    entity: s.entity,
    gradeBand: gradeBand(s.grade),
    gender: random.chance(0.015)
      ? RespondentGender.NOT_DISCLOSED
      : s.gender === 'F'
        ? RespondentGender.FEMALE
        : RespondentGender.MALE,
    ageBand: ageBand(s.age),
    disability: share === null ? null : disabled.has(i),
    stationType:
      s.station === 'NEW_YORK'
        ? DutyStationType.HEADQUARTERS
        : MISSION_KINDS.has(kinds.get(s.entity) ?? '')
          ? DutyStationType.FIELD
          : DutyStationType.OFFICE_AWAY_FROM_HEADQUARTERS,
    disposition: (climate.get(s.entity) ?? 0) + random.normal(0, 1),
  }));
}

/**
 * Answers of every wave, respondent by respondent (the order the importer reads best). For each
 * question the favourable count is exact: the k most favourably disposed answerers (disposition
 * plus noise) answer 4 or 5, the next 40% of the rest 3, the others 1 or 2. Respondents with a
 * disability are ranked separately on employee empowerment, with EMPOWERMENT_GAP points less.
 */
function* answerRows(
  respondents: ReadonlyMap<WaveYear, SyntheticRespondent[]>,
  randomOf: (wave: WaveYear) => Random,
): Generator<Record<string, CsvCell>> {
  for (const wave of WAVES) {
    const people = respondents.get(wave) ?? [];
    const random = randomOf(wave);
    const values = QUESTIONS.map((question) => {
      const answers = new Int8Array(people.length);
      const answering = people
        .map((p, i) => ({ i, p, score: p.disposition + random.normal(0, 0.8) }))
        .filter(() => question.calibrated || !random.chance(SKIP_RATE));
      const target = question.favourable[wave] / 100;
      const groups =
        question.dimension === EMPOWERMENT_DIMENSION && DISABILITY_SHARE[wave] !== null
          ? splitByDisability(answering, target)
          : [{ members: answering, favourable: Math.round(target * answering.length) }];
      for (const group of groups) assignValues(group.members, group.favourable, answers);
      return answers;
    });
    for (let i = 0; i < people.length; i++) {
      for (let q = 0; q < QUESTIONS.length; q++) {
        const value = values[q][i];
        if (value > 0)
          yield { wave, respondent_id: people[i].id, question_code: QUESTIONS[q].code, value };
      }
    }
  }
}

interface Answering {
  i: number;
  p: SyntheticRespondent;
  score: number;
}

/** Favourable counts for respondents with and without a disability, keeping the overall share. */
function splitByDisability(answering: Answering[], target: number) {
  const withDisability = answering.filter((a) => a.p.disability === true);
  const others = answering.filter((a) => a.p.disability !== true);
  const total = Math.round(target * answering.length);
  const disabledFavourable = Math.max(
    0,
    Math.round((target - EMPOWERMENT_GAP / 100) * withDisability.length),
  );
  return [
    { members: withDisability, favourable: disabledFavourable },
    { members: others, favourable: total - disabledFavourable },
  ];
}

function assignValues(members: Answering[], favourable: number, answers: Int8Array): void {
  const ranked = [...members].sort((a, b) => b.score - a.score);
  const neutral = Math.round((ranked.length - favourable) * 0.4);
  ranked.forEach((a, rank) => {
    if (rank < favourable) answers[a.i] = rank < favourable * 0.4 ? 5 : 4;
    else if (rank < favourable + neutral) answers[a.i] = 3;
    else
      answers[a.i] = rank >= ranked.length - (ranked.length - favourable - neutral) * 0.3 ? 1 : 2;
  });
}
