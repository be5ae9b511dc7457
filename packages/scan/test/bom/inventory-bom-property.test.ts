import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBom } from '../../src/bom/build-bom.js';
import { InventoryComponentSource } from '../../src/bom/inventory-component-source.js';
import { packageUrl } from '../../src/bom/purl.js';
import type { AiInventory } from '../../src/inventory/collect-inventory.js';
import { cycloneDx16Validator } from './cdx-validator.js';

const text = fc.string({ minLength: 1, maxLength: 30 });
const location = fc.record({ path: text, line: fc.nat({ max: 1000 }) });
const inventoryArb: fc.Arbitrary<AiInventory> = fc.record({
  root: fc.constant('/nonexistent'),
  dependencies: fc.array(
    fc.record({
      name: text,
      version: fc.oneof(text, fc.constantFrom('1.2.3', '==1.0', '^2.0.0', '2.3')),
      ecosystem: fc.constantFrom('npm', 'pypi', 'conda'),
      category: fc.constantFrom('llm-sdk', 'vector-store', 'mcp'),
      manifest: text,
    }),
    { maxLength: 6 },
  ),
  imports: fc.array(
    fc.record({
      module: text,
      category: fc.constantFrom('llm-sdk', 'agent-framework'),
      files: fc.array(text, { maxLength: 3 }),
    }),
    { maxLength: 4 },
  ),
  models: fc.array(
    fc.record({
      id: fc.oneof(
        text,
        fc.tuple(text, text).map(([a, b]) => `${a}/${b}`),
      ),
      provider: fc.constantFrom('openai', 'aws-bedrock', 'huggingface', 'open-weights', 'other'),
      locations: fc.array(location, { maxLength: 3 }),
      revisions: fc.array(text, { minLength: 1, maxLength: 2 }),
    }),
    { maxLength: 5 },
  ),
  modelFiles: fc.array(fc.record({ path: text, format: text, bytes: fc.nat() }), {
    maxLength: 3,
  }),
  vectorStores: fc.array(
    fc.record({
      name: fc.oneof(text, fc.constantFrom('FAISS', 'Pinecone', 'chromadb')),
      locations: fc.array(location, { maxLength: 2 }),
    }),
    { maxLength: 3 },
  ),
  mcpServers: fc.array(
    fc.record({
      name: text,
      config: text,
      command: fc.constantFrom('npx', 'uvx', 'node', 'C:\\tools\\npx.cmd'),
      package: text,
      url: fc.webUrl(),
    }),
    { maxLength: 3 },
  ),
  promptFiles: fc.array(text, { maxLength: 3 }),
  tools: fc.constant([]),
  entryPoints: fc.constant([]),
  services: fc.array(
    fc.record({
      name: fc.oneof(text, fc.constantFrom('OpenAI API', 'Ollama (local)', 'Pinecone')),
      evidence: fc.array(text, { maxLength: 3 }),
    }),
    { maxLength: 4 },
  ),
  notices: fc.constant([]),
});

describe('InventoryComponentSource on arbitrary inventories', () => {
  it('always yields a schema-valid BOM with unique, sorted bom-refs', async () => {
    const validate = cycloneDx16Validator();
    const root = mkdtempSync(join(tmpdir(), 'bulwark-aibom-prop-'));
    await fc.assert(
      fc.asyncProperty(inventoryArb, async (inventory) => {
        const source = new InventoryComponentSource(() => Promise.resolve(inventory));
        const contribution = await source.contribute(join(root, 'absent'));
        const bom = await buildBom(root, {
          toolVersion: '0.1.0',
          sources: [{ contribute: () => Promise.resolve(contribution) }],
        });
        expect(validate(bom), JSON.stringify(validate.errors)).toBe(true);
        const refs = [...bom.components, ...(bom.services ?? [])].map((x) => x['bom-ref']);
        expect(new Set(refs).size).toBe(refs.length);
        const componentRefs = bom.components.map((c) => c['bom-ref']);
        expect(componentRefs).toEqual([...componentRefs].sort());
      }),
      { numRuns: 60 },
    );
  });
  it('purls never carry unencoded separators inside a segment', () => {
    fc.assert(
      fc.property(text, fc.option(text, { nil: undefined }), (name, version) => {
        const purl = packageUrl('pypi', name, version);
        const [path = '', ...rest] = purl.slice('pkg:pypi/'.length).split('@');
        expect(path).not.toMatch(/[/?#\s]/);
        expect(rest.length).toBe(version === undefined ? 0 : 1);
      }),
    );
  });
});
