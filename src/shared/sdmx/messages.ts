import type { ArtefactRef, DataflowDefinition, Item, Observation } from './model';

/** A query the SDMX REST API rejects: its HTTP status and a message for the caller. */
export class SdmxQueryError extends Error {
  constructor(
    readonly status: 400 | 404 | 406,
    message: string,
  ) {
    super(message);
  }
}

export interface ItemSchemeContent {
  ref: ArtefactRef;
  name: string;
  items: readonly Item[];
}

export interface StructureMessage {
  prepared: Date;
  /** Artefacts written as stubs (`type=agency:id(version)`). */
  stubs: ReadonlySet<string>;
  dataflows: readonly DataflowDefinition[];
  dataStructures: readonly DataflowDefinition[];
  codelists: readonly ItemSchemeContent[];
  conceptSchemes: readonly ItemSchemeContent[];
  categorySchemes: readonly ItemSchemeContent[];
  categorisations: readonly {
    ref: ArtefactRef;
    name: string;
    flow: ArtefactRef;
    scheme: ArtefactRef;
    category: string;
  }[];
  constraints: readonly {
    ref: ArtefactRef;
    name: string;
    flow: ArtefactRef;
    keyValues: readonly { id: string; values: readonly string[] }[];
  }[];
}

export interface DataPoint {
  /** The dimensions at observation level, with their codes. */
  dimensions: [string, string][];
  value: number | null;
  attributes: readonly (string | number | null)[];
}

export interface DataMessage {
  prepared: Date;
  flow: DataflowDefinition;
  /** `TIME_PERIOD` (the default), another dimension, or `AllDimensions` (flat). */
  dimensionAtObservation: string;
  withAttributes: boolean;
  withObservations: boolean;
  /** Series by the other dimensions; one series with a null key when flat. */
  series: { key: [string, string][] | null; observations: DataPoint[] }[];
}

/** Closed periods of the report as SDMX time periods: `2021`, `2017/2021` as a range. */
export function sdmxPeriod(period: string): string {
  const span = /^(\d{4})\/(\d{4})$/.exec(period);
  if (!span) return period;
  return `${span[1]}-01-01/P${Number(span[2]) - Number(span[1]) + 1}Y`;
}
const firstYear = (period: string): number => Number(period.slice(0, 4));
const lastYear = (period: string): number => {
  const range = /^(\d{4})-01-01\/P(\d+)Y$/.exec(period);
  return range ? Number(range[1]) + Number(range[2]) - 1 : firstYear(period);
};

export interface DataQuery {
  key: string;
  startPeriod?: string;
  endPeriod?: string;
}

/** The flow a REST flowRef names: `WORKFORCE`, `UN,WORKFORCE,1.0`, `UN:WORKFORCE(1.0)`. */
export function flowIdOf(flowRefText: string): string {
  return (
    /^(?:[A-Za-z][\w.]*[,:])?([A-Z][A-Z0-9_]*)(?:[,(][\d.]+\)?|,latest|,\*)?$/.exec(
      flowRefText,
    )?.[1] ?? flowRefText
  );
}

/** Observations of a flow that match the key (`OCHA+DESA..F`) and the period bounds. */
export function selectObservations(
  flow: DataflowDefinition,
  observations: readonly Observation[],
  query: DataQuery,
): Observation[] {
  const keyDimensions = flow.dimensions.filter((d) => d.id !== 'TIME_PERIOD');
  let allowed: (Set<string> | null)[] = keyDimensions.map(() => null);
  if (query.key !== 'all' && query.key !== '*' && query.key !== '') {
    const parts = query.key.split('.');
    if (parts.length !== keyDimensions.length)
      throw new SdmxQueryError(
        400,
        `The key of ${flow.id} has ${keyDimensions.length} parts (${keyDimensions.map((d) => d.id).join('.')}), not ${parts.length}.`,
      );
    allowed = parts.map((part) => (part === '' || part === '*' ? null : new Set(part.split('+'))));
  }
  const bound = (name: string, value: string | undefined): number | null => {
    if (value === undefined) return null;
    if (!/^\d{4}(-(\d{2}|[ASQMW]\d{1,2})(-\d{2})?)?$/.test(value))
      throw new SdmxQueryError(400, `${name} must be a period such as 2019 or 2019-06.`);
    return Number(value.slice(0, 4));
  };
  const start = bound('startPeriod', query.startPeriod);
  const end = bound('endPeriod', query.endPeriod);
  return observations.filter((obs) => {
    const period = obs.key[obs.key.length - 1];
    if (start !== null && lastYear(period) < start) return false;
    if (end !== null && firstYear(period) > end) return false;
    return allowed.every((codes, i) => codes === null || codes.has(obs.key[i]));
  });
}

/** The dimensions a key asks for as totals only (`_T`), of those the flow can total. */
export function totalsOf(flow: DataflowDefinition, key: string): Set<string> {
  const parts = key === 'all' || key === '*' ? [] : key.split('.');
  const ids = flow.dimensions.filter((d) => d.id !== 'TIME_PERIOD').map((d) => d.id);
  return new Set(ids.filter((id, i) => parts[i] === '_T' && flow.totals.includes(id)));
}

export interface DataOptions {
  dimensionAtObservation?: string;
  detail?: string;
}

/**
 * The first and last observations in time of each series (`firstNObservations`,
 * `lastNObservations`), a series being the observations that share every other dimension.
 */
export function firstAndLast(
  flow: DataflowDefinition,
  observations: readonly Observation[],
  first: number | undefined,
  last: number | undefined,
): Observation[] {
  if (first === undefined && last === undefined) return [...observations];
  const time = flow.dimensions.findIndex((d) => d.id === 'TIME_PERIOD');
  const series = new Map<string, Observation[]>();
  for (const obs of observations) {
    const name = obs.key.filter((_code, i) => i !== time).join('.');
    series.set(name, [...(series.get(name) ?? []), obs]);
  }
  const kept = new Set<Observation>();
  for (const list of series.values()) {
    const ordered = [...list].sort((a, b) => (a.key[time] < b.key[time] ? -1 : 1));
    if (first !== undefined) ordered.slice(0, first).forEach((obs) => kept.add(obs));
    if (last !== undefined) ordered.slice(-last).forEach((obs) => kept.add(obs));
  }
  return observations.filter((obs) => kept.has(obs));
}

export const DATA_DETAILS = ['full', 'dataonly', 'serieskeysonly', 'nodata'] as const;

/** Observations grouped into series as the SDMX REST parameters ask. */
export function dataMessage(
  flow: DataflowDefinition,
  observations: readonly Observation[],
  options: DataOptions,
  prepared = new Date(),
): DataMessage {
  const ids = flow.dimensions.map((d) => d.id);
  const atObservation = options.dimensionAtObservation ?? 'TIME_PERIOD';
  const flat = atObservation === 'AllDimensions';
  const obsIndex = flat ? -1 : ids.indexOf(atObservation);
  if (!flat && obsIndex < 0)
    throw new SdmxQueryError(
      400,
      `dimensionAtObservation must be AllDimensions or one of ${ids.join(', ')}.`,
    );
  const detail = options.detail ?? 'full';
  if (!(DATA_DETAILS as readonly string[]).includes(detail))
    throw new SdmxQueryError(400, `detail must be one of ${DATA_DETAILS.join(', ')}.`);
  const series = new Map<string, { key: [string, string][] | null; observations: DataPoint[] }>();
  const timeIndex = ids.indexOf('TIME_PERIOD');
  const ordered = [...observations].sort((a, b) =>
    a.key[timeIndex] < b.key[timeIndex] ? -1 : a.key[timeIndex] > b.key[timeIndex] ? 1 : 0,
  );
  for (const obs of ordered) {
    const pairs = obs.key.map((code, i): [string, string] => [ids[i], code]);
    const seriesKey = flat ? null : pairs.filter((_p, i) => i !== obsIndex);
    const name = seriesKey ? seriesKey.map((p) => p[1]).join('.') : '';
    const entry = series.get(name) ?? { key: seriesKey, observations: [] };
    entry.observations.push({
      dimensions: flat ? pairs : [pairs[obsIndex]],
      value: obs.value,
      attributes: obs.attributes,
    });
    series.set(name, entry);
  }
  return {
    prepared,
    flow,
    dimensionAtObservation: atObservation,
    withAttributes: detail === 'full' || detail === 'nodata',
    withObservations: detail === 'full' || detail === 'dataonly',
    series: [...series.values()],
  };
}

/** The codes of each dimension that hold a value (an Actual content constraint). */
export function availability(
  flow: DataflowDefinition,
  observations: readonly Observation[],
): { id: string; values: string[] }[] {
  const withData = observations.filter((obs) => obs.value !== null);
  return flow.dimensions.map((dimension, i) => ({
    id: dimension.id,
    values: [...new Set(withData.map((obs) => obs.key[i]))].sort(),
  }));
}
