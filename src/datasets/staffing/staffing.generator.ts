import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { seedsDir } from '../../shared/project-root';
import {
  DEFAULT_DESIRABLE_RANGE_PARAMETERS,
  type DesirableRangeInput,
  type DesirableRangeParameters,
} from './desirable-range';
import { calibrateGeographicalPosts, type CalibrationYear } from './geographical-calibration';
import {
  importerFile,
  type CsvCell,
  type DatasetGenerator,
  type GeneratedFile,
  type GeneratorContext,
  apportion,
  type Random,
} from '../../shared/generator';
import { JOB_OPENINGS_IMPORTER, STAFF_YEARS_IMPORTER } from './staffing.importers';
import { jobOpeningRows, type Hire } from './recruitment.generator';
import {
  CATEGORY_MIX,
  ENTITY_STATIONS,
  ENTITY_TRENDS,
  GRADE_MIX,
  HIRE_AGE,
  INTERNATIONAL_NATIONALITY_WEIGHTS,
  LOCAL_NATIONALITY_FALLBACK,
  STAFF_AT_SCALE_1,
  WOMEN_SHARE_P_FS,
  YEARS,
  type CategoryKey,
} from './staffing.calibration';

interface Person {
  id: string;
  entity: string;
  station: string;
  category: CategoryKey;
  grade: string;
  gender: 'F' | 'M';
  nationality: string;
  birthYear: number;
  contract: string;
  ypp: boolean;
  hiredYear: number;
}

const CATEGORIES: readonly CategoryKey[] = ['P', 'FS', 'NO', 'GS'];
const MISSION_KINDS = new Set(['PEACEKEEPING_OPERATION', 'SPECIAL_POLITICAL_MISSION']);
const ATTRITION = 0.085;
const PROMOTION = 0.06;
const RETIREMENT_AGE = 65;
const NO_YPP_STATES = 30;

/**
 * Simulates the Secretariat's staff year by year (hires, separations, promotions), so staff ids
 * persist across years, and records every international hire as a job opening. The gender of
 * Professional and Field Service hires is chosen so that each year's share of women matches the
 * calibration exactly, and days to recruit are scaled to the published yearly means.
 */
export const STAFFING_GENERATOR: DatasetGenerator = {
  async generate(context) {
    const sizes = parse(
      await readFile(join(seedsDir(), 'staffing', 'entity-staff-2019.csv'), 'utf8'),
      {
        columns: true,
      },
    ) as Record<string, string>[];
    const staff2019 = new Map(sizes.map((row) => [row.code, Number(row.staff_2019)]));
    const entities = (await context.readCsv('entities')).map((e) => ({
      ...e,
      staff_2019: String(staff2019.get(e.code) ?? 0),
    }));
    const stations = await context.readCsv('duty-stations');
    const states = await context.readCsv('member-states');
    return new StaffingSimulation(context, entities, stations, states).run(
      await readRangeInputs(context),
    );
  },
};

interface RangeInputs {
  states: Map<number, DesirableRangeInput[]>;
  parameters: Map<number, DesirableRangeParameters>;
}

/** The desirable-range inputs the representation generator wrote before this one runs. */
async function readRangeInputs(context: GeneratorContext): Promise<RangeInputs> {
  const states = new Map<number, DesirableRangeInput[]>();
  for (const row of await context.readCsv('member-state-inputs')) {
    const year = Number(row.year);
    states.set(year, [
      ...(states.get(year) ?? []),
      {
        iso3: row.iso3,
        assessmentRate: Number(row.assessment_rate),
        population: Number(row.population),
      },
    ]);
  }
  const parameters = new Map<number, DesirableRangeParameters>();
  for (const row of await context.readCsv('desirable-range-parameters')) {
    parameters.set(Number(row.year), {
      membershipWeight: Number(row.membership_weight),
      populationWeight: Number(row.population_weight),
      contributionWeight: Number(row.contribution_weight),
      flexibility: Number(row.flexibility),
      minHalfWidth: Number(row.min_half_width),
      minUpperLimit: Number(row.min_upper_limit),
    });
  }
  return { states, parameters };
}

class StaffingSimulation {
  private readonly random: Random;
  private readonly stationCountry = new Map<string, string>();
  private readonly memberStates: Set<string>;
  private readonly internationalWeights: (readonly [string, number])[];
  /** Weights for YPP recruits: states the calibration may leave unrepresented never get one. */
  private readonly yppWeights: (readonly [string, number])[];
  private nextStaff = 1;
  private readonly hires: Hire[] = [];

  constructor(
    private readonly context: GeneratorContext,
    private readonly entities: Record<string, string>[],
    stations: Record<string, string>[],
    states: Record<string, string>[],
  ) {
    this.random = context.random('staffing');
    for (const s of stations) this.stationCountry.set(s.code, s.country_iso3);
    this.memberStates = new Set(states.map((s) => s.iso3));
    this.internationalWeights = states.map(
      (s) => [s.iso3, INTERNATIONAL_NATIONALITY_WEIGHTS[s.iso3] ?? 1] as const,
    );
    // Unrepresented states are those with no one counted; YPP recruits always count, so a
    // fixed set of small states (weight 1) never receives YPP recruits.
    const small = this.random.shuffle(
      this.internationalWeights.filter(([, w]) => w === 1).map(([iso3]) => iso3),
    );
    const noYpp = new Set(small.slice(0, NO_YPP_STATES));
    this.yppWeights = this.internationalWeights.filter(([iso3]) => !noYpp.has(iso3));
  }

  run(inputs: RangeInputs): GeneratedFile[] {
    const snapshots: Record<string, CsvCell>[] = [];
    const years: CalibrationYear<Person>[] = [];
    const rowOf = new Map<number, Map<Person, Record<string, CsvCell>>>();
    let population: Person[] = this.initialPopulation(YEARS[0] - 1);
    for (const year of YEARS) {
      population = this.advance(population, year);
      const rows = new Map<Person, Record<string, CsvCell>>();
      rowOf.set(year, rows);
      years.push({
        year,
        inputs: inputs.states.get(year) ?? [],
        parameters: inputs.parameters.get(year) ?? DEFAULT_DESIRABLE_RANGE_PARAMETERS,
        records: population.map((p) => ({
          person: p,
          nationality: p.nationality,
          ypp: p.ypp,
          eligible:
            p.category === 'P' &&
            !MISSION_KINDS.has(this.kindOf(p.entity)) &&
            !['USG', 'ASG'].includes(p.grade),
        })),
      });
      for (const p of population) {
        const row = {
          staff_id: p.id,
          year,
          entity_code: p.entity,
          duty_station_code: p.station,
          grade_code: p.grade,
          gender: p.gender,
          nationality_iso3: p.nationality,
          birth_year: p.birthYear,
          contract_type: p.contract,
          geographical: p.ypp,
          ypp: p.ypp,
        };
        rows.set(p, row);
        snapshots.push(row);
      }
    }
    // Which posts are geographical is decided per year so the desirable-range statuses match the report.
    const { flagged } = calibrateGeographicalPosts(years, this.context.random('representation'));
    for (const [year, rows] of rowOf) {
      const chosen = flagged.get(year) ?? new Set<Person>();
      for (const [person, row] of rows) row.geographical = person.ypp || chosen.has(person);
    }
    return [
      importerFile(STAFF_YEARS_IMPORTER, snapshots),
      importerFile(
        JOB_OPENINGS_IMPORTER,
        jobOpeningRows(this.hires, this.context.random('recruitment')),
      ),
    ];
  }

  /** Target headcount per entity and category for a year. */
  private targets(year: number): Map<string, number> {
    // The population before the first year is shaped like the first year.
    const trendYear = Math.max(year, YEARS[0]);
    const weights = this.entities.map((e) => {
      const trend = ENTITY_TRENDS[e.code]?.[trendYear] ?? 1;
      return Number(e.staff_2019 ?? 0) * trend;
    });
    const sizes = apportion(Math.round(STAFF_AT_SCALE_1 * this.context.scale), weights);
    const targets = new Map<string, number>();
    this.entities.forEach((e, i) => {
      const mix = CATEGORY_MIX[e.kind] ?? CATEGORY_MIX.DEFAULT;
      const counts = apportion(
        sizes[i],
        CATEGORIES.map((c) => mix[c]),
      );
      CATEGORIES.forEach((c, k) => targets.set(`${e.code}|${c}`, counts[k]));
    });
    return targets;
  }

  private initialPopulation(year: number): Person[] {
    const people: Person[] = [];
    for (const [key, count] of this.targets(year)) {
      const [entity, category] = key.split('|') as [string, CategoryKey];
      for (let i = 0; i < count; i++) {
        const tenure = this.random.int(0, 20);
        const person = this.newPerson(entity, category, year - tenure, false);
        // Recruited `tenure` years ago at a grade-typical age; nobody starts past 62.
        if (year - person.birthYear > 62) person.birthYear = year - this.random.int(45, 62);
        people.push(person);
      }
    }
    this.assignGender(
      people.filter((p) => p.category === 'P' || p.category === 'FS'),
      [],
      WOMEN_SHARE_P_FS[YEARS[0]] - 1.5,
    );
    return people;
  }

  private advance(population: Person[], year: number): Person[] {
    const survivors = population.filter(
      (p) => year - p.birthYear < RETIREMENT_AGE && !this.random.chance(ATTRITION),
    );
    for (const p of survivors) this.evolve(p, year);
    const groups = new Map<string, Person[]>();
    for (const p of survivors) {
      const key = `${p.entity}|${p.category}`;
      const list = groups.get(key);
      if (list) list.push(p);
      else groups.set(key, [p]);
    }
    const next: Person[] = [];
    const newHires: Person[] = [];
    for (const [key, target] of this.targets(year)) {
      const [entity, category] = key.split('|') as [string, CategoryKey];
      const current = this.random.shuffle(groups.get(key) ?? []);
      next.push(...current.slice(0, target));
      for (let i = current.length; i < target; i++) {
        const person = this.newPerson(entity, category, year, true);
        newHires.push(person);
        next.push(person);
      }
    }
    const international = (p: Person) => p.category === 'P' || p.category === 'FS';
    this.assignGender(
      newHires.filter(international),
      next.filter((p) => international(p) && p.hiredYear < year),
      WOMEN_SHARE_P_FS[year],
    );
    for (const person of newHires) {
      if (!person.ypp && international(person)) this.hires.push({ person, year });
    }
    return next;
  }

  /**
   * Gives exactly enough of `candidates` the gender F for women to be `share` % of candidates
   * plus `others`; the rest M.
   */
  private assignGender(candidates: Person[], others: Person[], share: number): void {
    const total = candidates.length + others.length;
    const womenNeeded =
      Math.round((share / 100) * total) - others.filter((p) => p.gender === 'F').length;
    const women = Math.max(0, Math.min(candidates.length, womenNeeded));
    this.random.shuffle(candidates).forEach((p, i) => (p.gender = i < women ? 'F' : 'M'));
  }

  private kindOf(entity: string): string {
    return this.entities.find((e) => e.code === entity)?.kind ?? 'OFFICE';
  }

  private newPerson(entity: string, category: CategoryKey, year: number, hire: boolean): Person {
    const kind = this.entities.find((e) => e.code === entity)?.kind ?? 'OFFICE';
    const station = this.random.weighted(ENTITY_STATIONS[entity] ?? [['NEW_YORK', 1]]);
    const grade =
      hire && category === 'P'
        ? this.random.weighted([
            ['P-2', 3],
            ['P-3', 4],
            ['P-4', 2.5],
            ['P-5', 0.8],
            ['D-1', 0.3],
            ['D-2', 0.1],
            ['P-1', 0.2],
          ] as const)
        : this.random.weighted(GRADE_MIX[category]);
    const [youngest, oldest] = HIRE_AGE[grade] ?? (category === 'GS' ? [21, 50] : [27, 50]);
    const ypp =
      category === 'P' && (grade === 'P-1' || grade === 'P-2') && this.random.chance(0.35);
    const international = category === 'P' || category === 'FS';
    const local = this.stationCountry.get(station) ?? 'USA';
    const localNationality = this.memberStates.has(local)
      ? local
      : (LOCAL_NATIONALITY_FALLBACK[local] ?? 'USA');
    return {
      id: `S${String(this.nextStaff++).padStart(7, '0')}`,
      entity,
      station,
      category,
      grade,
      // International staff get their gender from assignGender; locally recruited staff here.
      gender: this.random.chance(MISSION_KINDS.has(kind) ? 0.32 : 0.52) ? 'F' : 'M',
      nationality: international
        ? this.random.weighted(ypp ? this.yppWeights : this.internationalWeights)
        : localNationality,
      birthYear: year - this.random.int(youngest, oldest),
      contract: this.random.weighted([
        ['FIXED_TERM', 7],
        ['TEMPORARY', 1.5],
        ['CONTINUING', 1],
      ] as const),
      ypp,
      hiredYear: year,
    };
  }

  /** One year passes for a staff member who stays: promotion and contract conversion. */
  private evolve(p: Person, year: number): void {
    const ladder = GRADE_MIX[p.category].map(([g]) => g);
    const index = ladder.indexOf(p.grade);
    const ceiling = p.category === 'P' ? ladder.indexOf('D-2') : 0;
    if (index > ceiling && this.random.chance(PROMOTION)) p.grade = ladder[index - 1];
    const tenure = year - p.hiredYear;
    if (p.contract === 'FIXED_TERM' && tenure >= 5 && this.random.chance(0.15))
      p.contract = 'CONTINUING';
    if (p.contract === 'TEMPORARY' && this.random.chance(0.4)) p.contract = 'FIXED_TERM';
    if (tenure > 12 && p.contract === 'CONTINUING' && this.random.chance(0.05))
      p.contract = 'PERMANENT';
  }
}
