import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBom } from '../../src/bom/build-bom.js';
import type { CdxBom } from '../../src/bom/bom-types.js';
import { InventoryComponentSource } from '../../src/bom/inventory-component-source.js';
import { packageUrl, pinnedVersion } from '../../src/bom/purl.js';
import { safetensors } from '../model/format-builders.js';
import { torchStateDict } from '../model/pickle-builder.js';
import { cycloneDx16Validator } from './cdx-validator.js';

const APP_PY = `from openai import OpenAI
from transformers import AutoModel

client = OpenAI()
reply = client.chat.completions.create(model="gpt-4o", messages=[])
model = AutoModel.from_pretrained("org/model", revision="abc123")
bedrock_model = "anthropic.claude-3-5-sonnet-20240620-v1:0"
`;

/** A small AI project: manifests, code, an MCP config, prompts and two model files. */
function aiProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-aibom-'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'app',
      dependencies: {
        openai: '4.52.0',
        '@anthropic-ai/sdk': '^0.27.0',
        '@pinecone-database/pinecone': '3.0.0',
        lodash: '4.17.21',
        express: '4.19.2',
      },
    }),
  );
  writeFileSync(
    join(dir, 'requirements.txt'),
    'transformers==4.44.0\ntorch>=2.3\nrequests==2.32.3\nfaiss-cpu==1.8.0\n',
  );
  writeFileSync(join(dir, 'app.py'), APP_PY);
  writeFileSync(
    join(dir, 'mcp.json'),
    JSON.stringify({
      mcpServers: {
        filesystem: {
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-filesystem@2025.1.14', '/data'],
        },
        remote: { url: 'https://mcp.example.com/sse' },
      },
    }),
  );
  mkdirSync(join(dir, 'prompts'));
  writeFileSync(join(dir, 'prompts', 'system.md'), 'You are a helpful assistant.\n');
  mkdirSync(join(dir, 'models'));
  writeFileSync(
    join(dir, 'models', 'model.safetensors'),
    safetensors({ w: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, 4),
  );
  writeFileSync(join(dir, 'models', 'classifier.pkl'), torchStateDict());
  return dir;
}

const refs = (bom: CdxBom) => bom.components.map((c) => c['bom-ref']);
const withoutVolatile = (bom: CdxBom) => ({
  ...bom,
  serialNumber: '',
  metadata: { ...bom.metadata, timestamp: '' },
});

describe('AI-BOM from the AI inventory (CycloneDX 1.6)', () => {
  it('validates against the 1.6 schema and lists every AI part of the project', async () => {
    const dir = aiProject();
    const bom = await buildBom(dir, { toolVersion: '0.1.0' });
    const validate = cycloneDx16Validator();
    expect(validate(bom), JSON.stringify(validate.errors)).toBe(true);

    const openai = bom.components.find((c) => c['bom-ref'] === 'pkg:npm/openai@4.52.0');
    expect(openai).toMatchObject({ type: 'library', name: 'openai', version: '4.52.0' });
    const anthropic = bom.components.find((c) => c.purl === 'pkg:npm/%40anthropic-ai/sdk');
    expect(anthropic).toMatchObject({ group: '@anthropic-ai', name: 'sdk' });
    expect(anthropic?.version).toBeUndefined();
    expect(anthropic?.properties).toContainEqual({
      name: 'bulwark:version-constraint',
      value: '^0.27.0',
    });
    expect(refs(bom)).toContain('pkg:pypi/transformers@4.44.0');
    expect(refs(bom)).toContain('pkg:pypi/torch');
    expect(refs(bom)).toContain('pkg:pypi/faiss-cpu@1.8.0');

    const gpt = bom.components.find((c) => c.name === 'gpt-4o');
    expect(gpt).toMatchObject({
      type: 'machine-learning-model',
      'bom-ref': 'model-id:openai/gpt-4o',
      publisher: 'OpenAI',
      supplier: { name: 'OpenAI' },
    });
    expect(gpt?.externalReferences?.[0]?.type).toBe('documentation');
    expect(gpt?.properties).toContainEqual({ name: 'bulwark:location', value: 'app.py:5' });
    const bedrock = bom.components.find((c) => c.name.startsWith('anthropic.claude-3-5'));
    expect(bedrock).toMatchObject({
      publisher: 'Anthropic',
      supplier: { name: 'Amazon Web Services' },
    });
    const hf = bom.components.find((c) => c.purl?.startsWith('pkg:huggingface/'));
    expect(hf).toMatchObject({
      type: 'machine-learning-model',
      purl: 'pkg:huggingface/org/model@abc123',
      group: 'org',
      name: 'model',
      version: 'abc123',
    });

    const services = new Map((bom.services ?? []).map((s) => [s['bom-ref'], s]));
    expect(services.get('service:openai-api')).toMatchObject({
      endpoints: ['https://api.openai.com/v1'],
      'x-trust-boundary': true,
      trustZone: 'third-party',
      provider: { name: 'OpenAI' },
    });
    expect(services.get('service:anthropic-api')?.['x-trust-boundary']).toBe(true);
    expect(services.get('service:pinecone')?.data?.[0]?.classification).toBe(
      'embeddings-and-documents',
    );
    const filesystem = services.get('mcp:mcp.json#filesystem');
    expect(filesystem?.trustZone).toBe('local-process');
    expect(filesystem?.properties).toContainEqual({
      name: 'bulwark:mcp-package-purl',
      value: 'pkg:npm/%40modelcontextprotocol/server-filesystem@2025.1.14',
    });
    expect(services.get('mcp:mcp.json#remote')).toMatchObject({
      endpoints: ['https://mcp.example.com/sse'],
      'x-trust-boundary': true,
    });

    const prompt = bom.components.find((c) => c['bom-ref'] === 'prompt:prompts/system.md');
    expect(prompt?.type).toBe('data');
    expect(prompt?.hashes?.[0]?.content).toMatch(/^[0-9a-f]{64}$/);
    const faiss = bom.components.find((c) => c['bom-ref'] === 'vector-store:faiss');
    expect(faiss?.type).toBe('data');
  });

  it('lists nothing for non-AI dependencies', async () => {
    const bom = await buildBom(aiProject(), { toolVersion: '0.1.0' });
    const names = bom.components.map((c) => c.name);
    for (const name of ['lodash', 'express', 'requests']) expect(names).not.toContain(name);
    expect(JSON.stringify(bom)).not.toContain('pkg:npm/lodash');
  });

  it('keeps one component per model file: content-detected ones win the bom-ref', async () => {
    const bom = await buildBom(aiProject(), { toolVersion: '0.1.0' });
    const modelFiles = bom.components.filter((c) => c['bom-ref'].startsWith('model:'));
    expect(modelFiles.map((c) => c['bom-ref'])).toEqual([
      'model:models/classifier.pkl',
      'model:models/model.safetensors',
    ]);
    // The model scanner's component (with a scan verdict), not the inventory's name match.
    for (const c of modelFiles)
      expect(c.properties?.some((p) => p.name === 'bulwark:scan-verdict')).toBe(true);
    expect(new Set(refs(bom)).size).toBe(bom.components.length);
  });

  it('is deterministic and sorted for the same tree', async () => {
    const dir = aiProject();
    const a = await buildBom(dir, { toolVersion: '0.1.0' });
    const b = await buildBom(dir, { toolVersion: '0.1.0' });
    expect(withoutVolatile(a)).toEqual(withoutVolatile(b));
    expect(refs(a)).toEqual([...refs(a)].sort());
    const serviceRefs = (a.services ?? []).map((s) => s['bom-ref']);
    expect(serviceRefs).toEqual([...serviceRefs].sort());
  });

  it('a project without AI contributes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-aibom-none-'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ dependencies: { lodash: '4.17.21' } }),
    );
    writeFileSync(join(dir, 'index.js'), 'const _ = require("lodash");\nconsole.log("hi");\n');
    const contribution = await new InventoryComponentSource().contribute(dir);
    expect(contribution).toEqual({ components: [], services: [] });
  });
});

describe('purls and pinned versions', () => {
  it('encodes scopes and namespaces', () => {
    expect(packageUrl('npm', '@ai-sdk/openai', '1.0.0')).toBe('pkg:npm/%40ai-sdk/openai@1.0.0');
    expect(packageUrl('pypi', 'langchain-openai')).toBe('pkg:pypi/langchain-openai');
    expect(packageUrl('conda', 'pytorch', '2.3.1')).toBe('pkg:conda/pytorch@2.3.1');
    expect(packageUrl('huggingface', 'meta-llama/Llama-3.1-8B', 'main')).toBe(
      'pkg:huggingface/meta-llama/Llama-3.1-8B@main',
    );
  });
  it('takes only exact pins as versions', () => {
    expect(pinnedVersion('npm', '4.52.0')).toBe('4.52.0');
    expect(pinnedVersion('npm', '=4.52.0')).toBe('4.52.0');
    expect(pinnedVersion('npm', '^4.52.0')).toBeUndefined();
    expect(pinnedVersion('npm', 'latest')).toBeUndefined();
    expect(pinnedVersion('pypi', '==4.44.0')).toBe('4.44.0');
    expect(pinnedVersion('pypi', '>=2.3')).toBeUndefined();
    expect(pinnedVersion('pypi', '==1.*')).toBeUndefined();
    expect(pinnedVersion('pypi', '==1.0,<2')).toBeUndefined();
    expect(pinnedVersion('conda', '2.3.1')).toBe('2.3.1');
    expect(pinnedVersion('conda', '>=2.3')).toBeUndefined();
  });
});
