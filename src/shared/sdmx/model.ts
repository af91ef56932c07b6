/**
 * The SDMX information model as the hub publishes it: maintainable artefacts (dataflows, data
 * structures, codelists, concept schemes, category schemes, categorisations, content
 * constraints) named by agency, id and version, and the dataflow declarations the datasets make.
 * Everything here is plain data; the formats (SDMX-ML, SDMX-JSON, SDMX-CSV) write it.
 */

/** The hub's own agency; the cross-domain lists keep SDMX's. */
export const AGENCY = 'UN';
export const VERSION = '1.0';

export interface ArtefactRef {
  agency: string;
  id: string;
  version: string;
}

export interface Item {
  id: string;
  name: string;
  description?: string;
}

/** Codes of a codelist: fixed, or read by a GraphQL query run as the caller. */
export type CodeSource =
  | { kind: 'fixed'; codes: readonly Item[] }
  | {
      kind: 'query';
      /** One GraphQL selection on Query, e.g. `entities { code name }`. */
      selection: string;
      read(data: unknown): Item[];
    };

export interface CodelistDefinition {
  ref: ArtefactRef;
  name: string;
  source: CodeSource;
  /** From a hub code (a GraphQL value) to the codelist's code, when they differ. */
  code?: (value: string) => string;
}

export interface Concept {
  scheme: ArtefactRef;
  id: string;
  name: string;
}

export interface ComponentDefinition {
  id: string;
  concept: Concept;
  /** Null: not coded (TIME_PERIOD, a number). */
  codelist: CodelistDefinition | null;
}

/** One observation: a code per dimension (in order), the measure, a value per attribute. */
export interface Observation {
  key: string[];
  value: number | null;
  attributes: (string | number | null)[];
}

export interface DataflowDefinition {
  id: string;
  name: string;
  description: string;
  /** The fact it reads, when it is derived from one (which must be in the graph). */
  fact?: string;
  /** Categories of the category scheme (the report's outcome areas) the flow belongs to. */
  categories: readonly string[];
  /** Dimensions in key order; TIME_PERIOD last. */
  dimensions: readonly ComponentDefinition[];
  attributes: readonly ComponentDefinition[];
  /**
   * The dimensions whose key part may be `_T`, the total over the dimension: the query then does
   * not group by it (fewer dimensions, as a protected role's shape allows).
   */
  totals: readonly string[];
  /**
   * The GraphQL query behind it, run as the caller (roles, scope and disclosure apply), with
   * the dimensions asked for as totals left out of the grouping.
   */
  query(totals: ReadonlySet<string>): string;
  observations(data: Record<string, unknown>, totals: ReadonlySet<string>): Observation[];
}

/** The code of the total over a dimension (SDMX's cross-domain `_T`). */
export const TOTAL: Item = { id: '_T', name: 'Total' };

/** A category of the hub's category scheme, declared by the dataset that owns the notion. */
export type CategoryDefinition = Item;

/** What a dataset module publishes as SDMX. */
export interface SdmxDeclaration {
  categories?: readonly CategoryDefinition[];
  dataflows?: readonly DataflowDefinition[];
}

export const refText = (ref: ArtefactRef) => `${ref.agency}:${ref.id}(${ref.version})`;

// The cross-domain concepts and codelists of SDMX (the SDMX Global Registry's
// CROSS_DOMAIN_CONCEPTS and CL_* lists): the hub serves the codes it uses.
const CROSS_DOMAIN: ArtefactRef = { agency: 'SDMX', id: 'CROSS_DOMAIN_CONCEPTS', version: '2.0' };
const crossDomainConcept = (id: string, name: string): Concept => ({
  scheme: CROSS_DOMAIN,
  id,
  name,
});
const fixed = (
  id: string,
  version: string,
  name: string,
  codes: readonly Item[],
): CodelistDefinition => ({
  ref: { agency: 'SDMX', id, version },
  name,
  source: { kind: 'fixed', codes },
});

export const TIME_PERIOD: ComponentDefinition = {
  id: 'TIME_PERIOD',
  concept: crossDomainConcept('TIME_PERIOD', 'Time period or range'),
  codelist: null,
};
export const OBS_VALUE_CONCEPT = crossDomainConcept('OBS_VALUE', 'Observation value');

export const CL_OBS_STATUS = fixed('CL_OBS_STATUS', '2.2', 'Observation status', [
  { id: 'A', name: 'Normal value' },
  { id: 'E', name: 'Estimated value' },
]);
export const CL_CONF_STATUS = fixed('CL_CONF_STATUS', '1.3', 'Confidentiality status', [
  { id: 'F', name: 'Free' },
  { id: 'C', name: 'Confidential statistical information' },
]);
export const CL_SEX: CodelistDefinition = {
  ...fixed('CL_SEX', '2.1', 'Sex', [
    { id: 'F', name: 'Female' },
    { id: 'M', name: 'Male' },
  ]),
};
export const CL_FREQ = fixed('CL_FREQ', '2.1', 'Frequency', [{ id: 'A', name: 'Annual' }]);
export const CL_UNIT_MULT = fixed('CL_UNIT_MULT', '1.1', 'Unit multiplier', [
  { id: '0', name: 'Units' },
]);

/** A component that is one of SDMX's cross-domain concepts, coded by its codelist. */
const crossDomainComponent = (
  id: string,
  name: string,
  codelist: CodelistDefinition,
): ComponentDefinition => ({ id, concept: crossDomainConcept(id, name), codelist });

export const OBS_STATUS = crossDomainComponent('OBS_STATUS', 'Observation status', CL_OBS_STATUS);
export const CONF_STATUS = crossDomainComponent(
  'CONF_STATUS',
  'Confidentiality status',
  CL_CONF_STATUS,
);
/** How often the series is observed: the facts' periods are years (and survey waves). */
export const FREQ = crossDomainComponent('FREQ', 'Frequency', CL_FREQ);
export const UNIT_MULT = crossDomainComponent('UNIT_MULT', 'Unit multiplier', CL_UNIT_MULT);

/** The hub's units of measure (a codelist of its own: CL_UNIT_MEASURE). */
export const UNITS = {
  PS: 'Persons',
  PT: 'Percent',
  NUMBER: 'Number',
} as const;
export type Unit = keyof typeof UNITS;

/** The hub's concept scheme: the concepts no cross-domain concept covers. */
export const HUB_CONCEPTS: ArtefactRef = { agency: AGENCY, id: 'CS_REFORMGRAPH', version: VERSION };
export const hubConcept = (id: string, name: string): Concept => ({
  scheme: HUB_CONCEPTS,
  id,
  name,
});

export const hubCodelist = (
  id: string,
  name: string,
  source: CodeSource,
  code?: (value: string) => string,
): CodelistDefinition => ({
  ref: { agency: AGENCY, id, version: VERSION },
  name,
  source,
  ...(code ? { code } : {}),
});

export const UNIT_MEASURE = crossDomainComponent(
  'UNIT_MEASURE',
  'Unit of measure',
  hubCodelist('CL_UNIT_MEASURE', 'Unit of measure', {
    kind: 'fixed',
    codes: Object.entries(UNITS).map(([id, name]) => ({ id, name })),
  }),
);

/** Cross-domain concepts a fact dimension may be published as. */
export const CROSS_DOMAIN_DIMENSIONS = {
  /** Sex, coded F and M (the hub's gender enums hold these codes). */
  SEX: {
    concept: crossDomainConcept('SEX', 'Sex'),
    codelist: CL_SEX,
  },
  /** A reference area: the member states by ISO3 (CL_AREA uses ISO 3166 alpha-3). */
  REF_AREA: {
    concept: crossDomainConcept('REF_AREA', 'Reference area'),
    codelist: {
      ref: { agency: 'SDMX', id: 'CL_AREA', version: '2.0' },
      name: 'Geographical areas',
      source: {
        kind: 'query',
        selection: 'memberStates { iso3 name }',
        read: (data: unknown) =>
          (data as { iso3: string; name: string }[]).map((m) => ({ id: m.iso3, name: m.name })),
      },
    } satisfies CodelistDefinition,
  },
} as const;
export type CrossDomainDimension = keyof typeof CROSS_DOMAIN_DIMENSIONS;

/** `AGE_30_39` as a name: "Age 30 39"; codes without a label of their own are named so. */
export const humanize = (code: string): string =>
  code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, ' ');
