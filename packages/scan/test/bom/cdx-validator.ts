import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

const schemaDir = new URL('../fixtures/schemas/', import.meta.url);
const load = (name: string) =>
  JSON.parse(readFileSync(new URL(name, schemaDir), 'utf8')) as Record<string, unknown>;

/** A validator for the CycloneDX 1.6 JSON schema copied into the test fixtures. */
export function cycloneDx16Validator() {
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(load('spdx.schema.json'), 'spdx.schema.json');
  ajv.addSchema(load('jsf-0.82.schema.json'), 'jsf-0.82.schema.json');
  return ajv.compile(load('bom-1.6.schema.json'));
}
