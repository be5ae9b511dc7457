import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ErrorObject } from 'ajv';

function load(path: string): object {
  return JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as object;
}

// The OASIS SARIF schema is JSON Schema draft-04, which Ajv 8 supports only
// through ajv-draft-04; formats (uri, uri-reference, date-time) through ajv-formats.
const sarifAjv = new AjvDraft04({ allErrors: true, strict: false });
addFormats(sarifAjv);
const sarifValidate = sarifAjv.compile(load('../fixtures/sarif-schema-2.1.0.json'));

const reportAjv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(reportAjv);
const reportValidate = reportAjv.compile(load('../../schemas/bulwark-report.schema.json'));

function explain(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}

/** Errors of `value` against the OASIS SARIF 2.1.0 schema; empty when valid. */
export function sarifSchemaErrors(value: unknown): string[] {
  return sarifValidate(value) ? [] : explain(sarifValidate.errors);
}

/** Errors of `value` against bulwark-report.schema.json; empty when valid. */
export function reportSchemaErrors(value: unknown): string[] {
  return reportValidate(value) ? [] : explain(reportValidate.errors);
}
