import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { fail, ok, type Issue, type Result } from '@bulwark/core';
import { jsonErrorOffset } from './json-error-offset.js';

/** Largest model output `validateJson` parses. */
export const MAX_JSON_OUTPUT = 10 * 1024 * 1024;

const draft07 = new Ajv({ allErrors: true, strict: false });
const draft2020 = new Ajv2020({ allErrors: true, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

/** Strips one surrounding Markdown code fence (```json … ```), which models often add. */
function unfence(output: string): string {
  const m = /^\s*```[A-Za-z0-9]{0,10}\s*\n([\s\S]*?)\n?```\s*$/.exec(output);
  return m ? (m[1] ?? '') : output;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function toIssue(error: ErrorObject): Issue {
  const path = error.instancePath === '' ? '/' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  const detail =
    error.keyword === 'additionalProperties'
      ? `unexpected property "${String(params.additionalProperty)}"`
      : error.keyword === 'required'
        ? `missing required property "${String(params.missingProperty)}"`
        : (error.message ?? error.keyword);
  return {
    code: `json.schema.${error.keyword}`,
    message: `${path}: ${detail}`,
    path,
    hint: `schema rule ${error.schemaPath}`,
  };
}

/**
 * Parses a model's JSON output and validates it against a JSON Schema
 * (draft-07 by default; draft 2020-12 when the schema's `$schema` says so),
 * collecting every issue with its JSON Pointer. Ajv compiles schemas to code;
 * the schema is the application's own, never model or user input.
 */
export function validateJson(output: string, schema: object): Result<unknown> {
  if (output.length > MAX_JSON_OUTPUT) {
    return fail({
      code: 'json.too_large',
      message: `output is ${output.length} characters; the limit is ${MAX_JSON_OUTPUT}`,
    });
  }
  const text = unfence(output);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : 'invalid JSON';
    const offset = jsonErrorOffset(text);
    const where = offset >= 0 ? lineColumn(text, offset) : undefined;
    return fail({
      code: 'json.parse',
      message: `output is not valid JSON: ${message.replace(/ in JSON at position \d+.*$/s, '').slice(0, 120)}`,
      ...(where ? { line: where.line, column: where.column } : {}),
      hint: 'the model must answer with one JSON document',
    });
  }
  let validate = compiled.get(schema);
  if (!validate) {
    const $schema = (schema as { $schema?: unknown }).$schema;
    const ajv = typeof $schema === 'string' && $schema.includes('2020-12') ? draft2020 : draft07;
    try {
      validate = ajv.compile(schema);
    } catch (error) {
      return fail({
        code: 'json.schema_invalid',
        message: `the schema itself is invalid: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    compiled.set(schema, validate);
  }
  if (validate(value)) return ok(value);
  return fail(...(validate.errors ?? []).map(toIssue));
}
