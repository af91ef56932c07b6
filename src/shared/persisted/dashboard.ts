/**
 * Every query the dashboard (`web/dashboard`) runs, named, so that the explorer link of each
 * chart opens exactly the operation behind it. They are the hub's persisted documents: the
 * server knows their operation names (metrics label them by name, see SavedQueryRegistry). Variables: `$year` (the year filter) and `$entities` (the entity
 * filter: null for the whole Secretariat).
 */

/**
 * The indicator of the page's headline (women's share of P+ and FS staff): the page opens on the
 * latest year the report publishes it for, so its numbers sit beside the published ones.
 */
export const HEADLINE_INDICATOR = 'women-share-p-fs';

export const FILTERS = `query DashboardFilters {
  datasets { name rowCount }
  entities { code name }
  workforce(groupBy: [YEAR]) { year headcount }
  engagementWaves { year }
}`;

export const INDICATORS = `query ReformIndicators {
  indicators {
    code name outcome unit
    series { period value }
    target { min max year }
    status { status latestValue projectedValue projectionYear slopePerYear method }
  }
}`;

export const HEADLINES = `query Headlines($year: Int!, $entities: [String!]) {
  workforce(year: $year, filter: { entityCodes: $entities }) { headcount womenShare }
  seniorWomen: workforce(
    year: $year
    filter: { entityCodes: $entities, gradeCategories: [PROFESSIONAL_AND_HIGHER, FIELD_SERVICE] }
  ) { womenShare }
  recruitment(year: $year, filter: { entityCodes: $entities }) { recruitments averageDaysToRecruit }
  representationSummary(year: $year) { status count }
}`;

export const WOMEN_SHARE = `query WomenShareOfProfessionalAndFieldService($entities: [String!]) {
  indicator(code: "${HEADLINE_INDICATOR}") {
    name
    series { period value }
    target { min max year }
    status { status latestValue projectedValue projectionYear slopePerYear }
  }
  workforce(
    groupBy: [YEAR]
    filter: { entityCodes: $entities, gradeCategories: [PROFESSIONAL_AND_HIGHER, FIELD_SERVICE] }
  ) { year headcount womenShare }
}`;

export const REPRESENTATION = `query GeographicalRepresentation($year: Int!, $from: Int!) {
  representationTrend(yearFrom: $from, yearTo: $year) { year status count }
  memberStates {
    iso3 name region
    representation(year: $year) { status staffCount lowerLimit midpoint upperLimit }
  }
}`;

export const WORKFORCE_BY_ENTITY = `query WorkforceByEntityAndCategory($year: Int!, $entities: [String!]) {
  workforce(year: $year, filter: { entityCodes: $entities }, groupBy: [ENTITY, GRADE_CATEGORY]) {
    entityCode gradeCategory headcount
  }
}`;

export const TIME_TO_RECRUIT = `query TimeToRecruit($entities: [String!]) {
  recruitment(groupBy: [YEAR], filter: { entityCodes: $entities }) {
    year recruitments averageDaysToRecruit
  }
}`;

export const ENGAGEMENT = `query EngagementByDimension($wave: Int!, $entities: [String!]) {
  engagement(wave: $wave, filter: { entityCodes: $entities }, groupBy: [QUESTION_DIMENSION]) {
    threshold
    cells { questionDimension respondents favourable }
  }
}`;

export const LEARNING = `query LearningCoverage($year: Int!, $entities: [String!]) {
  learningCoverage(year: $year, filter: { entityCodes: $entities }) {
    staff mandatoryShare onboardingShare leadershipShare functionalShare languageShare wellBeingShare
  }
}`;

/** Every document the dashboard sends, by name: the hub's persisted documents. */
export const DASHBOARD_DOCUMENTS: Readonly<Record<string, string>> = {
  FILTERS,
  INDICATORS,
  HEADLINES,
  WOMEN_SHARE,
  REPRESENTATION,
  WORKFORCE_BY_ENTITY,
  TIME_TO_RECRUIT,
  ENGAGEMENT,
  LEARNING,
};
