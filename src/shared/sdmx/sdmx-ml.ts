import { randomUUID } from 'node:crypto';
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import {
  OBS_VALUE_CONCEPT,
  refText,
  type ArtefactRef,
  type ComponentDefinition,
  type Concept,
  type DataflowDefinition,
  type Item,
} from './model';
import { dsdRef, flowRef, type StructureType } from './structures';
import type { DataMessage, ItemSchemeContent, StructureMessage } from './messages';

/** SDMX-ML 2.1: the structure message and the generic and structure-specific data messages. */

const V21 = 'http://www.sdmx.org/resources/sdmxml/schemas/v2_1';
const NAMESPACES = {
  'xmlns:mes': `${V21}/message`,
  'xmlns:str': `${V21}/structure`,
  'xmlns:com': `${V21}/common`,
  'xmlns:gen': `${V21}/data/generic`,
  'xmlns:ss': `${V21}/data/structurespecific`,
  'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
};

/** The class and package of each structure type in SDMX's URNs and references. */
export const CLASS: Record<StructureType, { cls: string; pkg: string }> = {
  dataflow: { cls: 'Dataflow', pkg: 'datastructure' },
  datastructure: { cls: 'DataStructure', pkg: 'datastructure' },
  codelist: { cls: 'Codelist', pkg: 'codelist' },
  conceptscheme: { cls: 'ConceptScheme', pkg: 'conceptscheme' },
  categoryscheme: { cls: 'CategoryScheme', pkg: 'categoryscheme' },
  categorisation: { cls: 'Categorisation', pkg: 'categoryscheme' },
  contentconstraint: { cls: 'ContentConstraint', pkg: 'registry' },
};

export const urnOf = (type: StructureType, ref: ArtefactRef) =>
  `urn:sdmx:org.sdmx.infomodel.${CLASS[type].pkg}.${CLASS[type].cls}=${refText(ref)}`;

const refAttributes = (type: StructureType, ref: ArtefactRef) => ({
  id: ref.id,
  agencyID: ref.agency,
  version: ref.version,
  package: CLASS[type].pkg,
  class: CLASS[type].cls,
});

function header(root: XMLBuilder, prepared: Date): XMLBuilder {
  const head = root.ele('mes:Header');
  head.ele('mes:ID').txt(`IREF${randomUUID().replace(/-/g, '').slice(0, 16)}`);
  head.ele('mes:Test').txt('false');
  head.ele('mes:Prepared').txt(prepared.toISOString());
  head
    .ele('mes:Sender', { id: 'REFORMGRAPH' })
    .ele('com:Name', { 'xml:lang': 'en' })
    .txt('reformgraph');
  return head;
}

function named(element: XMLBuilder, item: { name: string; description?: string }): void {
  element.ele('com:Name', { 'xml:lang': 'en' }).txt(item.name);
  if (item.description) element.ele('com:Description', { 'xml:lang': 'en' }).txt(item.description);
}

function maintainable(
  parent: XMLBuilder,
  element: string,
  type: StructureType,
  ref: ArtefactRef,
  stub: boolean,
  extra: Record<string, string> = {},
): XMLBuilder {
  return parent.ele(element, {
    id: ref.id,
    agencyID: ref.agency,
    version: ref.version,
    urn: urnOf(type, ref),
    ...(stub ? { isExternalReference: 'true' } : {}),
    isFinal: 'false',
    ...extra,
  });
}

function conceptIdentity(component: XMLBuilder, concept: Concept): void {
  component.ele('str:ConceptIdentity').ele('Ref', {
    id: concept.id,
    maintainableParentID: concept.scheme.id,
    maintainableParentVersion: concept.scheme.version,
    agencyID: concept.scheme.agency,
    package: 'conceptscheme',
    class: 'Concept',
  });
}

function representation(component: XMLBuilder, definition: ComponentDefinition): void {
  const local = component.ele('str:LocalRepresentation');
  if (definition.codelist)
    local.ele('str:Enumeration').ele('Ref', refAttributes('codelist', definition.codelist.ref));
  else if (definition.id === 'TIME_PERIOD')
    local.ele('str:TextFormat', { textType: 'ObservationalTimePeriod' });
  else local.ele('str:TextFormat', { textType: 'Double' });
}

function dataStructure(parent: XMLBuilder, flow: DataflowDefinition, stub: boolean): void {
  const dsd = maintainable(parent, 'str:DataStructure', 'datastructure', dsdRef(flow), stub);
  named(dsd, { name: flow.name });
  if (stub) return;
  const components = dsd.ele('str:DataStructureComponents');
  const dimensions = components.ele('str:DimensionList', { id: 'DimensionDescriptor' });
  flow.dimensions.forEach((definition, i) => {
    const time = definition.id === 'TIME_PERIOD';
    const dimension = dimensions.ele(time ? 'str:TimeDimension' : 'str:Dimension', {
      id: definition.id,
      position: String(i + 1),
    });
    conceptIdentity(dimension, definition.concept);
    representation(dimension, definition);
  });
  const attributes = components.ele('str:AttributeList', { id: 'AttributeDescriptor' });
  for (const definition of flow.attributes) {
    const attribute = attributes.ele('str:Attribute', {
      id: definition.id,
      assignmentStatus: 'Conditional',
    });
    conceptIdentity(attribute, definition.concept);
    representation(attribute, definition);
    attribute
      .ele('str:AttributeRelationship')
      .ele('str:PrimaryMeasure')
      .ele('Ref', { id: 'OBS_VALUE' });
  }
  const measure = components
    .ele('str:MeasureList', { id: 'MeasureDescriptor' })
    .ele('str:PrimaryMeasure', { id: 'OBS_VALUE' });
  conceptIdentity(measure, OBS_VALUE_CONCEPT);
}

function itemScheme(
  parent: XMLBuilder,
  element: string,
  type: StructureType,
  itemElement: string,
  scheme: { ref: ArtefactRef; name: string; items: readonly Item[] },
  stub: boolean,
): void {
  const node = maintainable(parent, element, type, scheme.ref, stub);
  named(node, scheme);
  if (stub) return;
  for (const item of scheme.items) named(node.ele(itemElement, { id: item.id }), item);
}

/** An SDMX-ML 2.1 structure message. */
export function structureXml(message: StructureMessage): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('mes:Structure', NAMESPACES);
  header(root, message.prepared);
  const structures = root.ele('mes:Structures');
  const stub = (type: StructureType, ref: ArtefactRef) =>
    message.stubs.has(`${type}=${refText(ref)}`);
  /** One list of the message (in the order the schema sets), written only when not empty. */
  const section = <T>(
    name: string,
    items: readonly T[],
    write: (list: XMLBuilder, item: T) => void,
  ) => {
    if (items.length === 0) return;
    const list = structures.ele(name);
    for (const item of items) write(list, item);
  };
  const schemes =
    (element: string, type: StructureType, itemElement: string) =>
    (list: XMLBuilder, scheme: ItemSchemeContent) =>
      itemScheme(list, element, type, itemElement, scheme, stub(type, scheme.ref));

  section('str:Dataflows', message.dataflows, (list, flow) => {
    const isStub = stub('dataflow', flowRef(flow));
    const node = maintainable(list, 'str:Dataflow', 'dataflow', flowRef(flow), isStub);
    named(node, flow);
    if (!isStub) node.ele('str:Structure').ele('Ref', refAttributes('datastructure', dsdRef(flow)));
  });
  section(
    'str:CategorySchemes',
    message.categorySchemes,
    schemes('str:CategoryScheme', 'categoryscheme', 'str:Category'),
  );
  section('str:Categorisations', message.categorisations, (list, c) => {
    const isStub = stub('categorisation', c.ref);
    const node = maintainable(list, 'str:Categorisation', 'categorisation', c.ref, isStub);
    named(node, c);
    if (isStub) return;
    node.ele('str:Source').ele('Ref', refAttributes('dataflow', c.flow));
    node.ele('str:Target').ele('Ref', {
      id: c.category,
      maintainableParentID: c.scheme.id,
      maintainableParentVersion: c.scheme.version,
      agencyID: c.scheme.agency,
      package: 'categoryscheme',
      class: 'Category',
    });
  });
  section('str:Codelists', message.codelists, schemes('str:Codelist', 'codelist', 'str:Code'));
  section(
    'str:Concepts',
    message.conceptSchemes,
    schemes('str:ConceptScheme', 'conceptscheme', 'str:Concept'),
  );
  section('str:DataStructures', message.dataStructures, (list, flow) =>
    dataStructure(list, flow, stub('datastructure', dsdRef(flow))),
  );
  section('str:Constraints', message.constraints, (list, constraint) => {
    const isStub = stub('contentconstraint', constraint.ref);
    const node = maintainable(
      list,
      'str:ContentConstraint',
      'contentconstraint',
      constraint.ref,
      isStub,
      { type: 'Actual' },
    );
    named(node, constraint);
    if (isStub) return;
    node
      .ele('str:ConstraintAttachment')
      .ele('str:Dataflow')
      .ele('Ref', refAttributes('dataflow', constraint.flow));
    const region = node.ele('str:CubeRegion', { include: 'true' });
    for (const keyValue of constraint.keyValues) {
      const kv = region.ele('com:KeyValue', { id: keyValue.id });
      for (const value of keyValue.values) kv.ele('com:Value').txt(value);
    }
  });
  return root.end({ prettyPrint: false });
}

const structureId = (flow: DataflowDefinition) =>
  `${flow.id}_${flowRef(flow).version.replace(/\./g, '_')}`;

function dataHeader(root: XMLBuilder, message: DataMessage, namespace?: string): void {
  const structure = header(root, message.prepared).ele('mes:Structure', {
    structureID: structureId(message.flow),
    ...(namespace ? { namespace } : {}),
    dimensionAtObservation: message.dimensionAtObservation,
  });
  structure.ele('com:StructureUsage').ele('Ref', {
    agencyID: flowRef(message.flow).agency,
    id: message.flow.id,
    version: flowRef(message.flow).version,
  });
}

const text = (value: string | number) => String(value);

/** An SDMX-ML 2.1 generic data message (series by `dimensionAtObservation`, or flat). */
export function genericDataXml(message: DataMessage): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('mes:GenericData', NAMESPACES);
  dataHeader(root, message);
  const dataSet = root.ele('mes:DataSet', { structureRef: structureId(message.flow) });
  const { flow } = message;
  const attributes = (parent: XMLBuilder, values: readonly (string | number | null)[]) => {
    if (!message.withAttributes || values.every((v) => v === null)) return;
    const node = parent.ele('gen:Attributes');
    values.forEach((value, i) => {
      if (value !== null) node.ele('gen:Value', { id: flow.attributes[i].id, value: text(value) });
    });
  };
  for (const series of message.series) {
    const observations = (parent: XMLBuilder, flat: boolean) => {
      for (const obs of series.observations) {
        const node = parent.ele('gen:Obs');
        if (flat) {
          const key = node.ele('gen:ObsKey');
          obs.dimensions.forEach(([id, value]) => key.ele('gen:Value', { id, value }));
        } else node.ele('gen:ObsDimension', { value: obs.dimensions[0][1] });
        if (obs.value !== null) node.ele('gen:ObsValue', { value: text(obs.value) });
        attributes(node, obs.attributes);
      }
    };
    if (series.key === null) {
      observations(dataSet, true);
      continue;
    }
    const node = dataSet.ele('gen:Series');
    const key = node.ele('gen:SeriesKey');
    for (const [id, value] of series.key) key.ele('gen:Value', { id, value });
    if (message.withObservations) observations(node, false);
  }
  return root.end({ prettyPrint: false });
}

/** An SDMX-ML 2.1 structure-specific data message (components as attributes). */
export function structureSpecificDataXml(message: DataMessage): string {
  const { flow } = message;
  const namespace = structureSpecificNamespace(flow, message.dimensionAtObservation);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('mes:StructureSpecificData', {
    ...NAMESPACES,
    'xmlns:ns1': namespace,
  });
  dataHeader(root, message, namespace);
  const dataSet = root.ele('mes:DataSet', {
    'ss:structureRef': structureId(flow),
    'ss:dataScope': 'DataStructure',
    'xsi:type': 'ns1:DataSetType',
  });
  const obsAttributes = (obs: DataMessage['series'][number]['observations'][number]) => {
    const out: Record<string, string> = Object.fromEntries(obs.dimensions);
    if (obs.value !== null) out.OBS_VALUE = text(obs.value);
    if (message.withAttributes)
      obs.attributes.forEach((value, i) => {
        if (value !== null) out[flow.attributes[i].id] = text(value);
      });
    return out;
  };
  for (const series of message.series) {
    if (series.key === null) {
      for (const obs of series.observations) dataSet.ele('Obs', obsAttributes(obs));
      continue;
    }
    const node = dataSet.ele('Series', Object.fromEntries(series.key));
    if (message.withObservations)
      for (const obs of series.observations) node.ele('Obs', obsAttributes(obs));
  }
  return root.end({ prettyPrint: false });
}

/** The namespace of a flow's structure-specific messages with a dimension at observation. */
export const structureSpecificNamespace = (flow: DataflowDefinition, atObservation: string) =>
  `${urnOf('dataflow', flowRef(flow))}:ObsLevelDim:${atObservation}`;

/**
 * The XML schema of a flow's structure-specific data (the SDMX REST API's `schema` resource):
 * the data set, series and observation types restricted to the flow's components, codes typed as
 * SDMX identifiers, the period as an observational time period, values and numbers as doubles.
 * It imports the official schemas by their file names.
 */
export function structureSpecificSchema(flow: DataflowDefinition, atObservation: string): string {
  const namespace = structureSpecificNamespace(flow, atObservation);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('xs:schema', {
    'xmlns:xs': 'http://www.w3.org/2001/XMLSchema',
    xmlns: namespace,
    'xmlns:dsd': `${V21}/data/structurespecific`,
    'xmlns:common': `${V21}/common`,
    targetNamespace: namespace,
    elementFormDefault: 'qualified',
    attributeFormDefault: 'unqualified',
  });
  root.ele('xs:import', {
    namespace: `${V21}/data/structurespecific`,
    schemaLocation: 'SDMXDataStructureSpecific.xsd',
  });
  root.ele('xs:import', { namespace: `${V21}/common`, schemaLocation: 'SDMXCommon.xsd' });
  const flat = atObservation === 'AllDimensions';
  const typeOf = (component: ComponentDefinition) =>
    component.id === 'TIME_PERIOD'
      ? 'common:ObservationalTimePeriodType'
      : component.codelist
        ? 'common:IDType'
        : 'xs:double';
  /** A complex type restricting one of the base types, with its content and attributes. */
  const restricted = (
    name: string,
    base: string,
    content: (sequence: XMLBuilder) => void,
    attributes: readonly [string, string, 'required' | 'optional' | 'prohibited'][],
  ) => {
    const restriction = root
      .ele('xs:complexType', { name })
      .ele('xs:complexContent')
      .ele('xs:restriction', { base });
    const sequence = restriction.ele('xs:sequence');
    sequence.ele('xs:element', { ref: 'common:Annotations', minOccurs: '0' });
    content(sequence);
    for (const [attribute, type, use] of attributes)
      restriction.ele('xs:attribute', { name: attribute, type, use });
  };
  const unbounded = (element: string, type: string) => ({
    name: element,
    type,
    form: 'unqualified',
    maxOccurs: 'unbounded',
  });
  restricted(
    'DataSetType',
    'dsd:DataSetType',
    (sequence) => {
      sequence.ele('xs:element', {
        name: 'DataProvider',
        type: 'common:DataProviderReferenceType',
        form: 'unqualified',
        minOccurs: '0',
      });
      sequence
        .ele('xs:choice', { minOccurs: '0' })
        .ele('xs:element', flat ? unbounded('Obs', 'ObsType') : unbounded('Series', 'SeriesType'));
    },
    [['REPORTING_YEAR_START_DAY', 'xs:gMonthDay', 'prohibited']],
  );
  const atObs = (d: ComponentDefinition) => flat || d.id === atObservation;
  if (!flat)
    restricted(
      'SeriesType',
      'dsd:SeriesType',
      (sequence) => sequence.ele('xs:element', { ...unbounded('Obs', 'ObsType'), minOccurs: '0' }),
      [
        ...flow.dimensions
          .filter((d) => !atObs(d))
          .map((d): [string, string, 'required'] => [d.id, typeOf(d), 'required']),
        ['REPORTING_YEAR_START_DAY', 'xs:gMonthDay', 'prohibited'],
      ],
    );
  restricted('ObsType', 'dsd:ObsType', () => undefined, [
    ...flow.dimensions
      .filter(atObs)
      .map((d): [string, string, 'required'] => [d.id, typeOf(d), 'required']),
    ...flow.attributes.map((a): [string, string, 'optional'] => [a.id, typeOf(a), 'optional']),
    ['OBS_VALUE', 'xs:double', 'optional'],
    ['type', 'common:IDType', 'prohibited'],
    ['REPORTING_YEAR_START_DAY', 'xs:gMonthDay', 'prohibited'],
  ]);
  return root.end({ prettyPrint: true });
}
