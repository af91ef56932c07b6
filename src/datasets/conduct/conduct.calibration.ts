/**
 * Calibration of the synthetic conduct data (A/77/590/Add.1 para 33): on average 154 cases
 * received and 130 closed a year over 2017-2021; 41 disciplinary measures in 2017 and 84 in 2021;
 * 28 separations or dismissals in 2017 and 63 in 2021; 2020 lower than the trend (the pandemic).
 * The years in between, 2016 and 2022 are assumed, with the published averages and totals met.
 */
export const CASES_RECEIVED: Readonly<Record<number, number>> = {
  2016: 148,
  2017: 152,
  2018: 158,
  2019: 166,
  2020: 124,
  2021: 170,
  2022: 162,
};

/** Of the cases received in a year, those closed (2017-2021 average: 130). */
export const CASES_CLOSED: Readonly<Record<number, number>> = {
  2016: 140,
  2017: 138,
  2018: 140,
  2019: 142,
  2020: 104,
  2021: 126,
  2022: 70,
};

/** Disciplinary measures imposed in the year (2017 and 2021 published). */
export const MEASURES: Readonly<Record<number, number>> = {
  2016: 38,
  2017: 41,
  2018: 55,
  2019: 68,
  2020: 52,
  2021: 84,
  2022: 80,
};

/** Of those, separations from service and dismissals (2017 and 2021 published). */
export const SEPARATIONS: Readonly<Record<number, number>> = {
  2016: 25,
  2017: 28,
  2018: 36,
  2019: 45,
  2020: 33,
  2021: 63,
  2022: 55,
};
