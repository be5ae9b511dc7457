import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectInventory, renderAttackSurface } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'bulwark-inv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files: Record<string, string> = {
  'package.json': JSON.stringify({
    dependencies: {
      openai: '^6.1.0',
      express: '^5.0.0',
      '@langchain/openai': '^1.0.0',
      '@pinecone-database/pinecone': '^6.0.0',
    },
  }),
  'requirements.txt':
    'anthropic==0.40.0\nrequests>=2\ntransformers[torch]>=4.44 ; python_version>"3.9"\n',
  'pyproject.toml':
    '[project]\nname = "x"\ndependencies = [\n  "langgraph>=0.2",\n  "flask",\n]\n[tool.poetry.dependencies]\nchromadb = "^0.5"\n',
  'environment.yml':
    'dependencies:\n  - pytorch=2.3\n  - pip:\n      - sentence-transformers==3.0\n',
  'src/server.ts':
    "import OpenAI from 'openai';\nimport express from 'express';\nconst app = express();\nconst openai = new OpenAI();\napp.post('/chat', async (req, res) => res.json(await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [] })));\n",
  'agent/tools.py':
    'from langchain_core.tools import tool\nfrom langchain_community.tools import ShellTool\nfrom transformers import AutoModel\nm = AutoModel.from_pretrained("BAAI/bge-small-en-v1.5")\n\n@tool\ndef lookup_order(order_id: str) -> str:\n    """Look up an order."""\n    return order_id\n\nshell = ShellTool()\nclaude = "claude-sonnet-4-5"\n',
  'models/classifier.safetensors': 'x',
  'prompts/system.md': 'You are a helpful assistant.',
  '.cursor/mcp.json':
    '{ "mcpServers": { "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"] }, "docs": { "url": "https://docs.example.com/mcp" } } }',
  '.env.example': 'OPENAI_API_KEY=\nPINECONE_API_KEY=\n',
};
for (const [path, content] of Object.entries(files)) {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), content);
}

describe('collectInventory', () => {
  it('lists AI dependencies, imports, models, tools, MCP servers, stores, files and services', async () => {
    const inv = await collectInventory(dir);
    const deps = inv.dependencies.map((d) => `${d.ecosystem}:${d.name}`).sort();
    expect(deps).toEqual(
      [
        'npm:@langchain/openai',
        'npm:@pinecone-database/pinecone',
        'npm:openai',
        'pypi:anthropic',
        'pypi:chromadb',
        'pypi:langgraph',
        'pypi:sentence-transformers',
        'pypi:transformers',
      ].sort(),
    );
    expect(inv.dependencies.find((d) => d.name === 'anthropic')).toMatchObject({
      version: '==0.40.0',
      service: 'Anthropic API',
      category: 'llm-sdk',
    });
    expect(inv.models.map((m) => `${m.provider}:${m.id}`).sort()).toEqual([
      'anthropic:claude-sonnet-4-5',
      'huggingface:BAAI/bge-small-en-v1.5',
      'openai:gpt-4o-mini',
    ]);
    expect(inv.tools.map((t) => `${t.kind}:${t.name}`).sort()).toEqual([
      'builtin-tool:ShellTool',
      'code-tool:lookup_order',
      'mcp-server:docs',
      'mcp-server:github',
    ]);
    expect(inv.mcpServers.find((s) => s.name === 'github')).toMatchObject({
      command: 'npx',
      package: '@modelcontextprotocol/server-github',
    });
    expect(inv.modelFiles).toEqual([
      { path: 'models/classifier.safetensors', format: 'safetensors', bytes: 1 },
    ]);
    expect(inv.promptFiles).toEqual(['prompts/system.md']);
    expect(inv.entryPoints).toEqual([
      { kind: 'http-route', location: { path: 'src/server.ts', line: 5 } },
    ]);
    expect(inv.vectorStores.map((v) => v.name).sort()).toEqual([
      '@pinecone-database/pinecone',
      'chromadb',
    ]);
    expect(inv.services.map((s) => s.name).sort()).toEqual([
      'Anthropic API',
      'OpenAI API',
      'Pinecone',
    ]);
    expect(inv.imports.map((i) => i.module).sort()).toEqual(
      ['langchain-core', 'langchain-community', 'openai', 'transformers'].sort(),
    );
    const text = renderAttackSurface(inv);
    expect(text).toMatch(/Entry points .*\(1\)\n {2}- http-route: src\/server\.ts:5/);
    expect(text).toMatch(/Tools an agent can call \(4\)/);
  });
});
