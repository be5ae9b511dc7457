import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Generates an AI-heavy application source tree for the code-scan benchmark:
 * route handlers, agents, RAG pipelines, React components, model loaders and
 * plain helper modules in TypeScript, JavaScript and Python, built from varied
 * templates with a seeded generator (same corpus on every run). Every file
 * imports an AI SDK, so the pre-filter lets all of them through to the parser:
 * the realistic worst case for an AI application repository.
 */

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Pick = <T>(items: readonly T[]) => T;

const NOUNS = ['invoice', 'ticket', 'order', 'report', 'document', 'customer', 'review', 'policy'];
const VERBS = ['summarise', 'classify', 'translate', 'extract', 'answer', 'rewrite', 'triage'];
const MODELS_TS = ['gpt-4o-mini', 'gpt-4.1', 'claude-3-5-sonnet-latest', 'o3-mini'];
const MODELS_PY = ['gpt-4o', 'claude-3-haiku-20240307', 'mistral-large-latest', 'gpt-4.1-mini'];

interface Ctx {
  pick: Pick;
  int: (n: number) => number;
  id: () => string;
}

function context(seed: number): Ctx {
  const next = rng(seed);
  let counter = 0;
  const pick: Pick = (items) => items[Math.floor(next() * items.length)] as (typeof items)[number];
  return {
    pick,
    int: (n) => Math.floor(next() * n),
    id: () => `${pick(VERBS)}${pick(NOUNS).replace(/^./, (c) => c.toUpperCase())}${counter++}`,
  };
}

// ---------------------------------------------------------------- TypeScript / JavaScript

function tsHelper(c: Ctx): string {
  const name = c.id();
  const noun = c.pick(NOUNS);
  return `
/** Normalises ${noun} records before they reach the model. */
export function ${name}(items: ReadonlyArray<{ id: string; body: string; tags?: string[] }>): string[] {
  const out: string[] = [];
  for (const item of items) {
    if (!item.body || item.body.length > ${1000 + c.int(9000)}) continue;
    const tags = (item.tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean);
    out.push(\`[\${item.id}] \${item.body.replace(/\\s+/g, ' ')} \${tags.join(',')}\`);
  }
  return out.sort((a, b) => a.localeCompare(b));
}

export class ${name}Cache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();
  constructor(private readonly ttlMs = ${c.int(60) + 1} * 60_000) {}
  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    if (Date.now() - hit.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }
  set(key: string, value: V): void {
    this.entries.set(key, { value, at: Date.now() });
  }
}
`;
}

function tsOpenAiRoute(c: Ctx): string {
  const name = c.id();
  const model = c.pick(MODELS_TS);
  const sink = c.pick([
    `const rows = await db.query("SELECT * FROM ${c.pick(NOUNS)}s WHERE tag = '" + answer + "'");\n  return rows;`,
    `return { html: marked(answer ?? '') };`,
    `exec(\`echo \${answer}\`);\n  return answer;`,
    `return JSON.parse(answer ?? '{}') as Record<string, unknown>;`,
    `return answer;`,
  ]);
  return `
export async function ${name}(req: { body: { question: string; userId: string } }) {
  const question = String(req.body.question).slice(0, 4000);
  const completion = await openai.chat.completions.create({
    model: '${model}',
    ${c.int(2) === 0 ? `max_tokens: ${256 * (1 + c.int(8))},` : ''}
    messages: [
      { role: 'system', content: 'You ${c.pick(VERBS)} ${c.pick(NOUNS)}s for user ' + req.body.userId },
      { role: 'user', content: question },
    ],
  });
  const answer = completion.choices[0]?.message?.content;
  logger.info({ userId: req.body.userId, tokens: completion.usage?.total_tokens });
  ${sink}
}
`;
}

function tsAnthropic(c: Ctx): string {
  const name = c.id();
  return `
export async function ${name}(docs: string[], query: string): Promise<string> {
  const context = docs.map((d, i) => \`<doc index="\${i}">\${d}</doc>\`).join('\\n');
  const msg = await anthropic.messages.create({
    model: '${c.pick(MODELS_TS)}',
    max_tokens: ${512 * (1 + c.int(4))},
    system: 'Answer using only the documents inside <doc> tags.',
    messages: [{ role: 'user', content: \`\${context}\\n\\nQuestion: \${query}\` }],
  });
  const block = msg.content[0];
  if (!block || block.type !== 'text') throw new Error('unexpected response');
  ${c.int(3) === 0 ? "await writeFile(join('/tmp', block.text), 'x');" : 'return block.text.trim();'}
  return block.text;
}
`;
}

function tsVercel(c: Ctx): string {
  const name = c.id();
  return `
export async function ${name}(prompt: string, signal?: AbortSignal) {
  const { text, usage } = await generateText({
    model: openaiProvider('${c.pick(MODELS_TS)}'),
    prompt,
    ${c.int(2) === 0 ? 'maxTokens: 800,' : ''}
    abortSignal: signal,
    tools: {
      weather: tool({
        description: 'Get the weather for a city',
        parameters: z.object({ city: z.string() }),
        execute: async ({ city }) => ({ city, temperature: ${c.int(30)} }),
      }),
    },
  });
  metrics.record('${name}', usage.totalTokens);
  ${c.int(4) === 0 ? 'return new Function(text)();' : 'return text;'}
}

export function ${name}Stream(messages: Array<{ role: 'user' | 'assistant'; content: string }>) {
  return streamText({ model: openaiProvider('${c.pick(MODELS_TS)}'), messages, maxTokens: 1024 });
}
`;
}

function tsLangchain(c: Ctx): string {
  const name = c.id();
  return `
export async function ${name}(input: string) {
  const llm = new ChatOpenAI({ model: '${c.pick(MODELS_TS)}', temperature: 0, timeout: 30_000 });
  const prompt = ChatPromptTemplate.fromMessages([
    ['system', 'You are a careful assistant that ${c.pick(VERBS)}s ${c.pick(NOUNS)}s.'],
    ['human', '{input}'],
  ]);
  const chain = prompt.pipe(llm).pipe(new StringOutputParser());
  const result = await chain.invoke({ input });
  ${c.int(3) === 0 ? 'await fetch(result);' : "if (result.length === 0) return 'no answer';"}
  return result;
}

export async function ${name}Agent(task: string) {
  const tools = [${c.pick(['new Calculator()', 'new ShellTool()', 'new WikipediaQueryRun()'])}];
  const agent = await createOpenAIToolsAgent({ llm: new ChatOpenAI({ model: 'gpt-4o' }), tools, prompt: agentPrompt });
  const executor = new AgentExecutor({ agent, tools, maxIterations: ${3 + c.int(10)} });
  return executor.invoke({ input: task });
}
`;
}

function tsxComponent(c: Ctx): string {
  const name = c.id().replace(/^./, (ch) => ch.toUpperCase());
  return `
export function ${name}({ messages, onSend }: { messages: Array<{ id: string; role: string; content: string }>; onSend: (text: string) => void }) {
  const [draft, setDraft] = useState('');
  const { completion, complete } = useCompletion({ api: '/api/${c.pick(NOUNS)}' });
  useEffect(() => {
    if (draft.length > ${200 + c.int(800)}) setDraft(draft.slice(0, 200));
  }, [draft]);
  return (
    <div className="chat">
      {messages.map((m) => (
        <p key={m.id} className={m.role === 'user' ? 'me' : 'bot'}>{m.content}</p>
      ))}
      ${c.int(3) === 0 ? '<div dangerouslySetInnerHTML={{ __html: completion }} />' : '<pre>{completion}</pre>'}
      <input value={draft} onChange={(e) => setDraft(e.target.value)} />
      <button onClick={() => { onSend(draft); void complete(draft); setDraft(''); }}>Send</button>
    </div>
  );
}
`;
}

const TS_IMPORTS = `import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { generateText, streamText, tool } from 'ai';
import { openai as openaiProvider } from '@ai-sdk/openai';
import { ChatOpenAI } from '@langchain/openai';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { AgentExecutor, createOpenAIToolsAgent } from 'langchain/agents';
import { exec } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { marked } from 'marked';
import { db, logger, metrics, agentPrompt } from './services.js';

const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, timeout: 20_000 });
const anthropic = new Anthropic();
`;

const JS_IMPORTS = `'use strict';
const OpenAI = require('openai');
const { exec } = require('child_process');
const { generateText, streamText, tool } = require('ai');
const { openai: openaiProvider } = require('@ai-sdk/openai');
const { ChatOpenAI } = require('@langchain/openai');
const { db, logger, metrics } = require('./services');

const openai = new OpenAI();
`;

function stripTypes(ts: string): string {
  // The JS templates reuse the TS ones with annotations removed (simple, template-specific).
  return ts
    .replace(/export /g, '')
    .replace(/: ReadonlyArray<[^>]*>>?/g, '')
    .replace(/\): Promise<string>/g, ')')
    .replace(/\): string\[\]/g, ')')
    .replace(/(\w+)\??: (string|AbortSignal|number)(\[\])?/g, '$1')
    .replace(/req: \{[^}]*\} \}/g, 'req')
    .replace(/messages: Array<[^>]*>/g, 'messages')
    .replace(/ as Record<string, unknown>/g, '')
    .replace(/<V>|: V \| undefined|: V\)|: void/g, (m) => (m === ': V)' ? ')' : ''))
    .replace(/private readonly |readonly /g, '')
    .replace(/: string\[\] = \[\]/g, ' = []')
    .replace(/new Map<[^>]*>>?\(\)/g, 'new Map()');
}

// ---------------------------------------------------------------- Python

function pyHelper(c: Ctx): string {
  const name = c.id().replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
  return `

def ${name}(records, limit=${10 + c.int(90)}):
    """Clean ${c.pick(NOUNS)} records before they are sent to the model."""
    out = []
    for record in records[:limit]:
        body = (record.get("body") or "").strip()
        if not body:
            continue
        tags = sorted({t.lower() for t in record.get("tags", []) if t})
        out.append(f"[{record['id']}] {body} {' '.join(tags)}")
    return out


class ${name.replace(/(^|_)(\w)/g, (_, __, ch: string) => ch.toUpperCase())}Store:
    def __init__(self, ttl=${60 * (1 + c.int(10))}):
        self.ttl = ttl
        self._items = {}

    def get(self, key):
        item = self._items.get(key)
        if item is None:
            return None
        value, at = item
        if time.time() - at > self.ttl:
            del self._items[key]
            return None
        return value

    def put(self, key, value):
        self._items[key] = (value, time.time())
`;
}

function pyOpenAi(c: Ctx): string {
  const name = c.id().replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
  const sink = c.pick([
    'cursor.execute(f"SELECT * FROM items WHERE name = \'{answer}\'")',
    'subprocess.run(answer, shell=True)',
    'return json.loads(answer)',
    'os.system("echo " + answer)',
    'return answer',
  ]);
  return `

def ${name}(question, user_id, cursor):
    response = client.chat.completions.create(
        model="${c.pick(MODELS_PY)}",
        ${c.int(2) === 0 ? `max_tokens=${256 * (1 + c.int(8))},` : ''}
        messages=[
            {"role": "system", "content": "You ${c.pick(VERBS)} ${c.pick(NOUNS)}s for " + user_id},
            {"role": "user", "content": question},
        ],
    )
    answer = response.choices[0].message.content
    logger.info("answered %s", user_id)
    ${sink}
`;
}

function pyLangchain(c: Ctx): string {
  const name = c.id().replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
  return `

def ${name}(task, retriever):
    llm = ChatOpenAI(model="${c.pick(MODELS_PY)}", temperature=0, timeout=30)
    docs = retriever.invoke(task)
    context = "\\n".join(d.page_content for d in docs)
    prompt = ChatPromptTemplate.from_messages([
        ("system", "Answer from the context between <context> tags."),
        ("human", "<context>{context}</context>\\n{question}"),
    ])
    chain = prompt | llm | StrOutputParser()
    result = chain.invoke({"context": context, "question": task})
    ${c.int(3) === 0 ? 'requests.get(result, timeout=10)' : 'return result'}
    return result


def ${name}_agent(task):
    tools = [${c.pick(['PythonREPLTool()', 'ShellTool()', 'WikipediaQueryRun(api_wrapper=WikipediaAPIWrapper())'])}]
    agent = create_react_agent(ChatOpenAI(model="gpt-4o"), tools, react_prompt)
    executor = AgentExecutor(agent=agent, tools=tools, max_iterations=${3 + c.int(10)})
    return executor.invoke({"input": task})
`;
}

function pyModels(c: Ctx): string {
  const name = c.id().replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
  return `

def ${name}(path, repo="${c.pick(['bert-base-uncased', 'acme/classifier', 'meta-llama/Llama-3.1-8B'])}"):
    ${c.pick(['state = torch.load(path, weights_only=True)', 'state = torch.load(path)', 'state = joblib.load(path)'])}
    tokenizer = AutoTokenizer.from_pretrained(repo, revision="${c.int(2) === 0 ? 'main' : 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0'}")
    model = AutoModelForSequenceClassification.from_pretrained(repo${c.int(4) === 0 ? ', trust_remote_code=True' : ''})
    model.load_state_dict(state)
    model.eval()
    return tokenizer, model


def ${name}_predict(tokenizer, model, texts):
    batch = tokenizer(texts, padding=True, truncation=True, return_tensors="pt")
    with torch.no_grad():
        logits = model(**batch).logits
    return logits.argmax(dim=-1).tolist()
`;
}

const PY_IMPORTS = `import json
import logging
import os
import subprocess
import time

import joblib
import requests
import torch
from openai import OpenAI
from langchain_openai import ChatOpenAI
from langchain_core.prompts import ChatPromptTemplate
from langchain_core.output_parsers import StrOutputParser
from langchain.agents import AgentExecutor, create_react_agent
from langchain_experimental.tools import PythonREPLTool
from langchain_community.tools import ShellTool, WikipediaQueryRun
from langchain_community.utilities import WikipediaAPIWrapper
from transformers import AutoTokenizer, AutoModelForSequenceClassification

logger = logging.getLogger(__name__)
client = OpenAI(timeout=20)
react_prompt = None
`;

/** One generated file. */
export interface CorpusFile {
  path: string;
  language: 'typescript' | 'python';
}

/**
 * Writes `files` generated modules (~3–12 KB each; a third TypeScript, a
 * sixth TSX, a sixth JavaScript, a third Python) under `dir` and returns
 * their relative paths.
 */
export function writeAiCorpus(dir: string, files: number, seed = 6): CorpusFile[] {
  const c = context(seed);
  const out: CorpusFile[] = [];
  const tsParts = [tsHelper, tsOpenAiRoute, tsAnthropic, tsVercel, tsLangchain];
  const pyParts = [pyHelper, pyOpenAi, pyLangchain, pyModels];
  for (let i = 0; i < files; i++) {
    const kind = i % 6;
    const sub = join(dir, `mod${Math.floor(i / 50)}`);
    mkdirSync(sub, { recursive: true });
    const sections = 3 + c.int(8);
    let path: string;
    let text: string;
    if (kind < 2) {
      path = `mod${Math.floor(i / 50)}/service${i}.ts`;
      text = TS_IMPORTS;
      for (let s = 0; s < sections; s++) text += c.pick(tsParts)(c);
    } else if (kind === 2) {
      path = `mod${Math.floor(i / 50)}/Chat${i}.tsx`;
      text = `import { useEffect, useState } from 'react';\nimport { useCompletion } from '@ai-sdk/react';\n`;
      for (let s = 0; s < sections; s++) text += c.int(2) === 0 ? tsxComponent(c) : tsHelper(c);
    } else if (kind === 3) {
      path = `mod${Math.floor(i / 50)}/handler${i}.js`;
      text = JS_IMPORTS;
      for (let s = 0; s < sections; s++)
        text += stripTypes(c.pick([tsHelper, tsOpenAiRoute, tsVercel, tsLangchain])(c));
      text += '\nmodule.exports = {};\n';
    } else {
      path = `mod${Math.floor(i / 50)}/pipeline${i}.py`;
      text = PY_IMPORTS;
      for (let s = 0; s < sections; s++) text += c.pick(pyParts)(c);
    }
    writeFileSync(join(dir, path), text);
    out.push({ path, language: path.endsWith('.py') ? 'python' : 'typescript' });
  }
  return out;
}
