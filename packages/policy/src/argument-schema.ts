import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

/**
 * JSON Schema constraints on tool-call arguments (draft 2020-12 via ajv).
 * Validators are compiled once per schema object and cached by identity, so
 * the policy itself stays plain data.
 */
const ajv = new Ajv2020({ allErrors: false, strict: false });
const cache = new WeakMap<object, ValidateFunction>();

export function compileSchema(
  schema: Readonly<Record<string, unknown>>,
): { ok: true; validate: ValidateFunction } | { ok: false; error: string } {
  const cached = cache.get(schema);
  if (cached) return { ok: true, validate: cached };
  try {
    const validate = ajv.compile(schema);
    cache.set(schema, validate);
    return { ok: true, validate };
  } catch (error) {
    return { ok: false, error: `invalid JSON Schema: ${(error as Error).message}` };
  }
}

/** `undefined` when the arguments satisfy the schema, else a short reason. */
export function schemaViolation(
  schema: Readonly<Record<string, unknown>>,
  args: unknown,
): string | undefined {
  const compiled = compileSchema(schema);
  if (!compiled.ok) return compiled.error;
  if (compiled.validate(args)) return undefined;
  const first = compiled.validate.errors?.[0];
  return first
    ? `arguments${first.instancePath} ${first.message ?? 'invalid'}`
    : 'arguments invalid';
}
