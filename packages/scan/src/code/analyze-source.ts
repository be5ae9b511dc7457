import { lowerPython } from './frontends/python/lower-python.js';
import { lowerTypeScript } from './frontends/typescript/lower-typescript.js';
import { lowerVue } from './frontends/vue-frontend.js';
import type { IrModule, SourceLanguage } from './ir.js';
import type { CodeRule, RuleHit } from './rules/code-rule.js';
import { CODE_RULES } from './rules/index.js';
import { PUBLIC_AI_KEY_ENV } from './rules/key-rules.js';
import { analyseModule, type FlowVisitor } from './taint-engine.js';

/** A rule hit in one file. */
export interface SourceHit extends RuleHit {
  ruleId: string;
}

export interface SourceAnalysis {
  hits: SourceHit[];
  /** True when the parser recovered from syntax errors. */
  syntaxErrors: boolean;
  /** False when the cheap pre-filter found no AI-related text and nothing was parsed. */
  parsed: boolean;
  /** Why the file was not parsed although it looked relevant (e.g. hostile nesting depth). */
  skipped?: string;
}

/** Large files whose average line is over 1,000 characters are minified build output. */
export function looksMinified(text: string): boolean {
  if (text.length < 256 * 1024) return false;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return text.length / lines > 1000;
}

/** Bracket nesting above this is refused before parsing: parsers recurse per level. */
export const MAX_BRACKET_DEPTH = 400;

/** Maximum bracket nesting in `text` (strings and comments included: a cheap upper bound). */
export function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      depth++;
      if (depth > max) max = depth;
    } else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
  }
  return max;
}

const TS_EXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const PY_EXT = /\.(py|pyw|pyi)$/;

/**
 * Cheap pre-filter: only files mentioning AI SDKs, model loaders, agent tool
 * APIs or model keys are parsed. Plain literal alternation: linear time.
 */
const AI_HINT =
  /openai|anthropic|langchain|llama_index|llamaindex|@ai-sdk|from ['"]ai['"]|generateText|streamText|from transformers|import transformers|\/transformers['"]|\btorch\.|import torch|from torch|import pickle|pickle\.|joblib|import dill|\bdill\.|cloudpickle|keras|huggingface|hf_hub|from_pretrained|trust_remote_code|trustRemoteCode|ollama|litellm|genai|vertexai|bedrock|mistral|cohere|groq|crewai|autogen|smolagents|semantic_kernel|modelcontextprotocol|FastMCP|from mcp|import mcp|@mcp\.|faiss|chromadb|pinecone|qdrant|weaviate|allow_pickle|dangerouslyAllowBrowser|ChatOpenAI|chat\.completions|completions\.create|_API_KEY|\b(llm|LLM)|@tool|function_tool|kernel_function|from agents|registerTool|DynamicTool|PythonREPL|ShellTool|allow_dangerous/;

export function languageOf(path: string): SourceLanguage | 'vue' | undefined {
  if (TS_EXT.test(path)) return 'typescript';
  if (PY_EXT.test(path)) return 'python';
  if (path.endsWith('.vue')) return 'vue';
  return undefined;
}

export function isCodeFile(path: string): boolean {
  return languageOf(path) !== undefined;
}

function composite(
  rules: readonly CodeRule[],
  language: SourceLanguage,
  hits: SourceHit[],
): FlowVisitor {
  const visitors = rules
    .filter((rule) => rule.languages.includes(language))
    .map((rule) => rule.visitor((hit) => hits.push({ ...hit, ruleId: rule.id })));
  // Each event goes only to the visitors that handle it (same order as the rule list).
  const calls = visitors.filter((v) => v.onCall !== undefined);
  const assigns = visitors.filter((v) => v.onAssign !== undefined);
  const objects = visitors.filter((v) => v.onObject !== undefined);
  const loops = visitors.filter((v) => v.onLoop !== undefined);
  return {
    onCall: (call, flow) => {
      for (const v of calls) v.onCall?.(call, flow);
    },
    onAssign: (targets, value, flow, line, column, text) => {
      for (const v of assigns) v.onAssign?.(targets, value, flow, line, column, text);
    },
    onObject: (object, flow) => {
      for (const v of objects) v.onObject?.(object, flow);
    },
    onLoop: (loop, contains, flow) => {
      for (const v of loops) v.onLoop?.(loop, contains, flow);
    },
  };
}

/** Line-based rules that need no parse (public env names carrying model keys). */
function textRules(text: string, hits: SourceHit[]): void {
  if (!/KEY|TOKEN|SECRET/.test(text)) return;
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    const match = PUBLIC_AI_KEY_ENV.exec(line);
    if (match) {
      hits.push({
        ruleId: 'ai.secrets.public-env-model-key',
        line: index + 1,
        column: match.index + 1,
        evidence: match[0],
        message: `${match[0]} is a client-exposed environment variable holding a model API key.`,
      });
    }
  });
}

/** Parses one source file and runs every applicable AI code rule over it. */
export async function analyseSource(
  path: string,
  text: string,
  rules: readonly CodeRule[] = CODE_RULES,
): Promise<SourceAnalysis> {
  const hits: SourceHit[] = [];
  const language = languageOf(path);
  if (language === undefined || !AI_HINT.test(text)) {
    if (language !== undefined) textRules(text, hits);
    return { hits, syntaxErrors: false, parsed: false };
  }
  textRules(text, hits);
  if (looksMinified(text)) {
    return { hits, syntaxErrors: false, parsed: false, skipped: 'minified bundle (build output)' };
  }
  const depth = bracketDepth(text);
  if (depth > MAX_BRACKET_DEPTH) {
    return {
      hits,
      syntaxErrors: false,
      parsed: false,
      skipped: `brackets nested ${depth} deep (limit ${MAX_BRACKET_DEPTH})`,
    };
  }
  let module: IrModule;
  if (language === 'python') module = await lowerPython(text);
  else if (language === 'vue') module = lowerVue(path, text);
  else module = lowerTypeScript(path, text);
  analyseModule(module, composite(rules, module.language, hits));
  return { hits: dedupe(hits), syntaxErrors: module.hasSyntaxErrors, parsed: true };
}

function dedupe(hits: SourceHit[]): SourceHit[] {
  const seen = new Set<string>();
  return hits.filter((hit) => {
    const key = `${hit.ruleId}:${hit.line}:${hit.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
