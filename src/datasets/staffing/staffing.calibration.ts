/**
 * Calibration of the synthetic staffing data. Published figures come from A/77/590/Add.1; the
 * years the report does not give are interpolated (marked) so that series stay smooth.
 */

import { SYNTHETIC_YEARS } from '../../shared/generator';

/** The years the calibration below covers: those of every synthetic dataset. */
export const YEARS = SYNTHETIC_YEARS;

/** About 36,000 staff a year at scale 1 (CEB personnel statistics; the reference file sums 35,019 for 2019). */
export const STAFF_AT_SCALE_1 = 36_000;

/**
 * Women's share (%) of staff in the Professional and higher categories plus Field Service.
 * Published: 2016 35.0 and 2020 40.9 (derived from changes), 2021 42.2 (A/77/590/Add.1 para 6).
 * 2017-2019 interpolated linearly; 2022 extrapolated at the 2020-2021 pace, slowed.
 */
export const WOMEN_SHARE_P_FS: Readonly<Record<number, number>> = {
  2016: 35.0,
  2017: 36.5,
  2018: 38.0,
  2019: 39.4,
  2020: 40.9,
  2021: 42.2,
  2022: 43.2,
};

/**
 * Average days from posting to selection, by year of selection. Published: 2017 159, 2019 134,
 * 2020 158, 2021 182 (A/77/590/Add.1 para 21). 2016, 2018 and 2022 are assumptions.
 */
export const DAYS_TO_RECRUIT: Readonly<Record<number, number>> = {
  2016: 168,
  2017: 159,
  2018: 146,
  2019: 134,
  2020: 158,
  2021: 182,
  2022: 176,
};

/** Size of an entity relative to its 2019 staff, for missions that opened, closed or shrank. */
export const ENTITY_TRENDS: Readonly<Record<string, Readonly<Record<number, number>>>> = {
  UNAMID: { 2016: 2.6, 2017: 2.0, 2018: 1.4, 2019: 1, 2020: 0.7, 2021: 0.2, 2022: 0 },
  MINUJUSTH: { 2016: 0, 2017: 9, 2018: 8, 2019: 1, 2020: 0, 2021: 0, 2022: 0 },
  BINUH: { 2016: 0, 2017: 0, 2018: 0, 2019: 1, 2020: 1.4, 2021: 1.4, 2022: 1.4 },
  UNMHA: { 2016: 0, 2017: 0, 2018: 0, 2019: 1, 2020: 1.2, 2021: 1.2, 2022: 1.2 },
  UNITAD: { 2016: 0, 2017: 0.2, 2018: 0.7, 2019: 1, 2020: 1.3, 2021: 1.4, 2022: 1.4 },
  'IIIM-SYRIA': { 2016: 0, 2017: 0.3, 2018: 0.7, 2019: 1, 2020: 1.4, 2021: 1.6, 2022: 1.7 },
  UNIOGBIS: { 2016: 1.3, 2017: 1.3, 2018: 1.2, 2019: 1, 2020: 0.6, 2021: 0, 2022: 0 },
  MONUSCO: { 2016: 1.25, 2017: 1.15, 2018: 1.05, 2019: 1, 2020: 0.95, 2021: 0.9, 2022: 0.85 },
  UNSMIL: { 2016: 0.7, 2017: 0.8, 2018: 0.9, 2019: 1, 2020: 1.05, 2021: 1.1, 2022: 1.1 },
  RCS: { 2016: 0, 2017: 0, 2018: 0.2, 2019: 1, 2020: 1.6, 2021: 1.8, 2022: 1.9 },
};

export type CategoryKey = 'P' | 'FS' | 'NO' | 'GS';

/** Share of each category in an entity's staff, by kind of entity. */
export const CATEGORY_MIX: Readonly<Record<string, Readonly<Record<CategoryKey, number>>>> = {
  PEACEKEEPING_OPERATION: { P: 0.17, FS: 0.26, NO: 0.1, GS: 0.47 },
  SPECIAL_POLITICAL_MISSION: { P: 0.3, FS: 0.18, NO: 0.14, GS: 0.38 },
  REGIONAL_COMMISSION: { P: 0.4, FS: 0, NO: 0.05, GS: 0.55 },
  DEFAULT: { P: 0.45, FS: 0.02, NO: 0.03, GS: 0.5 },
};

/** Grades of each category, most senior first, with their weight in the stock. */
export const GRADE_MIX: Readonly<Record<CategoryKey, readonly (readonly [string, number])[]>> = {
  P: [
    ['USG', 0.4],
    ['ASG', 0.5],
    ['D-2', 1.5],
    ['D-1', 4],
    ['P-5', 14],
    ['P-4', 28],
    ['P-3', 33],
    ['P-2', 18],
    ['P-1', 0.6],
  ],
  FS: [
    ['FS-7', 2],
    ['FS-6', 10],
    ['FS-5', 30],
    ['FS-4', 40],
    ['FS-3', 12],
    ['FS-2', 4],
    ['FS-1', 2],
  ],
  NO: [
    ['NO-D', 10],
    ['NO-C', 30],
    ['NO-B', 40],
    ['NO-A', 20],
  ],
  GS: [
    ['G-7', 8],
    ['G-6', 22],
    ['G-5', 30],
    ['G-4', 25],
    ['G-3', 10],
    ['G-2', 4],
    ['G-1', 1],
  ],
};

/** Age at recruitment by grade: [youngest, oldest]. */
export const HIRE_AGE: Readonly<Record<string, readonly [number, number]>> = {
  USG: [50, 62],
  ASG: [48, 60],
  'D-2': [45, 58],
  'D-1': [42, 56],
  'P-5': [38, 54],
  'P-4': [33, 50],
  'P-3': [29, 44],
  'P-2': [25, 32],
  'P-1': [24, 29],
};

/** Where each entity's staff serve (duty-station codes with weights); New York when not listed. */
export const ENTITY_STATIONS: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  OCHA: [
    ['NEW_YORK', 3],
    ['GENEVA', 3],
    ['AMMAN', 0.5],
    ['GAZIANTEP', 0.5],
    ['DAMASCUS', 0.5],
    ['SANAA', 0.5],
    ['MAIDUGURI', 0.4],
    ['BANGUI', 0.3],
    ['JUBA', 0.4],
    ['KINSHASA', 0.4],
    ['NAIROBI', 0.6],
    ['BANGKOK', 0.3],
    ['DAKAR', 0.3],
    ['PANAMA_CITY', 0.2],
    ['KABUL', 0.3],
  ],
  OHCHR: [
    ['GENEVA', 8],
    ['NEW_YORK', 0.6],
    ['BANGKOK', 0.3],
    ['PANAMA_CITY', 0.3],
    ['GUATEMALA_CITY', 0.3],
    ['MEXICO_CITY', 0.2],
    ['DAKAR', 0.2],
    ['KIEV', 0.3],
    ['SUVA', 0.2],
  ],
  DSS: [
    ['NEW_YORK', 4],
    ['GENEVA', 1.2],
    ['NAIROBI', 1],
    ['VIENNA', 0.8],
    ['BANGKOK', 0.3],
    ['ADDIS_ABABA', 0.4],
    ['SANTIAGO', 0.3],
    ['BEIRUT', 0.3],
    ['BAGHDAD', 0.3],
    ['KABUL', 0.3],
  ],
  DOS: [
    ['NEW_YORK', 8],
    ['ENTEBBE', 0.6],
    ['BRINDISI', 0.4],
  ],
  DGC: [
    ['NEW_YORK', 8],
    ['GENEVA', 0.5],
    ['NAIROBI', 0.3],
    ['BRUSSELS', 0.3],
    ['CAIRO', 0.2],
    ['MEXICO_CITY', 0.2],
    ['NEW_DELHI', 0.2],
  ],
  DGACM: [['NEW_YORK', 1]],
  DESA: [
    ['NEW_YORK', 9],
    ['BONN', 0.3],
    ['INCHON', 0.3],
  ],
  DPPA: [['NEW_YORK', 1]],
  DPO: [['NEW_YORK', 1]],
  OICT: [
    ['NEW_YORK', 7],
    ['VALENCIA', 1],
    ['BRINDISI', 0.5],
    ['BANGKOK', 0.5],
  ],
  OIOS: [
    ['NEW_YORK', 7],
    ['NAIROBI', 1],
    ['ENTEBBE', 1],
    ['VIENNA', 0.5],
    ['GENEVA', 0.5],
  ],
  OAJ: [
    ['NEW_YORK', 1],
    ['GENEVA', 0.5],
    ['NAIROBI', 0.5],
  ],
  ECE: [['GENEVA', 1]],
  ECA: [
    ['ADDIS_ABABA', 9],
    ['YAOUNDE', 0.3],
    ['NIAMEY', 0.3],
    ['KIGALI', 0.3],
  ],
  ECLAC: [
    ['SANTIAGO', 9],
    ['MEXICO_CITY', 0.6],
    ['PORT_OF_SPAIN', 0.4],
    ['BOGOTA', 0.2],
    ['BUENOS_AIRES', 0.2],
  ],
  ESCAP: [
    ['BANGKOK', 9],
    ['SUVA', 0.3],
    ['INCHON', 0.3],
    ['NEW_DELHI', 0.2],
  ],
  ESCWA: [['BEIRUT', 1]],
  UNCTAD: [['GENEVA', 1]],
  UNDRR: [['GENEVA', 1]],
  UNEP: [
    ['NAIROBI', 7],
    ['GENEVA', 1.5],
    ['PARIS', 0.5],
    ['BANGKOK', 0.5],
    ['PANAMA_CITY', 0.4],
    ['BONN', 0.3],
  ],
  'UN-HABITAT': [['NAIROBI', 1]],
  UNODC: [
    ['VIENNA', 7],
    ['KABUL', 0.4],
    ['ISLAMABAD', 0.4],
    ['BANGKOK', 0.4],
    ['BOGOTA', 0.4],
    ['MEXICO_CITY', 0.3],
    ['TASHKENT', 0.2],
    ['CAIRO', 0.2],
  ],
  UNOG: [['GENEVA', 1]],
  UNON: [['NAIROBI', 1]],
  UNOV: [['VIENNA', 1]],
  UNOP: [['NEW_YORK', 1]],
  IRMCT: [
    ['ARUSHA', 1],
    ['THE_HAGUE', 1],
  ],
  UNAKRT: [['PHNOM_PENH', 1]],
  'IIIM-SYRIA': [['GENEVA', 1]],
  UNITAD: [
    ['BAGHDAD', 4],
    ['ERBIL', 1],
  ],
  UNLB: [
    ['BRINDISI', 4],
    ['VALENCIA', 1],
  ],
  RSCE: [['ENTEBBE', 1]],
  RCS: [
    ['NEW_YORK', 1],
    ['BANGKOK', 0.3],
    ['DAKAR', 0.4],
    ['PRETORIA', 0.3],
    ['PANAMA_CITY', 0.3],
    ['ISLAMABAD', 0.3],
    ['JAKARTA', 0.3],
    ['MANILA', 0.3],
    ['TASHKENT', 0.3],
    ['CONAKRY', 0.3],
    ['LUSAKA', 0.3],
    ['KAMPALA', 0.3],
    ['ABUJA', 0.3],
    ['BEIJING', 0.3],
    ['TEHERAN', 0.3],
    ['RABAT', 0.3],
    ['KINGSTON', 0.3],
    ['BELGRADE', 0.3],
    ['YANGON', 0.3],
  ],
  MINURSO: [['LAAYOUNE', 1]],
  MINUSCA: [
    ['BANGUI', 12],
    ['BAMBARI', 1.2],
    ['BRIA', 1],
    ['KAGA_BANDORO', 1.3],
    ['BOUAR', 1.2],
    ['BOSSANGOA', 0.8],
    ['BERBERATI', 0.6],
    ['BANGASSOU', 0.6],
    ['PAOUA', 0.5],
  ],
  MINUSMA: [
    ['BAMAKO', 9],
    ['GAO', 3.5],
    ['TOMBOCTOU', 2.5],
    ['MOPTI', 2],
    ['KIDAL', 1.6],
    ['TESSALIT', 0.4],
    ['MENAKA', 0.4],
  ],
  MONUSCO: [
    ['KINSHASA', 7],
    ['GOMA', 6],
    ['BUKAVU', 2],
    ['BUNIA', 2],
    ['BENI', 1.5],
    ['KALEMIE', 1],
    ['UVIRA', 0.7],
    ['KANANGA', 0.5],
    ['BUTEMBO', 0.5],
  ],
  UNAMID: [
    ['EL_FASHER', 8],
    ['ZALINGEI', 3.2],
    ['NYALA', 0.4],
    ['NERTITI', 0.2],
    ['KHARTOUM', 1],
  ],
  UNDOF: [
    ['FAOUAR', 3],
    ['DAMASCUS', 2],
  ],
  UNFICYP: [['NICOSIA', 1]],
  UNIFIL: [['NAQOURA', 1]],
  UNISFA: [
    ['ABYEI', 4],
    ['KADUGLI', 1],
  ],
  UNMIK: [
    ['PRISTINA', 4],
    ['KOSOVSKA_MITROVICA', 1],
  ],
  UNMISS: [
    ['JUBA', 12],
    ['MALAKAL_COUNTY', 1.7],
    ['WAU', 1.6],
    ['BOR', 1.2],
    ['BENTIU', 1.2],
    ['RUMBEK', 1],
    ['TORIT', 0.9],
    ['KUAJOK', 0.9],
    ['AWEIL', 0.9],
    ['YAMBIO', 0.9],
  ],
  UNMOGIP: [['ISLAMABAD', 1]],
  UNTSO: [['JERUSALEM', 1]],
  UNSOS: [
    ['MOGADISHU', 6],
    ['BAIDOA', 1],
    ['KISIMAIO', 1],
    ['BELET_WEYNE', 0.5],
    ['GAROOWE', 0.5],
    ['NAIROBI', 1],
  ],
  MINUJUSTH: [['PORT_AU_PRINCE', 1]],
  BINUH: [['PORT_AU_PRINCE', 1]],
  UNAMA: [
    ['KABUL', 12],
    ['HERAT', 1],
    ['KANDAHAR', 1.1],
    ['MAZAR_I_SHARIF', 1.2],
    ['JALALABAD', 1.2],
    ['KUNDUZ', 0.8],
    ['GARDEZ', 0.8],
    ['BAMYAN', 0.8],
    ['PUL_I_KHUMRI', 0.5],
  ],
  UNAMI: [
    ['BAGHDAD', 6],
    ['ERBIL', 2],
    ['KIRKUK', 0.8],
    ['BASRAH', 0.4],
    ['KUWAIT', 1],
  ],
  UNSOM: [
    ['MOGADISHU', 6],
    ['GAROOWE', 0.6],
    ['BAIDOA', 0.6],
  ],
  UNSMIL: [
    ['TRIPOLI', 7],
    ['TUNIS', 3],
  ],
  UNVMC: [['BOGOTA', 1]],
  UNMHA: [
    ['ADEN', 1],
    ['SANAA', 1],
  ],
  UNIOGBIS: [['BISSAU', 1]],
  UNOWAS: [['DAKAR', 1]],
  UNOCA: [['LIBREVILLE', 1]],
  UNOAU: [['ADDIS_ABABA', 1]],
  UNRCCA: [['ASHKHABAD', 1]],
  UNSCO: [
    ['JERUSALEM', 3],
    ['GAZA', 2],
    ['EAST_JERUSALEM', 1],
  ],
  UNSCOL: [['BEIRUT', 1]],
  'OSESG-SYRIA': [
    ['GENEVA', 1],
    ['DAMASCUS', 1],
  ],
  'OSESG-YEMEN': [
    ['AMMAN', 3],
    ['SANAA', 1],
    ['ADEN', 1],
  ],
  'OSESG-GL': [['NAIROBI', 1]],
  'OSESG-SSS': [['ADDIS_ABABA', 1]],
  'OSASG-CYPRUS': [['NICOSIA', 1]],
  CNMC: [['DAKAR', 1]],
  UNRGID: [['GENEVA', 1]],
};

/** Nationalities over-represented among internationally recruited staff (relative weights; others 1). */
export const INTERNATIONAL_NATIONALITY_WEIGHTS: Readonly<Record<string, number>> = {
  USA: 9,
  FRA: 6,
  GBR: 5,
  ITA: 5,
  CAN: 4,
  DEU: 4,
  KEN: 4,
  IND: 4,
  RUS: 3,
  ESP: 3,
  CHN: 3,
  PHL: 3,
  ETH: 3,
  UGA: 2.5,
  NGA: 2.5,
  CMR: 2,
  JPN: 2,
  AUS: 2,
  NLD: 2,
  BEL: 2,
  GHA: 2,
  PAK: 2,
  EGY: 2,
  TUN: 1.8,
  SEN: 1.8,
  ZWE: 1.8,
  TZA: 1.8,
  SRB: 1.5,
  BRA: 1.5,
  ARG: 1.5,
  MEX: 1.5,
  COL: 1.5,
  PER: 1.5,
  CHE: 1.5,
  SWE: 1.5,
  IRL: 1.5,
  JOR: 1.5,
  LBN: 1.5,
  SLE: 1.5,
  BGD: 1.5,
  NPL: 1.5,
  KOR: 1.5,
  AUT: 1.3,
  GRC: 1.3,
  PRT: 1.3,
};

/** Locally recruited staff take the nationality of the duty station's country; for territories, this one. */
export const LOCAL_NATIONALITY_FALLBACK: Readonly<Record<string, string>> = {
  PSE: 'JOR',
  ESH: 'MAR',
};
