import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBulwark } from './run-bulwark.js';

describe('bulwark bom', () => {
  it('prints a CycloneDX 1.6 BOM with model components', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-cli-bom-'));
    writeFileSync(join(dir, 'model.pkl'), Buffer.from('\x80\x02}q\x00.', 'latin1'));
    const run = runBulwark(['bom', dir]);
    expect(run.code).toBe(0);
    const bom = JSON.parse(run.stdout);
    expect(bom.specVersion).toBe('1.6');
    expect(bom.components[0].type).toBe('machine-learning-model');
  });
  it('bulwark bom . includes the AI inventory as components and services', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-cli-aibom-'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ dependencies: { openai: '4.52.0', lodash: '4.17.21' } }),
    );
    writeFileSync(join(dir, 'requirements.txt'), 'transformers==4.44.0\nrequests==2.32.3\n');
    writeFileSync(
      join(dir, 'app.py'),
      'from openai import OpenAI\nfrom transformers import AutoModel\n' +
        'OpenAI().chat.completions.create(model="gpt-4o", messages=[])\n' +
        'AutoModel.from_pretrained("org/model", revision="abc123")\n',
    );
    writeFileSync(
      join(dir, 'mcp.json'),
      JSON.stringify({ mcpServers: { docs: { url: 'https://mcp.example.com/sse' } } }),
    );
    mkdirSync(join(dir, 'models'));
    writeFileSync(join(dir, 'models', 'model.pkl'), Buffer.from('\x80\x02}q\x00.', 'latin1'));
    const run = runBulwark(['bom', '.'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const bom = JSON.parse(run.stdout) as {
      components: { 'bom-ref': string; type: string; purl?: string }[];
      services: { 'bom-ref': string; endpoints?: string[]; 'x-trust-boundary'?: boolean }[];
    };
    const refs = bom.components.map((c) => c['bom-ref']);
    expect(refs).toEqual(
      expect.arrayContaining([
        'model:models/model.pkl',
        'model-id:openai/gpt-4o',
        'pkg:huggingface/org/model@abc123',
        'pkg:npm/openai@4.52.0',
        'pkg:pypi/transformers@4.44.0',
      ]),
    );
    expect(refs).toEqual([...refs].sort());
    expect(run.stdout).not.toContain('lodash');
    expect(run.stdout).not.toContain('pkg:pypi/requests');
    const openai = bom.services.find((s) => s['bom-ref'] === 'service:openai-api');
    expect(openai?.endpoints).toEqual(['https://api.openai.com/v1']);
    expect(
      bom.services.find((s) => s['bom-ref'] === 'mcp:mcp.json#docs')?.['x-trust-boundary'],
    ).toBe(true);
  });
  it('a missing directory is a clear error', () => {
    const run = runBulwark(['bom', '/nonexistent/dir']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Directory not found');
  });
});
