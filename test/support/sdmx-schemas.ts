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

export async function sdmxSchemaErrors(xml: string): Promise<string[]> {
  preload ??= readdirSync(SCHEMAS)
    .filter((name) => name.endsWith('.xsd'))
    .map((fileName) => ({ fileName, contents: readFileSync(join(SCHEMAS, fileName), 'utf8') }));
  const result = await validateXML({
    xml: [{ fileName: 'message.xml', contents: xml }],
    schema: preload.filter((f) => f.fileName === 'SDMXMessage.xsd'),
    preload: preload.filter((f) => f.fileName !== 'SDMXMessage.xsd'),
    maxMemoryPages: 4096,
  });
  return result.valid ? [] : result.errors.map((e) => e.message);
}
