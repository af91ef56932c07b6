import type { ApolloServer } from '@apollo/server';
import type { Request, Response } from 'express';
import type { RequestContext } from '../shared/graph';
import { ErrorCode } from '../shared/errors';
import {
  CATEGORY_SCHEME,
  STRUCTURE_TYPES,
  SdmxQueryError,
  availability,
  codesOf,
  constraintRef,
  dataCsv,
  dataJson,
  dataMessage,
  firstAndLast,
  flowIdOf,
  flowRef,
  genericDataXml,
  refText,
  selectObservations,
  totalsOf,
  structureJson,
  structureSpecificDataXml,
  structureSpecificSchema,
  structureXml,
  type Artefact,
  type DataflowDefinition,
  type Observation,
  type SdmxRegistry,
  type StructureMessage,
  type StructureType,
} from '../shared/sdmx';
import { runAsCaller, sendError, type CallerContext } from './http-errors';

/**
 * The SDMX REST API (2.1 path forms, and the 2.x ones where they differ) over the dataflows the
 * dataset modules declare: structures (`/sdmx/<type>/<agency>/<id>/<version>` with `references`
 * and `detail`), data (`/sdmx/data/<flowRef>/<key>`) and availability
 * (`/sdmx/availableconstraint/<flowRef>/<key>`) and the schema of structure-specific data
 * (`/sdmx/schema/dataflow/<agency>/<id>/<version>`), in SDMX-ML 2.1 (the default), SDMX-JSON and
 * SDMX-CSV by `Accept` or `format=`. Everything is read through the GraphQL API as the caller,
 * so roles, scope, disclosure control and the response cache apply as to any other answer.
 */

interface Format<K extends string = string> {
  type: string;
  /** What is written under this media type. */
  kind: K;
  /** `format=` values that choose it. */
  names: readonly string[];
}

const STRUCTURE_FORMATS: readonly Format<'xml' | 'json'>[] = [
  {
    type: 'application/vnd.sdmx.structure+xml;version=2.1',
    kind: 'xml',
    names: ['sdmx-ml', 'xml', 'structure'],
  },
  { type: 'application/xml', kind: 'xml', names: [] },
  { type: 'text/xml', kind: 'xml', names: [] },
  {
    type: 'application/vnd.sdmx.structure+json;version=1.0',
    kind: 'json',
    names: ['json', 'sdmx-json'],
  },
  { type: 'application/json', kind: 'json', names: [] },
];
const DATA_FORMATS: readonly Format<'generic' | 'structurespecific' | 'json' | 'csv'>[] = [
  {
    type: 'application/vnd.sdmx.genericdata+xml;version=2.1',
    kind: 'generic',
    names: ['genericdata', 'xml', 'sdmx-ml'],
  },
  { type: 'application/xml', kind: 'generic', names: [] },
  { type: 'text/xml', kind: 'generic', names: [] },
  {
    type: 'application/vnd.sdmx.structurespecificdata+xml;version=2.1',
    kind: 'structurespecific',
    names: ['structurespecificdata'],
  },
  {
    type: 'application/vnd.sdmx.data+json;version=2.1.0',
    kind: 'json',
    names: ['jsondata', 'json', 'sdmx-json'],
  },
  { type: 'application/json', kind: 'json', names: [] },
  {
    type: 'application/vnd.sdmx.data+csv;version=2.0.0',
    kind: 'csv',
    names: ['csvdata', 'csv', 'sdmx-csv'],
  },
  { type: 'text/csv', kind: 'csv', names: [] },
];
const SCHEMA_FORMATS: readonly Format<'xsd'>[] = [
  { type: 'application/vnd.sdmx.schema+xml;version=2.1', kind: 'xsd', names: ['xml', 'xsd'] },
  { type: 'application/xml', kind: 'xsd', names: [] },
  { type: 'text/xml', kind: 'xsd', names: [] },
];
const STRUCTURE_DETAILS = [
  'full',
  'allstubs',
  'referencestubs',
  'allcompletestubs',
  'referencecompletestubs',
  'referencepartial',
];
const REFERENCES = [
  'none',
  'parents',
  'parentsandsiblings',
  'children',
  'descendants',
  'all',
  ...STRUCTURE_TYPES,
];

/** The format a request asks for: `format=`, else `Accept` (none or `*\/*`: the first). */
function negotiate<K extends string>(req: Request, formats: readonly Format<K>[]): Format<K> {
  const asked = req.query.format;
  if (typeof asked === 'string') {
    const byName = formats.find((f) => f.names.includes(asked));
    if (!byName)
      throw new SdmxQueryError(
        406,
        `format=${asked} is not served here; one of ${formats.flatMap((f) => f.names).join(', ')}.`,
      );
    return byName;
  }
  const chosen = req.accepts(formats.map((f) => f.type));
  const format = chosen ? formats.find((f) => f.type === chosen) : undefined;
  if (!format)
    throw new SdmxQueryError(
      406,
      `Not acceptable: this resource is served as ${formats.map((f) => f.type).join(', ')}.`,
    );
  return format;
}

const query = (req: Request, name: string): string | undefined => {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new SdmxQueryError(400, `${name} is given more than once.`);
  return value;
};
const count = (req: Request, name: string): number | undefined => {
  const value = query(req, name);
  if (value === undefined) return undefined;
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1)
    throw new SdmxQueryError(400, `${name} must be a positive whole number.`);
  return Number(value);
};
const param = (req: Request, name: string, fallback: string): string => {
  const value = req.params[name];
  return typeof value === 'string' && value !== '' ? value : fallback;
};

export interface SdmxRouteOptions {
  apollo: ApolloServer<RequestContext>;
  context: CallerContext;
  registry: SdmxRegistry;
}

export function sdmxHandlers(options: SdmxRouteOptions) {
  const { registry } = options;

  /** Runs a GraphQL query as the caller; null when an error answer was sent. */
  const asCaller = (req: Request, res: Response, document: string) =>
    runAsCaller(options.apollo, options.context, req, res, document).then((r) => r?.data ?? null);

  /**
   * A flow's observations as the caller sees them, and the datasets they were read from (the
   * answer's `datasets` extension); null when an error answer was sent.
   */
  const readFlow = async (
    req: Request,
    res: Response,
    flow: DataflowDefinition,
    totals: ReadonlySet<string>,
  ) => {
    const result = await runAsCaller(options.apollo, options.context, req, res, flow.query(totals));
    if (!result) return null;
    const datasets = Object.keys((result.extensions?.datasets as object | undefined) ?? {});
    return { observations: flow.observations(result.data, totals), datasets };
  };
  const observationsOf = async (
    req: Request,
    res: Response,
    flow: DataflowDefinition,
    totals: ReadonlySet<string>,
  ) => (await readFlow(req, res, flow, totals))?.observations ?? null;

  /**
   * The codes of each dimension that hold data for a key. For the whole flow, each dimension is
   * read with the others as totals, so every query keeps to a protected role's shape.
   */
  const availableFor = async (
    req: Request,
    res: Response,
    flow: DataflowDefinition,
    key: string,
  ) => {
    const passes =
      key === 'all' && flow.totals.length > 1
        ? flow.totals.map((kept) => new Set(flow.totals.filter((id) => id !== kept)))
        : [totalsOf(flow, key)];
    const values = new Map<string, Set<string>>(flow.dimensions.map((d) => [d.id, new Set()]));
    for (const totals of passes) {
      const all = await observationsOf(req, res, flow, totals);
      if (!all) return null;
      const observations = selectObservations(flow, all, { ...dataQuery(req), key });
      for (const kv of availability(flow, observations))
        if (!totals.has(kv.id)) for (const v of kv.values) values.get(kv.id)?.add(v);
    }
    return flow.dimensions.map((d) => ({ id: d.id, values: [...(values.get(d.id) ?? [])].sort() }));
  };

  const fail = (req: Request, res: Response, error: unknown) => {
    if (!(error instanceof SdmxQueryError)) throw error;
    const code = {
      400: ErrorCode.BAD_USER_INPUT,
      404: ErrorCode.NOT_FOUND,
      406: ErrorCode.NOT_ACCEPTABLE,
    }[error.status];
    sendError(res, error.status, error.message, code, String(req.id));
  };

  const flowOf = (flowText: string): DataflowDefinition => {
    const flow = registry.flow(flowIdOf(flowText));
    if (!flow)
      throw new SdmxQueryError(404, `No dataflow ${flowText}: GET /sdmx/dataflow lists them.`);
    return flow;
  };

  const send = (res: Response, type: string, body: string) => {
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Vary', 'Authorization, Accept');
    res.setHeader('Content-Language', 'en');
    res.type(`${type}; charset=utf-8`);
    res.send(body);
  };

  /** `/sdmx/<type>/<agency>/<id>/<version>` and `/sdmx/structure/<type>/...`. */
  const structure = async (req: Request, res: Response) => {
    try {
      const type = STRUCTURE_TYPES.find((t) => t === req.params.type);
      if (!type)
        throw new SdmxQueryError(
          404,
          `No SDMX resource ${String(req.params.type)}: structures are ${STRUCTURE_TYPES.join(', ')}; data is /sdmx/data/<flow>/<key>.`,
        );
      const format = negotiate(req, STRUCTURE_FORMATS);
      const references = query(req, 'references') ?? 'none';
      if (!REFERENCES.includes(references))
        throw new SdmxQueryError(400, `references must be one of ${REFERENCES.join(', ')}.`);
      const detail = query(req, 'detail') ?? 'full';
      if (!STRUCTURE_DETAILS.includes(detail))
        throw new SdmxQueryError(400, `detail must be one of ${STRUCTURE_DETAILS.join(', ')}.`);
      const found = registry.find(
        type,
        param(req, 'agency', 'all'),
        param(req, 'id', 'all'),
        param(req, 'version', 'latest'),
      );
      if (found.length === 0) throw new SdmxQueryError(404, `No ${type} matches this query.`);
      const referenced = registry.referenced(found, references);
      const all = [...found, ...referenced];
      const keyOf = (a: Artefact) => `${a.type}=${refText(a.ref)}`;
      const stubs = new Set(
        (detail.startsWith('all')
          ? all
          : detail.startsWith('reference') && detail !== 'referencepartial'
            ? referenced
            : []
        ).map(keyOf),
      );
      const message = await materialize(
        req,
        res,
        all,
        stubs,
        detail === 'referencepartial' ? found : null,
      );
      if (!message) return;
      if (format.kind === 'json') send(res, format.type, JSON.stringify(structureJson(message)));
      else send(res, format.type, structureXml(message));
    } catch (error) {
      fail(req, res, error);
    }
  };

  /** The content of the artefacts of a structure message; null when an error answer was sent. */
  const materialize = async (
    req: Request,
    res: Response,
    artefacts: readonly Artefact[],
    stubs: ReadonlySet<string>,
    partialFor: readonly Artefact[] | null,
  ): Promise<StructureMessage | null> => {
    const of = (type: StructureType) => artefacts.filter((a) => a.type === type);
    const full = (type: StructureType) =>
      of(type).filter((a) => !stubs.has(`${a.type}=${refText(a.ref)}`));
    const flowsOf = (list: readonly Artefact[]) => list.flatMap((a) => (a.flow ? [a.flow] : []));
    // Codelists read from the graph are asked for in one query, each under an alias.
    const codelists = of('codelist').flatMap((artefact) => {
      const definition = registry.codelists.get(`codelist=${refText(artefact.ref)}`);
      return definition ? [{ artefact, definition }] : [];
    });
    const queried = codelists.filter(
      (c) =>
        c.definition.source.kind === 'query' && !stubs.has(`codelist=${refText(c.artefact.ref)}`),
    );
    let listData: Record<string, unknown> = {};
    if (queried.length > 0) {
      const selections = queried.map((c, i) =>
        c.definition.source.kind === 'query' ? `cl${i}: ${c.definition.source.selection}` : '',
      );
      const data = await asCaller(req, res, `query SdmxCodelists { ${selections.join(' ')} }`);
      if (!data) return null;
      listData = Object.fromEntries(
        queried.map((c, i) => [refText(c.artefact.ref), data[`cl${i}`]]),
      );
    }
    const constraints: StructureMessage['constraints'][number][] = [];
    for (const artefact of of('contentconstraint')) {
      const { flow } = artefact;
      if (!flow) continue;
      let keyValues: { id: string; values: string[] }[] = [];
      if (!stubs.has(`contentconstraint=${refText(artefact.ref)}`)) {
        const available = await availableFor(req, res, flow, 'all');
        if (!available) return null;
        keyValues = available;
      }
      constraints.push({ ref: artefact.ref, name: artefact.name, flow: flowRef(flow), keyValues });
    }
    const used = partialFor ? registry.conceptsUsedBy(partialFor) : null;
    return {
      prepared: new Date(),
      stubs,
      dataflows: flowsOf(of('dataflow')),
      dataStructures: flowsOf(of('datastructure')),
      codelists: codelists.map(({ artefact, definition }) => ({
        ref: artefact.ref,
        name: definition.name,
        items: full('codelist').includes(artefact)
          ? codesOf(definition, listData[refText(artefact.ref)])
          : [],
      })),
      conceptSchemes: of('conceptscheme').map((a) => {
        const scheme = registry.conceptSchemes.get(refText(a.ref));
        const concepts = [...(scheme?.concepts.values() ?? [])].filter(
          (c) => used === null || partialFor?.includes(a) || used.has(`${refText(a.ref)}.${c.id}`),
        );
        return {
          ref: a.ref,
          name: a.name,
          items: concepts.map((c) => ({ id: c.id, name: c.name })),
        };
      }),
      categorySchemes: of('categoryscheme').map((a) => ({
        ref: a.ref,
        name: a.name,
        items: registry.categories,
      })),
      categorisations: of('categorisation').flatMap(({ ref, name, flow, category }) =>
        flow && category
          ? [{ ref, name, flow: flowRef(flow), scheme: CATEGORY_SCHEME, category }]
          : [],
      ),
      constraints,
    };
  };

  const dataQuery = (req: Request) => ({
    key: param(req, 'key', 'all'),
    startPeriod: query(req, 'startPeriod'),
    endPeriod: query(req, 'endPeriod'),
  });

  /** `/sdmx/data/<flowRef>/<key>` and `/sdmx/data/dataflow/<agency>/<id>/<version>/<key>`. */
  const data = async (req: Request, res: Response) => {
    try {
      const flow = flowOf(
        typeof req.params.flow === 'string' ? req.params.flow : param(req, 'id', ''),
      );
      const format = negotiate(req, DATA_FORMATS);
      const options = {
        dimensionAtObservation: query(req, 'dimensionAtObservation'),
        detail: query(req, 'detail'),
      };
      const first = count(req, 'firstNObservations');
      const last = count(req, 'lastNObservations');
      const updatedAfter = query(req, 'updatedAfter');
      if (updatedAfter !== undefined && Number.isNaN(Date.parse(updatedAfter)))
        throw new SdmxQueryError(400, 'updatedAfter must be an ISO 8601 date and time.');
      const request = dataQuery(req);
      // The key, periods and options are checked before anything is read.
      selectObservations(flow, [], request);
      dataMessage(flow, [], options);
      const read = await readFlow(req, res, flow, totalsOf(flow, request.key));
      if (!read) return;
      let observations: Observation[] = firstAndLast(
        flow,
        selectObservations(flow, read.observations, request),
        first,
        last,
      );
      if (updatedAfter !== undefined) {
        const loaded = await loadedAt(req, res, read.datasets);
        if (loaded === undefined) return;
        // A load replaces a dataset's rows: every observation changed when it last loaded.
        if (loaded === null || loaded <= Date.parse(updatedAfter)) observations = [];
      }
      if (observations.length === 0)
        // The SDMX REST API answers 404 NoResultsFound when a query matches nothing.
        throw new SdmxQueryError(404, `No observations of ${flow.id} match this query.`);
      if (format.kind === 'csv') send(res, format.type, dataCsv(flow, observations));
      else if (format.kind === 'json')
        send(res, format.type, JSON.stringify(dataJson(flow, observations)));
      else {
        const message = dataMessage(flow, observations, options);
        send(
          res,
          format.type,
          format.kind === 'generic' ? genericDataXml(message) : structureSpecificDataXml(message),
        );
      }
    } catch (error) {
      fail(req, res, error);
    }
  };

  /** When the datasets an answer read last loaded (ms), null if never; undefined: answer sent. */
  const loadedAt = async (req: Request, res: Response, names: readonly string[]) => {
    const datasets = await asCaller(req, res, 'query SdmxVersions { datasets { name loadedAt } }');
    if (!datasets) return undefined;
    const times = (datasets.datasets as { name: string; loadedAt: string | null }[])
      .filter((d) => names.includes(d.name) && d.loadedAt !== null)
      .map((d) => Date.parse(String(d.loadedAt)));
    return times.length === 0 ? null : Math.max(...times);
  };

  /** `/sdmx/availableconstraint/<flowRef>/<key>/<provider>/<component>`: codes with data. */
  const available = async (req: Request, res: Response) => {
    try {
      const flow = flowOf(
        typeof req.params.flow === 'string' ? req.params.flow : param(req, 'id', ''),
      );
      const format = negotiate(req, STRUCTURE_FORMATS);
      const component = param(req, 'component', 'all');
      if (component !== 'all' && !flow.dimensions.some((d) => d.id === component))
        throw new SdmxQueryError(404, `${flow.id} has no dimension ${component}.`);
      selectObservations(flow, [], dataQuery(req));
      const available = await availableFor(req, res, flow, dataQuery(req).key);
      if (!available) return;
      const keyValues = available.filter((kv) => component === 'all' || kv.id === component);
      const message: StructureMessage = {
        prepared: new Date(),
        stubs: new Set(),
        dataflows: [],
        dataStructures: [],
        codelists: [],
        conceptSchemes: [],
        categorySchemes: [],
        categorisations: [],
        constraints: [
          {
            ref: { ...constraintRef(flow), id: `CC_${flow.id}_AVAILABLE` },
            name: `Data available in ${flow.id} for this query`,
            flow: flowRef(flow),
            keyValues,
          },
        ],
      };
      if (format.kind === 'json') send(res, format.type, JSON.stringify(structureJson(message)));
      else send(res, format.type, structureXml(message));
    } catch (error) {
      fail(req, res, error);
    }
  };

  /**
   * `/sdmx/schema/dataflow/<agency>/<id>/<version>`: the XML schema of the flow's
   * structure-specific data for a `dimensionAtObservation` (TIME_PERIOD by default).
   */
  const schema = (req: Request, res: Response) => {
    try {
      const flow = flowOf(param(req, 'id', ''));
      const format = negotiate(req, SCHEMA_FORMATS);
      const atObservation = query(req, 'dimensionAtObservation') ?? 'TIME_PERIOD';
      // The same check the data messages make.
      dataMessage(flow, [], { dimensionAtObservation: atObservation });
      send(res, format.type, structureSpecificSchema(flow, atObservation));
    } catch (error) {
      fail(req, res, error);
    }
  };

  return { structure, data, available, schema };
}
