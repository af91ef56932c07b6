/**
 * Calibration of the synthetic staff engagement survey. Published (A/77/590/Add.1): participants
 * 14,622 in 2017 and 17,814 in 2021 (para 43); favourable on the overall fairness of performance
 * appraisal 71% (2019) and 78% (2021), confidence that managers address underperformance 61% and
 * 69% (para 30); 0.3% (2019) and 0.29% (2021) of respondents self-identify with a disability, and
 * the gap in employee empowerment for them is more than 13 points (para 13). Everything else is
 * an assumption (marked), plausible in shape.
 */

export const WAVES = [2017, 2019, 2021] as const;
export type WaveYear = (typeof WAVES)[number];

/** Participants at scale 1. 2019 is not published: assumed between 2017 and 2021. */
export const PARTICIPANTS: Readonly<Record<WaveYear, number>> = {
  2017: 14_622,
  2019: 16_000,
  2021: 17_814,
};

/** Share of respondents self-identifying with a disability; the 2017 wave did not ask. */
export const DISABILITY_SHARE: Readonly<Record<WaveYear, number | null>> = {
  2017: null,
  2019: 0.003,
  2021: 0.0029,
};

/** Points by which respondents with a disability are less favourable on employee empowerment. */
export const EMPOWERMENT_GAP = 15;
export const EMPOWERMENT_DIMENSION = 'employee-empowerment';

/** Share of answers left blank, except on the calibrated questions. */
export const SKIP_RATE = 0.02;

interface QuestionPlan {
  code: string;
  text: string;
  dimension: string;
  /** Favourable share (%) per wave. */
  favourable: Readonly<Record<WaveYear, number>>;
  /** Published targets are met exactly (no blanks). */
  calibrated?: boolean;
}

/** Favourable share per wave from a base level with a mild upward trend (assumed). */
const trend = (base: number): Record<WaveYear, number> => ({
  2017: base - 3,
  2019: base - 1,
  2021: base + 1,
});

const DIMENSIONS: readonly [string, number, readonly [string, string][]][] = [
  [
    'engagement',
    80,
    [
      ['ENG-PROUD', 'I am proud to work for the United Nations.'],
      ['ENG-RECOMMEND', 'I would recommend the Organization as a good place to work.'],
      ['ENG-MOTIVATED', 'My work motivates me to do my best.'],
      ['ENG-STAY', 'I intend to stay with the Organization for the next two years.'],
      ['ENG-PURPOSE', 'My work gives me a feeling of personal accomplishment.'],
    ],
  ],
  [
    EMPOWERMENT_DIMENSION,
    62,
    [
      ['EMP-AUTHORITY', 'I have the authority I need to do my job well.'],
      ['EMP-INITIATIVE', 'I am encouraged to take initiative.'],
      ['EMP-IDEAS', 'My ideas and suggestions are taken into account.'],
      ['EMP-AUTONOMY', 'I have enough autonomy in deciding how to do my work.'],
      ['EMP-VOICE', 'I can raise concerns without fear of retaliation.'],
    ],
  ],
  [
    'performance-management',
    65,
    [
      ['PM-FEEDBACK', 'My supervisor gives me regular feedback on my performance.'],
      ['PM-GOALS', 'I understand how my goals contribute to the goals of my entity.'],
      ['PM-RECOGNITION', 'Good performance is recognized in my team.'],
    ],
  ],
  [
    'leadership',
    62,
    [
      ['LEAD-DIRECTION', 'Senior leaders communicate a clear direction.'],
      ['LEAD-TRUST', 'I trust the decisions of senior leadership.'],
      ['LEAD-EXAMPLE', 'Leaders in my entity lead by example.'],
      ['LEAD-CHANGE', 'Change is well managed in my entity.'],
      ['LEAD-MANAGER', 'My manager supports my development.'],
    ],
  ],
  [
    'ethics-integrity',
    70,
    [
      ['ETH-STANDARDS', 'People in my team uphold high ethical standards.'],
      ['ETH-REPORT', 'I know how to report misconduct.'],
      ['ETH-PROTECT', 'I would be protected if I reported misconduct.'],
      ['ETH-FAIR', 'Staff are treated fairly regardless of background.'],
      ['ETH-ACCOUNTABLE', 'People are held accountable for unethical behaviour.'],
    ],
  ],
  [
    'career-development',
    50,
    [
      ['CAR-OPPORTUNITY', 'I have opportunities for career growth.'],
      ['CAR-MOBILITY', 'Moving to another position or duty station is feasible for me.'],
      ['CAR-SELECTION', 'Selection decisions are made on merit.'],
      ['CAR-GUIDANCE', 'I get useful guidance on my career.'],
      ['CAR-SKILLS', 'My skills are well used.'],
    ],
  ],
  [
    'inclusion',
    68,
    [
      ['INC-BELONG', 'I feel I belong in my team.'],
      ['INC-RESPECT', 'I am treated with respect.'],
      ['INC-DIVERSITY', 'My entity values diversity.'],
      ['INC-ACCESS', 'My workplace is accessible to me.'],
      ['INC-VOICE', 'Different views are welcome in my team.'],
    ],
  ],
  [
    'wellbeing',
    60,
    [
      ['WB-BALANCE', 'I can balance my work and personal life.'],
      ['WB-WORKLOAD', 'My workload is manageable.'],
      ['WB-FLEXIBLE', 'I can use flexible working arrangements.'],
      ['WB-STRESS', 'Stress at work is at a level I can manage.'],
      ['WB-SUPPORT', 'I know where to get support for my well-being.'],
    ],
  ],
  [
    'communication',
    62,
    [
      ['COM-INFORMED', 'I am kept informed about matters that affect me.'],
      ['COM-SHARING', 'Information is shared openly in my entity.'],
      ['COM-ACROSS', 'Teams work well across units.'],
      ['COM-TOOLS', 'I have the tools I need to collaborate.'],
      ['COM-LISTEN', 'Management listens to staff.'],
    ],
  ],
  [
    'learning',
    65,
    [
      ['LRN-ACCESS', 'I have access to the learning I need.'],
      ['LRN-TIME', 'I have time to learn on the job.'],
      ['LRN-LANGUAGE', 'I can take language courses.'],
      ['LRN-APPLY', 'I can apply what I learn in my work.'],
      ['LRN-SUPPORT', 'My supervisor supports my learning.'],
    ],
  ],
];

/** The 50 questions of every wave, with the two the report gives first. */
export const QUESTIONS: readonly QuestionPlan[] = [
  {
    code: 'PM-FAIRNESS',
    text: 'Overall, the performance appraisal process is fair.',
    dimension: 'performance-management',
    // 2017 assumed; 2019 and 2021 published (para 30).
    favourable: { 2017: 68, 2019: 71, 2021: 78 },
    calibrated: true,
  },
  {
    code: 'PM-UNDERPERF',
    text: 'I am confident that my manager addresses underperformance.',
    dimension: 'performance-management',
    favourable: { 2017: 58, 2019: 61, 2021: 69 },
    calibrated: true,
  },
  ...DIMENSIONS.flatMap(([dimension, base, questions]) =>
    questions.map(([code, text], i) => ({
      code,
      text,
      dimension,
      favourable: trend(base + ((i * 7) % 9) - 4),
    })),
  ),
];
