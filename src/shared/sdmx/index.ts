/** SDMX: the model, the declarations datasets make, the structures derived and the formats. */
export * from './model';
export { factDataflow, type FactDataflowSpec, type FactDataflowDimension } from './fact-dataflow';
export {
  SdmxRegistry,
  STRUCTURE_TYPES,
  CATEGORY_SCHEME,
  codesOf,
  constraintRef,
  flowRef,
  type Artefact,
  type StructureType,
} from './structures';
export * from './messages';
export {
  structureXml,
  genericDataXml,
  structureSpecificDataXml,
  structureSpecificSchema,
} from './sdmx-ml';
export { structureJson, dataCsv, dataJson } from './sdmx-json';
