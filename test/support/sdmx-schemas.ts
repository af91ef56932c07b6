import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';

/**
 * The official SDMX-ML 2.1 schemas (SDMX Technical Working Group, github.com/sdmx-twg/sdmx-ml-v2_1,
 * `schemas/`), shipped in test/sdmx/schemas, and libxml2's validator (xmllint compiled to
 * WebAssembly): a message is valid SDMX-ML 2.1 when it validates against SDMXMessage.xsd.
 */
const SCHEMAS = join(__dirname, '..', 'sdmx', 'schemas');
let preload: XMLFileInfo[] | null = null;

/**
 * The schema errors of a message (none: it is valid). A structure-specific data message also
 * needs its data structure's schema (`/sdmx/schema/...`), given as `structureSchema`.
 */
export async function sdmxSchemaErrors(xml: string, structureSchema?: string): Promise<string[]> {
  preload ??= readdirSync(SCHEMAS)
    .filter((name) => name.endsWith('.xsd'))
    .map((fileName) => ({ fileName, contents: readFileSync(join(SCHEMAS, fileName), 'utf8') }));
  const namespace = structureSchema && /targetNamespace="([^"]+)"/.exec(structureSchema)?.[1];
  // One schema that brings in the messages' and the data structure's.
  const both = `<?xml version="1.0"?><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
    <xs:import namespace="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" schemaLocation="SDMXMessage.xsd"/>
    ${namespace ? `<xs:import namespace="${namespace}" schemaLocation="structure.xsd"/>` : ''}
  </xs:schema>`;
  const result = await validateXML({
    xml: [{ fileName: 'message.xml', contents: xml }],
    schema: [{ fileName: 'both.xsd', contents: both }],
    preload: [
      ...preload,
      ...(structureSchema ? [{ fileName: 'structure.xsd', contents: structureSchema }] : []),
    ],
    maxMemoryPages: 4096,
  });
  return result.valid ? [] : result.errors.map((e) => e.message);
}
