import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { RunNotice } from '@bulwark/core';
import { languageOf } from '../code/analyze-source.js';
import { readTextFile } from '../files/read-text-file.js';
import { walkFiles, type WalkOptions } from '../files/walk-files.js';
import { MCP_CONFIG_NAME, parseMcpConfig } from '../configs/mcp-config.js';
import { launchedPackage } from '../configs/mcp-rules.js';
import { lookupNpm, lookupPypi, type AiPackageCategory } from './ai-packages.js';
import { MANIFEST_NAME, parseManifest, type AiDependency } from './manifests.js';
import { findModelIdentifiers } from './model-identifiers.js';

/** A place in the repository. */
export interface InventoryLocation {
  path: string;
  line?: number;
}

/**
 * The AI bill of materials of a repository, as data: what AI packages it
 * depends on, which models, tools, data stores and services it uses, and
 * where untrusted input enters. Designed to map onto CycloneDX components
 * (dependencies, models, modelFiles) and services (services, mcpServers).
 */
export interface AiInventory {
  root: string;
  dependencies: AiDependency[];
  imports: { module: string; category: AiPackageCategory; files: string[] }[];
  /** `revisions`: pinned Hugging Face revisions seen with the id, sorted. */
  models: { id: string; provider: string; locations: InventoryLocation[]; revisions?: string[] }[];
  modelFiles: { path: string; format: string; bytes: number }[];
  vectorStores: { name: string; locations: InventoryLocation[] }[];
  mcpServers: { name: string; config: string; command?: string; package?: string; url?: string }[];
  promptFiles: string[];
  tools: {
    name: string;
    kind: 'code-tool' | 'builtin-tool' | 'mcp-server';
    location: InventoryLocation;
  }[];
  entryPoints: { kind: string; location: InventoryLocation }[];
  services: { name: string; evidence: string[] }[];
  notices: RunNotice[];
}

const MODEL_FILE =
  /\.(safetensors|pt|pth|ckpt|onnx|gguf|ggml|h5|keras|tflite|mlmodel|pkl|pickle|joblib|npz|pb)$|(^|\/)(pytorch_model|model|adapter_model)[\w.-]*\.bin$/i;
const PROMPT_FILE =
  /\.(prompt|prompty)$|\.prompt\.(md|ya?ml|txt|json)$|(^|\/)prompts?\/[^/]+\.(md|txt|ya?ml|j2|jinja2?|json|hbs|mustache)$|(^|\/)[\w-]*system[-_]?prompt[\w-]*\.(md|txt|ya?ml|j2|jinja2?)$/i;
const VECTOR_STORES: [RegExp, string][] = [
  [/\bFAISS\b|faiss/, 'FAISS'],
  [/\bChroma\b|chromadb/, 'Chroma'],
  [/Pinecone/i, 'Pinecone'],
  [/qdrant/i, 'Qdrant'],
  [/weaviate/i, 'Weaviate'],
  [/milvus/i, 'Milvus'],
  [/lancedb/i, 'LanceDB'],
  [/pgvector|PGVector/, 'pgvector'],
  [/hnswlib/, 'HNSWLib'],
  [/\bredis\b.*[Vv]ector|RedisVectorStore/, 'Redis vector store'],
  [/ElasticsearchStore|OpenSearchVectorSearch/, 'Elasticsearch/OpenSearch'],
  [/MongoDBAtlasVectorSearch/, 'MongoDB Atlas Vector Search'],
];
const SERVICE_HINTS: [RegExp, string][] = [
  [/api\.openai\.com|OPENAI_API_KEY/, 'OpenAI API'],
  [/api\.anthropic\.com|ANTHROPIC_API_KEY/, 'Anthropic API'],
  [/\.openai\.azure\.com|AZURE_OPENAI_/, 'Azure OpenAI'],
  [/generativelanguage\.googleapis\.com|GEMINI_API_KEY|GOOGLE_API_KEY/, 'Google Gemini API'],
  [/aiplatform\.googleapis\.com/, 'Google Vertex AI'],
  [/bedrock-runtime|BedrockRuntime/, 'AWS Bedrock'],
  [/api\.mistral\.ai|MISTRAL_API_KEY/, 'Mistral API'],
  [/api\.groq\.com|GROQ_API_KEY/, 'Groq API'],
  [/api\.cohere\.(ai|com)|COHERE_API_KEY/, 'Cohere API'],
  [/openrouter\.ai|OPENROUTER_API_KEY/, 'OpenRouter'],
  [/api\.together\.(xyz|ai)|TOGETHER_API_KEY/, 'Together AI API'],
  [/huggingface\.co|HF_TOKEN|HUGGINGFACEHUB_API_TOKEN/, 'Hugging Face'],
  [/api\.replicate\.com|REPLICATE_API_TOKEN/, 'Replicate API'],
  [/localhost:11434|OLLAMA_HOST/, 'Ollama (local)'],
  [/api\.deepseek\.com|DEEPSEEK_API_KEY/, 'DeepSeek API'],
  [/api\.x\.ai|XAI_API_KEY/, 'xAI API'],
  [/PINECONE_API_KEY/, 'Pinecone'],
];
const ENTRY_POINTS: [RegExp, string][] = [
  [
    /\b(app|router|server|api|fastify|hono)\.(get|post|put|patch|delete|all|route)\s*\(/,
    'http-route',
  ],
  [
    /@(app|router|api|bp|blueprint)\.(get|post|put|patch|delete|route|websocket)\s*\(/,
    'http-route',
  ],
  [/export\s+(async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b/, 'http-route'],
  [/\bst\.(chat_input|text_input|text_area)\s*\(/, 'streamlit-ui'],
  [/\bgr\.(ChatInterface|Interface|Blocks)\s*\(/, 'gradio-ui'],
  [/new\s+McpServer\s*\(|FastMCP\s*\(|\bServer\s*\(\s*["']/, 'mcp-server'],
  [/\b(SlackApp|App)\s*\(\s*token|discord\.Client|Telegraf|bolt/, 'chat-bot'],
  [/\bargparse\.ArgumentParser\s*\(|process\.argv|\binput\s*\(/, 'cli'],
  [
    /\bexports\.handler\b|def\s+lambda_handler\s*\(|export\s+(const|async function)\s+handler\b/,
    'serverless-function',
  ],
];
const TOOL_PATTERNS: [RegExp, 'code-tool' | 'builtin-tool'][] = [
  [
    /@(?:[\w.]+\.)?(?:tool|function_tool|kernel_function)\b[^\n]*\n(?:\s*@[^\n]*\n)*\s*(?:async\s+)?def\s+(\w+)/g,
    'code-tool',
  ],
  [/\.(?:tool|registerTool)\(\s*["'`]([\w.-]+)["'`]/g, 'code-tool'],
  [/(\w+)\s*[:=]\s*tool\(\s*\{/g, 'code-tool'],
  [/new\s+Dynamic(?:Structured)?Tool\(\s*\{\s*name:\s*["'`]([\w.-]+)/g, 'code-tool'],
  [/\bTool\(\s*name\s*=\s*["']([\w.-]+)/g, 'code-tool'],
  [
    /\b(ShellTool|PythonREPLTool|PythonAstREPLTool|FileManagementToolkit|RequestsToolkit|WriteFileTool|DuckDuckGoSearchRun|TavilySearchResults|SQLDatabaseToolkit|GmailToolkit|PlayWrightBrowserToolkit)\b/g,
    'builtin-tool',
  ],
];
const IMPORT_PATTERNS = [
  /(?:^|\n)\s*(?:import|export)\s[^'"\n]*?from\s*['"]([^'"\n]+)['"]/g,
  /(?:^|\n)\s*import\s*['"]([^'"\n]+)['"]/g,
  /require\(\s*['"]([^'"\n]+)['"]\s*\)/g,
  /(?:^|\n)\s*from\s+([\w.]+)\s+import\b/g,
  /(?:^|\n)\s*import\s+([\w.]+)/g,
];

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function packageOfImport(
  spec: string,
  python: boolean,
): { name: string; category: AiPackageCategory } | undefined {
  if (python) {
    const root = spec.split('.')[0] ?? spec;
    const alias: Record<string, string> = {
      llama_index: 'llama-index',
      google: spec.startsWith('google.generativeai')
        ? 'google-generativeai'
        : spec.startsWith('google.genai')
          ? 'google-genai'
          : '',
      sklearn: 'scikit-learn',
      sentence_transformers: 'sentence-transformers',
      huggingface_hub: 'huggingface-hub',
      langchain_openai: 'langchain-openai',
      langchain_community: 'langchain-community',
      langchain_core: 'langchain-core',
      qdrant_client: 'qdrant-client',
      semantic_kernel: 'semantic-kernel',
      agents: 'openai-agents',
    };
    const name = alias[root] ?? root;
    if (name === '') return undefined;
    const info = lookupPypi(name);
    return info ? { name, category: info.category } : undefined;
  }
  const parts = spec.replace(/^node:/, '').split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
  const info = lookupNpm(name);
  return info ? { name, category: info.category } : undefined;
}

/** Collects the AI inventory of the repository at `root` (or of the given files under it). */
export async function collectInventory(
  root: string,
  options: WalkOptions & { files?: readonly string[] } = {},
): Promise<AiInventory> {
  const walked = options.files
    ? { files: [...options.files], notices: [] }
    : walkFiles(root, options);
  const inventory: AiInventory = {
    root,
    dependencies: [],
    imports: [],
    models: [],
    modelFiles: [],
    vectorStores: [],
    mcpServers: [],
    promptFiles: [],
    tools: [],
    entryPoints: [],
    services: [],
    notices: walked.notices,
  };
  const imports = new Map<
    string,
    { module: string; category: AiPackageCategory; files: Set<string> }
  >();
  const models = new Map<
    string,
    { id: string; provider: string; locations: InventoryLocation[]; revisions?: string[] }
  >();
  const stores = new Map<string, InventoryLocation[]>();
  const services = new Map<string, Set<string>>();
  const addService = (name: string, evidence: string): void => {
    const set = services.get(name) ?? new Set<string>();
    if (set.size < 10) set.add(evidence);
    services.set(name, set);
  };
  for (const path of walked.files) {
    if (MODEL_FILE.test(path)) {
      let bytes = 0;
      try {
        bytes = statSync(join(root, path)).size;
      } catch {
        /* unreadable: size unknown */
      }
      inventory.modelFiles.push({
        path,
        format: (path.split('.').pop() ?? '').toLowerCase(),
        bytes,
      });
      continue;
    }
    if (PROMPT_FILE.test(path)) inventory.promptFiles.push(path);
    const language = languageOf(path);
    const isManifest = MANIFEST_NAME.test(path);
    const isMcp = MCP_CONFIG_NAME.test(path);
    const isConfig = /\.(ya?ml|toml|json|env|ini|cfg)$|(^|\/)\.env(\.[\w-]+)?$/.test(path);
    if (language === undefined && !isManifest && !isMcp && !isConfig) continue;
    const read = readTextFile(root, path, 2 * 1024 * 1024);
    if (!read.ok) continue;
    const text = read.text;
    if (isManifest) {
      for (const dep of parseManifest(path, text)) {
        inventory.dependencies.push(dep);
        if (dep.service) addService(dep.service, `${dep.name} in ${path}`);
      }
    }
    if (isMcp || (path.endsWith('.json') && /"mcpServers"\s*:/.test(text))) {
      const parsed = parseMcpConfig(text);
      if (parsed.ok) {
        for (const server of parsed.servers) {
          const entry: AiInventory['mcpServers'][number] = { name: server.name, config: path };
          if (server.command !== undefined) entry.command = server.command;
          const pkg = launchedPackage(server);
          if (pkg !== undefined) entry.package = pkg;
          if (server.url !== undefined) entry.url = server.url;
          inventory.mcpServers.push(entry);
          inventory.tools.push({
            name: server.name,
            kind: 'mcp-server',
            location: { path, line: server.line },
          });
        }
      }
    }
    for (const [pattern, name] of SERVICE_HINTS) if (pattern.test(text)) addService(name, path);
    if (language === undefined && !isConfig) continue;
    if (language === undefined && isManifest) continue;
    for (const model of findModelIdentifiers(text)) {
      const entry = models.get(model.id) ?? {
        id: model.id,
        provider: model.provider,
        locations: [],
      };
      if (entry.locations.length < 20) entry.locations.push({ path, line: model.line });
      if (model.revision !== undefined && !(entry.revisions ?? []).includes(model.revision))
        entry.revisions = [...(entry.revisions ?? []), model.revision].sort();
      models.set(model.id, entry);
    }
    if (language === undefined) continue;
    const python = language === 'python';
    let aiFile = false;
    for (const pattern of IMPORT_PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        const pkg = packageOfImport(match[1] ?? '', python);
        if (!pkg) continue;
        aiFile = true;
        const entry = imports.get(pkg.name) ?? {
          module: pkg.name,
          category: pkg.category,
          files: new Set<string>(),
        };
        entry.files.add(path);
        imports.set(pkg.name, entry);
      }
    }
    if (!aiFile) continue;
    for (const [pattern, name] of VECTOR_STORES) {
      const match = pattern.exec(text);
      if (match)
        stores.set(name, [...(stores.get(name) ?? []), { path, line: lineAt(text, match.index) }]);
    }
    for (const [pattern, kind] of ENTRY_POINTS) {
      const match = pattern.exec(text);
      if (match)
        inventory.entryPoints.push({ kind, location: { path, line: lineAt(text, match.index) } });
    }
    const toolsHere = new Set<string>();
    for (const [pattern, kind] of TOOL_PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        const name = match[1] ?? '';
        if (toolsHere.has(`${kind}:${name}`)) continue;
        toolsHere.add(`${kind}:${name}`);
        inventory.tools.push({
          name,
          kind,
          location: { path, line: lineAt(text, match.index) },
        });
      }
    }
  }
  inventory.imports = [...imports.values()].map((i) => ({
    module: i.module,
    category: i.category,
    files: [...i.files].sort(),
  }));
  inventory.models = [...models.values()];
  inventory.vectorStores = [...stores.entries()].map(([name, locations]) => ({ name, locations }));
  for (const dep of inventory.dependencies) {
    if (dep.category === 'vector-store' && !stores.has(dep.name))
      inventory.vectorStores.push({ name: dep.name, locations: [{ path: dep.manifest }] });
  }
  inventory.services = [...services.entries()].map(([name, evidence]) => ({
    name,
    evidence: [...evidence],
  }));
  return inventory;
}
