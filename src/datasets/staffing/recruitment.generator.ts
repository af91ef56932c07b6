import { addDays, dayOfYear, daysBetween, type CsvCell, type Random } from '../../shared/generator';
import { DAYS_TO_RECRUIT, YEARS } from './staffing.calibration';

/** An international recruitment made in the simulation: who was selected, and when. */
export interface Hire {
  person: { entity: string; grade: string; station: string; gender: 'F' | 'M' };
  year: number;
}

/**
 * Job openings for the simulated hires: one per international hire (selection in the hire's
 * year), stage dates spread over a duration whose yearly mean is the calibrated time to
 * recruit, plus openings still open at the end of the last year.
 */
export function* jobOpeningRows(
  allHires: readonly Hire[],
  random: Random,
): Generator<Record<string, CsvCell>> {
  for (const year of YEARS) {
    const hires = allHires.filter((h) => h.year === year);
    const days = calibratedDurations(random, hires.length, DAYS_TO_RECRUIT[year]);
    let sequence = 1;
    for (const [i, { person }] of hires.entries()) {
      const selected = dayOfYear(year, random.int(0, 364));
      const rosterBased = random.chance(0.3);
      const posted = addDays(selected, -days[i]);
      const deadline = addDays(posted, Math.min(rosterBased ? 15 : 30, days[i]));
      const span = days[i] - daysBetween(posted, deadline);
      const at = (fraction: number) => addDays(deadline, Math.floor(span * fraction));
      const applicants = Math.max(
        1,
        Math.round(Math.exp(random.normal(rosterBased ? 4 : 5.3, 0.6))),
      );
      const womenShare = Math.min(0.9, Math.max(0.1, random.normal(0.38, 0.08)));
      yield {
        job_opening_id: `JO-${year}-${String(sequence++).padStart(6, '0')}`,
        entity_code: person.entity,
        grade_code: person.grade,
        duty_station_code: person.station,
        posted_on: posted,
        deadline_on: deadline,
        assessed_on: rosterBased ? null : at(0.35),
        interviewed_on: rosterBased ? null : at(0.55),
        endorsed_on: rosterBased ? null : at(0.85),
        selected_on: selected,
        applicants_total: applicants,
        applicants_women: Math.round(applicants * womenShare),
        roster_based: rosterBased,
        selected_gender: person.gender,
      };
    }
  }
  // Openings still open at the end of the last year: posted, no selection yet.
  const last = YEARS[YEARS.length - 1];
  const open = Math.round(allHires.filter((h) => h.year === last).length * 0.08);
  for (let i = 0; i < open; i++) {
    const source = random.pick(allHires).person;
    const posted = dayOfYear(last, random.int(240, 350));
    const applicants = Math.max(1, Math.round(Math.exp(random.normal(5.3, 0.6))));
    yield {
      job_opening_id: `JO-${last}-O${String(i + 1).padStart(5, '0')}`,
      entity_code: source.entity,
      grade_code: source.grade,
      duty_station_code: source.station,
      posted_on: posted,
      deadline_on: addDays(posted, 30),
      assessed_on: null,
      interviewed_on: null,
      endorsed_on: null,
      selected_on: null,
      applicants_total: applicants,
      applicants_women: Math.round(applicants * 0.38),
      roster_based: false,
      selected_gender: null,
    };
  }
}

/** `n` whole-day durations, skewed like real recruitments, whose mean is `mean` to within 1/n. */
function calibratedDurations(random: Random, n: number, mean: number): number[] {
  if (n === 0) return [];
  const raw = Array.from({ length: n }, () => Math.exp(random.normal(0, 0.45)));
  const rawMean = raw.reduce((a, b) => a + b, 0) / n;
  const days = raw.map((r) => Math.max(35, Math.round((r / rawMean) * mean)));
  let excess = days.reduce((a, b) => a + b, 0) - Math.round(mean * n);
  for (let i = 0; excess !== 0; i = (i + 1) % n) {
    if (excess > 0 && days[i] > 35) {
      days[i] -= 1;
      excess -= 1;
    } else if (excess < 0) {
      days[i] += 1;
      excess += 1;
    }
  }
  return days;
}
