import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { stringify } from 'csv-stringify/sync';
import type { Request, Response } from 'express';
import type { RequestContext } from '../shared/context';
import { ErrorCode } from '../shared/errors';
import { runAsCaller, sendError, type CallerContext } from './http-errors';
import { spreadsheetSafe } from '../shared/export/spreadsheet-safe';

/**
 * Indicators and the main workforce aggregates as SDMX, so the UN's statistical tooling (.Stat
 * Suite, sdmx1, rsdmx, Fusion) can read the hub: `GET /sdmx/data/<dataflow>[/<key>]` in
 * SDMX-CSV 2.0.0 or SDMX-JSON 2.1.0 (data message aligned with SDMX 3.1), with the key filter
 * (`OCHA+DESA.F`, an empty part for all) and `startPeriod`/`endPeriod` of the SDMX REST API;
 * `GET /sdmx/dataflow` lists the dataflows. A data subset, not the SDMX REST API: no structure
 * queries beyond the list, no `updatedAfter`, observations always flat (AllDimensions).
 * The data come from the GraphQL API as the caller, so roles, scopes and disclosure control
 * apply as they do to every other answer.
 */

const AGENCY = 'UN';
const VERSION = '1.0.0';
const CSV_TYPE = 'application/vnd.sdmx.data+csv; version=2.0.0';
const JSON_TYPE = 'application/vnd.sdmx.data+json; version=2.1.0';
const JSON_SCHEMA = 'https://json.sdmx.org/2.1/sdmx-json-data-schema.json';

interface Component {
  id: string;
  name: string;
  /** The code list, when the component is coded (its values are indexed in SDMX-JSON). */
  coded: boolean;
}

/** One observation: a value per dimension (in order), the measure, a value per attribute. */
interface Observation {
  key: string[];
  value: number | null;
  attributes: (string | number | null)[];
}

interface Dataflow {
  id: string;
  name: string;
  description: string;
  /** The GraphQL query behind it (run as the caller). */
  query: string;
  /** Dimensions in key order; TIME_PERIOD last. */
  dimensions: Component[];
  attributes: Component[];
  observations(data: Record<string, unknown>): Observation[];
}

const SEX: Readonly<Record<string, string>> = { FEMALE: 'F', MALE: 'M' };

/** Closed periods of the report as SDMX time periods: `2021`, `2021-06`, `2017/2021` as a range. */
export function sdmxPeriod(period: string): string {
  const span = /^(\d{4})\/(\d{4})$/.exec(period);
  if (!span) return period;
  return `${span[1]}-01-01/P${Number(span[2]) - Number(span[1]) + 1}Y`;
}

/** The first year a period covers (for startPeriod and endPeriod). */
const firstYear = (period: string): number => Number(period.slice(0, 4));
const lastYear = (period: string): number => {
  const range = /^(\d{4})-01-01\/P(\d+)Y$/.exec(period);
  return range ? Number(range[1]) + Number(range[2]) - 1 : firstYear(period);
};

interface IndicatorRow {
  code: string;
  unit: string;
  target: { min: number | null; max: number | null; year: number | null } | null;
  series: { period: string; value: number; qualifier: string }[];
}

interface WorkforceRow {
  entityCode: string | null;
  gender: string | null;
  year: number;
  headcount: number | null;
  suppressed: boolean;
  disclosure: string;
}

export const DATAFLOWS: readonly Dataflow[] = [
  {
    id: 'REFORM_INDICATORS',
    name: 'Human resources reform indicators (A/77/590/Add.1)',
    description:
      'Each published figure of the report, with its unit, qualifier and the target band it is measured against.',
    query: `query SdmxIndicators {
      indicators { code unit target { min max year } series { period value qualifier } }
    }`,
    dimensions: [
      { id: 'INDICATOR', name: 'Indicator', coded: true },
      { id: 'TIME_PERIOD', name: 'Time period', coded: true },
    ],
    attributes: [
      { id: 'UNIT_MEASURE', name: 'Unit of measure', coded: true },
      { id: 'OBS_QUALIFIER', name: 'How the report qualifies the figure', coded: true },
      { id: 'TARGET_LOWER', name: 'Target band, lower bound', coded: false },
      { id: 'TARGET_UPPER', name: 'Target band, upper bound', coded: false },
      { id: 'TARGET_YEAR', name: 'Year the target is due', coded: false },
    ],
    observations(data) {
      return (data.indicators as IndicatorRow[]).flatMap((indicator) =>
        indicator.series.map((point) => ({
          key: [indicator.code, sdmxPeriod(point.period)],
          value: point.value,
          attributes: [
            indicator.unit,
            point.qualifier,
            indicator.target?.min ?? null,
            indicator.target?.max ?? null,
            indicator.target?.year ?? null,
          ],
        })),
      );
    },
  },
  {
    id: 'WORKFORCE',
    name: 'Secretariat workforce by entity and sex',
    description:
      'Headcount on 31 December by entity, sex and year. Small cells are suppressed and, below the hr role, counts are perturbed (OBS_STATUS E).',
    query: `query SdmxWorkforce {
      workforce(groupBy: [ENTITY, GENDER, YEAR]) {
        entityCode gender year headcount suppressed disclosure
      }
    }`,
    dimensions: [
      { id: 'ENTITY', name: 'Secretariat entity', coded: true },
      { id: 'SEX', name: 'Sex', coded: true },
      { id: 'TIME_PERIOD', name: 'Time period', coded: true },
    ],
    attributes: [
      { id: 'UNIT_MEASURE', name: 'Unit of measure', coded: true },
      { id: 'OBS_STATUS', name: 'Observation status', coded: true },
      { id: 'CONF_STATUS', name: 'Confidentiality status', coded: true },
    ],
    observations(data) {
      return (data.workforce as WorkforceRow[])
        .filter((cell) => cell.entityCode !== null)
        .map((cell) => ({
          key: [
            String(cell.entityCode),
            cell.gender ? (SEX[cell.gender] ?? '_O') : '_U',
            String(cell.year),
          ],
          value: cell.suppressed ? null : cell.headcount,
          attributes: [
            'PS',
            // SDMX's code lists: A normal, E estimated (noise added); F free, C confidential.
            cell.disclosure === 'PERTURBED' ? 'E' : 'A',
            cell.suppressed ? 'C' : 'F',
          ],
        }));
    },
  },
];

const urn = (flow: Dataflow) =>
  `urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=${AGENCY}:${flow.id}(${VERSION})`;

class SdmxRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Observations of a dataflow that match the key filter and the period bounds. */
function select(flow: Dataflow, observations: Observation[], req: Request): Observation[] {
  const keyDimensions = flow.dimensions.filter((d) => d.id !== 'TIME_PERIOD');
  const keyText = req.params.key === undefined ? 'all' : String(req.params.key);
  let allowed: (Set<string> | null)[] = keyDimensions.map(() => null);
  if (keyText !== 'all' && keyText !== '*') {
    const parts = keyText.split('.');
    if (parts.length !== keyDimensions.length)
      throw new SdmxRequestError(
        400,
        ErrorCode.BAD_USER_INPUT,
        `The key of ${flow.id} has ${keyDimensions.length} parts (${keyDimensions.map((d) => d.id).join('.')}), not ${parts.length}.`,
      );
    allowed = parts.map((part) => (part === '' || part === '*' ? null : new Set(part.split('+'))));
  }
  const bound = (name: string): number | null => {
    const value = req.query[name];
    if (value === undefined) return null;
    if (typeof value !== 'string' || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value))
      throw new SdmxRequestError(
        400,
        ErrorCode.BAD_USER_INPUT,
        `${name} must be a year such as 2019.`,
      );
    return Number(value.slice(0, 4));
  };
  const start = bound('startPeriod');
  const end = bound('endPeriod');
  return observations.filter((obs) => {
    const period = obs.key[obs.key.length - 1];
    if (start !== null && lastYear(period) < start) return false;
    if (end !== null && firstYear(period) > end) return false;
    return allowed.every((codes, i) => codes === null || codes.has(obs.key[i]));
  });
}

export function toSdmxCsv(flow: Dataflow, observations: readonly Observation[]): string {
  const id = `${AGENCY}:${flow.id}(${VERSION})`;
  return stringify(
    observations.map((obs) => ['dataflow', id, 'I', ...obs.key, obs.value, ...obs.attributes]),
    {
      header: true,
      columns: [
        'STRUCTURE',
        'STRUCTURE_ID',
        'ACTION',
        ...flow.dimensions.map((d) => d.id),
        'OBS_VALUE',
        ...flow.attributes.map((a) => a.id),
      ],
      record_delimiter: '\r\n',
      cast: { string: spreadsheetSafe },
    },
  );
}

/** SDMX-JSON 2.1.0 data message, every dimension at observation level. */
export function toSdmxJson(flow: Dataflow, observations: readonly Observation[]): unknown {
  const codes = (index: number, list: readonly (string | number | null)[][]) => {
    const seen: string[] = [];
    for (const values of list) {
      const value = values[index];
      if (value !== null && !seen.includes(String(value))) seen.push(String(value));
    }
    return seen;
  };
  const dimensionValues = flow.dimensions.map((_d, i) =>
    codes(
      i,
      observations.map((o) => o.key),
    ),
  );
  const attributeValues = flow.attributes.map((a, i) =>
    a.coded
      ? codes(
          i,
          observations.map((o) => o.attributes),
        )
      : null,
  );
  const entries = observations.map((obs) => {
    const position = obs.key.map((code, i) => dimensionValues[i].indexOf(code)).join(':');
    const attributes = obs.attributes.map((value, i) => {
      const values = attributeValues[i];
      return values === null || value === null ? value : values.indexOf(String(value));
    });
    return [position, [obs.value, ...attributes]] as const;
  });
  return {
    $schema: JSON_SCHEMA,
    meta: {
      id: randomUUID(),
      prepared: new Date().toISOString(),
      test: false,
      contentLanguages: ['en'],
      sender: { id: 'REFORMGRAPH', name: 'reformgraph' },
    },
    data: {
      structures: [
        {
          links: [{ urn: urn(flow), rel: 'dataflow' }],
          name: flow.name,
          description: flow.description,
          dimensions: {
            dataSet: [],
            series: [],
            observation: flow.dimensions.map((d, i) => ({
              id: d.id,
              name: d.name,
              keyPosition: i,
              ...(d.id === 'TIME_PERIOD' ? { roles: ['TIME_PERIOD'] } : {}),
              values: dimensionValues[i].map((id) => ({ id, name: id })),
            })),
          },
          measures: { observation: [{ id: 'OBS_VALUE', name: 'Observation value' }] },
          attributes: {
            dataSet: [],
            series: [],
            observation: flow.attributes.map((a, i) => ({
              id: a.id,
              name: a.name,
              ...(attributeValues[i]
                ? { values: attributeValues[i].map((id) => ({ id, name: id })) }
                : {}),
            })),
          },
        },
      ],
      dataSets: [
        { structure: 0, action: 'Information', observations: Object.fromEntries(entries) },
      ],
    },
  };
}

export interface SdmxRouteOptions {
  apollo: ApolloServer<RequestContext>;
  context: CallerContext;
}

/** `GET /sdmx/dataflow` and `GET /sdmx/data/:flow{/:key}`. */
export function sdmxHandlers(options: SdmxRouteOptions) {
  const byId = new Map(DATAFLOWS.map((flow) => [flow.id, flow]));

  const dataflows = (_req: Request, res: Response) => {
    res.json(
      DATAFLOWS.map((flow) => ({
        id: flow.id,
        agencyID: AGENCY,
        version: VERSION,
        urn: urn(flow),
        name: flow.name,
        description: flow.description,
        dimensions: flow.dimensions.map((d) => d.id),
        attributes: flow.attributes.map((a) => a.id),
      })),
    );
  };

  const data = async (req: Request, res: Response) => {
    const id = String(req.id);
    // `UN,REFORM_INDICATORS,1.0.0` and `UN:REFORM_INDICATORS(1.0.0)` name the same flow.
    const flowRef = String(req.params.flow);
    const flowId = /^(?:[A-Z]+[,:])?([A-Z_]+)(?:[,(][\d.]+\)?)?$/.exec(flowRef)?.[1] ?? flowRef;
    const flow = byId.get(flowId);
    if (!flow) {
      sendError(
        res,
        404,
        `No dataflow ${flowRef}: GET /sdmx/dataflow lists them.`,
        ErrorCode.NOT_FOUND,
        id,
      );
      return;
    }
    const accepted = req.accepts([JSON_TYPE, 'application/json', CSV_TYPE, 'text/csv']);
    const format =
      req.query.format === 'csv' || req.query.format === 'json'
        ? req.query.format
        : accepted === CSV_TYPE || accepted === 'text/csv'
          ? 'csv'
          : 'json';
    const result = await runAsCaller(options.apollo, options.context, req, res, flow.query);
    if (!result) return;
    let observations: Observation[];
    try {
      observations = select(flow, flow.observations(result.data), req);
    } catch (error) {
      if (!(error instanceof SdmxRequestError)) throw error;
      sendError(res, error.status, error.message, error.code, id);
      return;
    }
    if (observations.length === 0) {
      // The SDMX REST API answers 404 NoResultsFound when a query matches nothing.
      sendError(
        res,
        404,
        `No observations of ${flow.id} match this query.`,
        ErrorCode.NOT_FOUND,
        id,
      );
      return;
    }
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Vary', 'Authorization, Accept');
    res.setHeader('Content-Language', 'en');
    if (format === 'csv') {
      res.type(`${CSV_TYPE}; charset=utf-8`);
      res.send(toSdmxCsv(flow, observations));
    } else {
      res.type(`${JSON_TYPE}; charset=utf-8`);
      res.send(JSON.stringify(toSdmxJson(flow, observations)));
    }
  };
  return { dataflows, data };
}
