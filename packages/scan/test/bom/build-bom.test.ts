import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { buildBom } from '../../src/bom/build-bom.js';
import type { BomComponentSource } from '../../src/bom/bom-types.js';
import { safetensors } from '../model/format-builders.js';
import { torchStateDict } from '../model/pickle-builder.js';

const schemaDir = new URL('../fixtures/schemas/', import.meta.url);
const load = (name: string) =>
  JSON.parse(readFileSync(new URL(name, schemaDir), 'utf8')) as Record<string, unknown>;

function validator() {
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(load('spdx.schema.json'), 'spdx.schema.json');
  ajv.addSchema(load('jsf-0.82.schema.json'), 'jsf-0.82.schema.json');
  return ajv.compile(load('bom-1.6.schema.json'));
}

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-bom-'));
  mkdirSync(join(dir, 'llm'));
  writeFileSync(
    join(dir, 'llm', 'model.safetensors'),
    safetensors({ w: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, 4),
  );
  writeFileSync(
    join(dir, 'llm', 'config.json'),
    JSON.stringify({
      architectures: ['LlamaForCausalLM'],
      model_type: 'llama',
      transformers_version: '4.44.0',
    }),
  );
  writeFileSync(
    join(dir, 'llm', 'README.md'),
    '---\nlicense: apache-2.0\npipeline_tag: text-generation\nlibrary_name: transformers\n---\n# Model\n',
  );
  writeFileSync(join(dir, 'classifier.pkl'), torchStateDict());
  writeFileSync(join(dir, 'notes.txt'), 'not a model');
  return dir;
}

describe('CycloneDX 1.6 AI-BOM', () => {
  it('lists model files with hashes and model cards, and validates against the schema', async () => {
    const bom = await buildBom(project(), { toolVersion: '0.1.0' });
    const validate = validator();
    expect(validate(bom), JSON.stringify(validate.errors)).toBe(true);
    expect(bom.components.map((c) => c.name).sort()).toEqual([
      'classifier.pkl',
      'llm/model.safetensors',
    ]);
    const llm = bom.components.find((c) => c.name === 'llm/model.safetensors');
    expect(llm?.type).toBe('machine-learning-model');
    expect(llm?.hashes?.[0]?.content).toMatch(/^[0-9a-f]{64}$/);
    expect(llm?.modelCard?.modelParameters).toEqual({
      modelArchitecture: 'LlamaForCausalLM',
      architectureFamily: 'llama',
      task: 'text-generation',
    });
    expect(llm?.licenses?.[0]?.license.name).toBe('apache-2.0');
    expect(llm?.version).toBe('4.44.0');
  });
  it('accepts components and services from extra sources', async () => {
    const inventory: BomComponentSource = {
      contribute: () =>
        Promise.resolve({
          components: [
            { type: 'library', 'bom-ref': 'pkg:npm/openai', name: 'openai', version: '6.49.0' },
          ],
          services: [
            {
              'bom-ref': 'svc:openai',
              name: 'OpenAI API',
              endpoints: ['https://api.openai.com/v1'],
            },
          ],
        }),
    };
    const bom = await buildBom(project(), { toolVersion: '0.1.0', sources: [inventory] });
    expect(validator()(bom)).toBe(true);
    expect(bom.services?.[0]?.name).toBe('OpenAI API');
  });
  it('the schema check would catch a broken BOM', async () => {
    const bom = (await buildBom(project(), { toolVersion: '0.1.0' })) as unknown as Record<
      string,
      unknown
    >;
    expect(validator()({ ...bom, specVersion: 1.6, components: [{ type: 'model' }] })).toBe(false);
  });
});
