import { addDays, dayOfYear, daysBetween } from '../../shared/generator/dates';
import type { Random } from '../../shared/generator/random';
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
): Generator<readonly (string | number | boolean | null)[]> {
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
      yield [
        `JO-${year}-${String(sequence++).padStart(6, '0')}`,
        person.entity,
        person.grade,
        person.station,
        posted,
        deadline,
        rosterBased ? null : at(0.35),
        rosterBased ? null : at(0.55),
        rosterBased ? null : at(0.85),
        selected,
        applicants,
        Math.round(applicants * womenShare),
        rosterBased,
        person.gender,
      ];
    }
  }
  // Openings still open at the end of the last year: posted, no selection yet.
  const last = YEARS[YEARS.length - 1];
  const open = Math.round(allHires.filter((h) => h.year === last).length * 0.08);
  for (let i = 0; i < open; i++) {
    const source = random.pick(allHires).person;
    const posted = dayOfYear(last, random.int(240, 350));
    const applicants = Math.max(1, Math.round(Math.exp(random.normal(5.3, 0.6))));
    yield [
      `JO-${last}-O${String(i + 1).padStart(5, '0')}`,
      source.entity,
      source.grade,
      source.station,
      posted,
      addDays(posted, 30),
      null,
      null,
      null,
      null,
      applicants,
      Math.round(applicants * 0.38),
      false,
      null,
    ];
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
