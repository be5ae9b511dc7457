import { describe, expect, it } from 'vitest';
import { validateJson } from '../src/index.js';

const schema = {
  type: 'object',
  required: ['name', 'age'],
  additionalProperties: false,
  properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } },
};

describe('validateJson', () => {
  it('accepts valid output, also inside a markdown fence', () => {
    expect(validateJson('{"name":"a","age":3}', schema)).toEqual({
      ok: true,
      value: { name: 'a', age: 3 },
    });
    expect(validateJson('```json\n{"name":"a","age":3}\n```', schema).ok).toBe(true);
  });

  it('reports every schema issue with its JSON pointer', () => {
    const result = validateJson('{"age":-1,"extra":true}', schema);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.issues.map((i) => i.message);
    expect(messages).toContain('/: missing required property "name"');
    expect(messages).toContain('/: unexpected property "extra"');
    expect(messages).toContain('/age: must be >= 0');
  });

  it('reports JSON syntax errors with line and column', () => {
    const result = validateJson('{\n  "name": "a",\n  "age": }', schema);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.code).toBe('json.parse');
    expect(result.issues[0]?.line).toBe(3);
    expect(result.issues[0]?.column).toBe(10);
  });

  it('supports draft 2020-12 schemas and reports invalid schemas as issues', () => {
    const s2020 = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'array',
      prefixItems: [{ type: 'string' }],
    };
    expect(validateJson('["x"]', s2020).ok).toBe(true);
    expect(validateJson('[1]', s2020).ok).toBe(false);
    const bad = validateJson('{}', { type: 'no-such-type' });
    expect(bad.ok || bad.issues[0]?.code).toBe('json.schema_invalid');
  });
});
