import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from '../export';
import { refText, type ArtefactRef, type DataflowDefinition, type Observation } from './model';
import type { StructureMessage } from './messages';
import { urnOf } from './sdmx-ml';
import { dsdRef, flowRef } from './structures';

/** SDMX-JSON (structure 1.0 and data 2.1) and SDMX-CSV 2.0 writers. */

const meta = (prepared: Date, schema: string) => ({
  $schema: schema,
  meta: {
    id: randomUUID(),
    prepared: prepared.toISOString(),
    test: false,
    contentLanguages: ['en'],
    sender: { id: 'REFORMGRAPH', name: 'reformgraph' },
  },
});

const maintainable = (type: Parameters<typeof urnOf>[0], ref: ArtefactRef, name: string) => ({
  id: ref.id,
  agencyID: ref.agency,
  version: ref.version,
  urn: urnOf(type, ref),
  name,
  isExternalReference: false,
});

/** An SDMX-JSON 1.0 structure message, the same artefacts as the SDMX-ML one. */
export function structureJson(message: StructureMessage): unknown {
  const conceptUrn = (scheme: ArtefactRef, id: string) =>
    `urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=${refText(scheme)}.${id}`;
  const component = (c: DataflowDefinition['dimensions'][number], position?: number) => ({
    id: c.id,
    ...(position === undefined ? {} : { position }),
    conceptIdentity: conceptUrn(c.concept.scheme, c.concept.id),
    localRepresentation: c.codelist
      ? { enumeration: urnOf('codelist', c.codelist.ref) }
      : { textFormat: { textType: c.id === 'TIME_PERIOD' ? 'ObservationalTimePeriod' : 'Double' } },
  });
  return {
    ...meta(message.prepared, 'https://json.sdmx.org/1.0/sdmx-json-structure-schema.json'),
    data: {
      dataflows: message.dataflows.map((flow) => ({
        ...maintainable('dataflow', flowRef(flow), flow.name),
        description: flow.description,
        structure: urnOf('datastructure', dsdRef(flow)),
      })),
      dataStructures: message.dataStructures.map((flow) => ({
        ...maintainable('datastructure', dsdRef(flow), flow.name),
        dataStructureComponents: {
          dimensionList: {
            id: 'DimensionDescriptor',
            dimensions: flow.dimensions
              .filter((d) => d.id !== 'TIME_PERIOD')
              .map((d, i) => component(d, i + 1)),
            timeDimensions: [
              component(flow.dimensions[flow.dimensions.length - 1], flow.dimensions.length),
            ],
          },
          attributeList: {
            id: 'AttributeDescriptor',
            attributes: flow.attributes.map((a) => ({
              ...component(a),
              assignmentStatus: 'Conditional',
              attributeRelationship: { primaryMeasure: 'OBS_VALUE' },
            })),
          },
          measureList: {
            id: 'MeasureDescriptor',
            primaryMeasure: { id: 'OBS_VALUE' },
          },
        },
      })),
      codelists: message.codelists.map((c) => ({
        ...maintainable('codelist', c.ref, c.name),
        codes: c.items.map(({ id, name }) => ({ id, name })),
      })),
      conceptSchemes: message.conceptSchemes.map((c) => ({
        ...maintainable('conceptscheme', c.ref, c.name),
        concepts: c.items.map(({ id, name }) => ({ id, name })),
      })),
      categorySchemes: message.categorySchemes.map((c) => ({
        ...maintainable('categoryscheme', c.ref, c.name),
        categories: c.items.map(({ id, name, description }) => ({ id, name, description })),
      })),
      categorisations: message.categorisations.map((c) => ({
        ...maintainable('categorisation', c.ref, c.name),
        source: urnOf('dataflow', c.flow),
        target: `urn:sdmx:org.sdmx.infomodel.categoryscheme.Category=${refText(c.scheme)}.${c.category}`,
      })),
      contentConstraints: message.constraints.map((c) => ({
        ...maintainable('contentconstraint', c.ref, c.name),
        type: 'Actual',
        constraintAttachment: { dataflows: [urnOf('dataflow', c.flow)] },
        cubeRegions: [
          {
            isIncluded: true,
            keyValues: c.keyValues.map((kv) => ({ id: kv.id, values: kv.values })),
          },
        ],
      })),
    },
  };
}

/** SDMX-CSV 2.0.0: one row per observation. */
export function dataCsv(flow: DataflowDefinition, observations: readonly Observation[]): string {
  return stringify(
    observations.map((obs) => [
      'dataflow',
      refText(flowRef(flow)),
      'I',
      ...obs.key,
      obs.value,
      ...obs.attributes,
    ]),
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
export function dataJson(
  flow: DataflowDefinition,
  observations: readonly Observation[],
  prepared = new Date(),
): unknown {
  const codes = (index: number, list: readonly (readonly (string | number | null)[])[]) => {
    const seen: string[] = [];
    for (const values of list) {
      const value = values[index];
      if (value !== null && !seen.includes(String(value))) seen.push(String(value));
    }
    return seen;
  };
  const keys = observations.map((o) => o.key);
  const dimensionValues = flow.dimensions.map((_d, i) => codes(i, keys));
  const attributeLists = observations.map((o) => o.attributes);
  const attributeValues = flow.attributes.map((a, i) =>
    a.codelist ? codes(i, attributeLists) : null,
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
    ...meta(prepared, 'https://json.sdmx.org/2.1/sdmx-json-data-schema.json'),
    data: {
      structures: [
        {
          links: [{ urn: urnOf('dataflow', flowRef(flow)), rel: 'dataflow' }],
          name: flow.name,
          description: flow.description,
          dimensions: {
            dataSet: [],
            series: [],
            observation: flow.dimensions.map((d, i) => ({
              id: d.id,
              name: d.concept.name,
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
              name: a.concept.name,
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
