/**
 * Generates the framework catalog shipped in packages/core/data from the
 * upstream reference files. Run by maintainers when a framework publishes a
 * new release; the product only ever reads the committed JSON.
 *
 *   npx tsx packages/core/scripts/build-catalog.ts --reference DIR
 *
 * DIR holds atlas/ATLAS.yaml, owasp/*.json, nist/*.json and cwe/cwe-ai.json.
 * Every ID written is validated: ATLAS IDs against ATLAS.yaml, OWASP IDs
 * against their edition, crosswalk ends against both editions. OWASP and CWE
 * descriptions come from catalog-descriptions.ts (our own wording); ATLAS and
 * NIST descriptions are the first sentence of the upstream text.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import {
  CWE_ENTRIES,
  OWASP_AGENTIC_DESCRIPTIONS,
  OWASP_LLM_DESCRIPTIONS,
} from './catalog-descriptions.js';

interface Entry {
  id: string;
  kind: string;
  name: string;
  description: string;
  url: string;
  parent?: string;
  tactics?: string[];
}

interface Section {
  name: string;
  title: string;
  version: string;
  source: string;
  license: string;
  entries: Entry[];
}

interface CatalogFile {
  frameworks: Section[];
  crosswalk?: [string, string][];
}

// Problems found by the current run; reset by generateCatalog.
let problems: string[] = [];
function check(condition: boolean, message: string): void {
  if (!condition) problems.push(message);
}

function parseArgs(argv: readonly string[]): string {
  const index = argv.indexOf('--reference');
  const dir = index >= 0 ? argv[index + 1] : undefined;
  if (!dir) {
    process.stderr.write(
      'usage: npx tsx packages/core/scripts/build-catalog.ts --reference DIR\n' +
        '  DIR: folder with atlas/ATLAS.yaml, owasp/, nist/ and cwe/ reference files\n',
    );
    process.exit(2);
  }
  return resolve(dir);
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function asRecords(value: unknown, what: string): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new Error(`${what}: expected a list`);
  return value as Record<string, unknown>[];
}

function str(record: Record<string, unknown>, key: string, what: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`${what}: missing string field "${key}"`);
  }
  return value;
}

/** Markdown links become their text; whitespace collapses to single spaces. */
function plainText(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cuts text at a word boundary so it fits `max` characters. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[,;:]$/, '')}…`;
}

/** First sentence of an upstream description, as one short line. */
function firstSentence(text: string, max = 240): string {
  const plain = plainText(text);
  const sentenceEnd = /(?<!\b(?:e\.g|i\.e|etc|vs))\.(?=\s+[A-Z(])/.exec(plain);
  const sentence = sentenceEnd ? plain.slice(0, sentenceEnd.index + 1) : plain;
  return clip(sentence, max);
}

const ATLAS_ID = /^AML\.(TA\d{4}|T\d{4}(\.\d{3})?|M\d{4})$/;

function buildAtlas(reference: string): { file: CatalogFile; ids: Set<string> } {
  const doc = parseYaml(readFileSync(join(reference, 'atlas', 'ATLAS.yaml'), 'utf8'), {
    maxAliasCount: -1,
  }) as Record<string, unknown>;
  const version = str(doc, 'version', 'ATLAS.yaml');
  const matrix = asRecords(doc.matrices, 'ATLAS.yaml matrices')[0];
  if (!matrix) throw new Error('ATLAS.yaml: no matrix');
  const entries: Entry[] = [];
  const ids = new Set<string>();
  const add = (entry: Entry): void => {
    check(ATLAS_ID.test(entry.id), `ATLAS: malformed ID ${entry.id}`);
    check(!ids.has(entry.id), `ATLAS: duplicate ID ${entry.id}`);
    ids.add(entry.id);
    entries.push(entry);
  };
  for (const tactic of asRecords(matrix.tactics, 'ATLAS tactics')) {
    const id = str(tactic, 'id', 'ATLAS tactic');
    add({
      id,
      kind: 'tactic',
      name: str(tactic, 'name', id),
      description: firstSentence(str(tactic, 'description', id)),
      url: `https://atlas.mitre.org/tactics/${id}`,
    });
  }
  const techniques = asRecords(matrix.techniques, 'ATLAS techniques');
  for (const technique of techniques) {
    const id = str(technique, 'id', 'ATLAS technique');
    const parent = technique['subtechnique-of'];
    const entry: Entry = {
      id,
      kind: typeof parent === 'string' ? 'sub-technique' : 'technique',
      name: str(technique, 'name', id),
      description: firstSentence(str(technique, 'description', id)),
      url: `https://atlas.mitre.org/techniques/${id}`,
    };
    if (typeof parent === 'string') entry.parent = parent;
    const tactics = technique.tactics;
    if (Array.isArray(tactics)) entry.tactics = tactics.map(String);
    add(entry);
  }
  for (const mitigation of asRecords(matrix.mitigations, 'ATLAS mitigations')) {
    const id = str(mitigation, 'id', 'ATLAS mitigation');
    add({
      id,
      kind: 'mitigation',
      name: str(mitigation, 'name', id),
      description: firstSentence(str(mitigation, 'description', id)),
      url: `https://atlas.mitre.org/mitigations/${id}`,
    });
  }
  for (const entry of entries) {
    if (entry.parent !== undefined) {
      check(ids.has(entry.parent), `ATLAS: ${entry.id} has unknown parent ${entry.parent}`);
    }
    for (const tactic of entry.tactics ?? []) {
      check(ids.has(tactic), `ATLAS: ${entry.id} names unknown tactic ${tactic}`);
    }
  }
  return {
    ids,
    file: {
      frameworks: [
        {
          name: 'mitre-atlas',
          title: 'MITRE ATLAS',
          version,
          source: 'https://github.com/mitre-atlas/atlas-data (dist/ATLAS.yaml)',
          license: 'Apache-2.0, Copyright 2021-2025 MITRE',
          entries,
        },
      ],
    },
  };
}

const OWASP_2025_SLUGS: Readonly<Record<string, string>> = {
  'LLM01:2025': 'llm01-prompt-injection',
  'LLM02:2025': 'llm022025-sensitive-information-disclosure',
  'LLM03:2025': 'llm032025-supply-chain',
  'LLM04:2025': 'llm042025-data-and-model-poisoning',
  'LLM05:2025': 'llm052025-improper-output-handling',
  'LLM06:2025': 'llm062025-excessive-agency',
  'LLM07:2025': 'llm072025-system-prompt-leakage',
  'LLM08:2025': 'llm082025-vector-and-embedding-weaknesses',
  'LLM09:2025': 'llm092025-misinformation',
  'LLM10:2025': 'llm102025-unbounded-consumption',
};

function ownDescription(table: Readonly<Record<string, string>>, id: string): string {
  const description = table[id];
  check(description !== undefined, `no description of our own for ${id}`);
  return description ?? '';
}

function owaspEntries(
  path: string,
  year: string,
  url: (id: string) => string,
): { entries: Entry[]; raw: Record<string, unknown>[] } {
  const raw = asRecords(readJson(path).entries, path);
  const entries = raw.map((record) => {
    const id = str(record, 'key', path);
    check(new RegExp(`^LLM(0[1-9]|10):${year}$`).test(id), `OWASP: malformed ID ${id}`);
    return {
      id,
      kind: 'risk',
      name: str(record, 'name', id),
      description: ownDescription(OWASP_LLM_DESCRIPTIONS, id),
      url: url(id),
    };
  });
  check(entries.length === 10, `OWASP LLM ${year}: expected 10 entries, got ${entries.length}`);
  return { entries, raw };
}

function buildOwaspLlm(reference: string): CatalogFile {
  const e2025 = owaspEntries(
    join(reference, 'owasp', 'owasp-llm-top10-2025.json'),
    '2025',
    (id) => {
      const slug = OWASP_2025_SLUGS[id];
      check(slug !== undefined, `OWASP: no page slug for ${id}`);
      return `https://genai.owasp.org/llmrisk/${slug ?? ''}/`;
    },
  );
  const path2026 = join(reference, 'owasp', 'owasp-llm-top10-2026.json');
  const e2026 = owaspEntries(path2026, '2026', () => 'https://genai.owasp.org/llm-top-10/');
  const ids2025 = new Set(e2025.entries.map((entry) => entry.id));
  const ids2026 = new Set(e2026.entries.map((entry) => entry.id));

  const crosswalk: [string, string][] = [];
  const table = readJson(path2026).crosswalk2025to2026 as Record<string, unknown>;
  for (const [from, to] of Object.entries(table)) {
    const targets = Array.isArray(to) ? to.map(String) : [String(to)];
    for (const target of targets) {
      check(ids2025.has(from), `crosswalk: unknown 2025 ID ${from}`);
      check(ids2026.has(target), `crosswalk: unknown 2026 ID ${target}`);
      crosswalk.push([from, target]);
    }
  }
  // The 2026 entries also say what they were; both statements must agree.
  for (const record of e2026.raw) {
    const was = record.was;
    if (typeof was === 'string') {
      const key = String(record.key);
      check(
        crosswalk.some(([from, to]) => from === was && to === key),
        `crosswalk: ${key} says it was ${was}, the crosswalk table disagrees`,
      );
    }
  }
  crosswalk.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
  const common = {
    source: 'https://github.com/GenAI-Security-Project/GenAI-LLM-Top10',
    license: 'CC BY-SA 4.0, OWASP Foundation; descriptions are Bulwark’s own',
  };
  return {
    frameworks: [
      {
        name: 'owasp-llm-2025',
        title: 'OWASP Top 10 for LLM Applications 2025',
        version: '2025',
        ...common,
        entries: e2025.entries,
      },
      {
        name: 'owasp-llm-2026',
        title: 'OWASP Top 10 for LLM Applications 2026',
        version: '2026',
        ...common,
        entries: e2026.entries,
      },
    ],
    crosswalk,
  };
}

function buildOwaspAgentic(reference: string): CatalogFile {
  const path = join(reference, 'owasp', 'owasp-agentic-2026-and-threats.json');
  const entries = asRecords(readJson(path).asi, path).map((record) => {
    const id = str(record, 'key', path);
    check(/^ASI(0[1-9]|10):2026$/.test(id), `OWASP agentic: malformed ID ${id}`);
    return {
      id,
      kind: 'risk',
      name: str(record, 'name', id),
      description: ownDescription(OWASP_AGENTIC_DESCRIPTIONS, id),
      url: 'https://genai.owasp.org/resource/owasp-top-10-for-agentic-applications-for-2026/',
    };
  });
  check(entries.length === 10, `OWASP agentic: expected 10 entries, got ${entries.length}`);
  return {
    frameworks: [
      {
        name: 'owasp-agentic-2026',
        title: 'OWASP Top 10 for Agentic Applications 2026',
        version: '2026',
        source: 'https://genai.owasp.org/resource/owasp-top-10-for-agentic-applications-for-2026/',
        license: 'CC BY-SA 4.0, OWASP Foundation; descriptions are Bulwark’s own',
        entries,
      },
    ],
  };
}

function buildNistRmf(reference: string): CatalogFile {
  const path = join(reference, 'nist', 'nist-ai-rmf-1.0.json');
  const doc = readJson(path);
  const entries: Entry[] = [];
  for (const fn of asRecords(doc.functions, path)) {
    for (const category of asRecords(fn.categories, path)) {
      const parent = str(category, 'id', path);
      for (const sub of asRecords(category.subcategories, path)) {
        const id = str(sub, 'id', path);
        check(/^(GOVERN|MAP|MEASURE|MANAGE) \d+\.\d+$/.test(id), `NIST AI RMF: malformed ${id}`);
        const text = plainText(str(sub, 'text', id));
        entries.push({
          id,
          kind: 'subcategory',
          name: firstSentence(text, 100),
          description: clip(text, 300),
          url: 'https://nvlpubs.nist.gov/nistpubs/ai/NIST.AI.100-1.pdf',
          parent,
        });
      }
    }
  }
  check(entries.length === 72, `NIST AI RMF: expected 72 subcategories, got ${entries.length}`);
  return {
    frameworks: [
      {
        name: 'nist-ai-rmf',
        title: 'NIST AI Risk Management Framework 1.0 (NIST AI 100-1)',
        version: '1.0',
        source: 'https://nvlpubs.nist.gov/nistpubs/ai/NIST.AI.100-1.pdf',
        license: 'US Government work, not subject to copyright in the United States',
        entries,
      },
    ],
  };
}

function buildNist600(reference: string): CatalogFile {
  const path = join(reference, 'nist', 'nist-ai-600-1-genai-profile.json');
  const entries = asRecords(readJson(path).risks, path).map((risk, index) => {
    const local = str(risk, 'id', path);
    // GAI-nn numbers the risks in the order of section 2 (2.1 .. 2.12).
    check(
      local === `GAI-${String(index + 1).padStart(2, '0')}`,
      `NIST 600-1: ${local} out of order`,
    );
    return {
      id: `NIST-600-1:${local}`,
      kind: 'risk',
      name: str(risk, 'name', local),
      description: firstSentence(str(risk, 'definition', local), 300),
      url: 'https://nvlpubs.nist.gov/nistpubs/ai/NIST.AI.600-1.pdf',
    };
  });
  check(entries.length === 12, `NIST 600-1: expected 12 risks, got ${entries.length}`);
  return {
    frameworks: [
      {
        name: 'nist-ai-600-1',
        title: 'NIST AI 600-1 Generative AI Profile',
        version: '2024-07',
        source: 'https://nvlpubs.nist.gov/nistpubs/ai/NIST.AI.600-1.pdf',
        license: 'US Government work, not subject to copyright in the United States',
        entries,
      },
    ],
  };
}

function buildCwe(reference: string): CatalogFile {
  const path = join(reference, 'cwe', 'cwe-ai.json');
  const doc = readJson(path);
  const view = doc.view as Record<string, unknown>;
  const upstreamNames = new Map<string, string>();
  upstreamNames.set(str(view, 'id', path), str(view, 'name', path));
  for (const record of asRecords(view.categories, path)) {
    upstreamNames.set(str(record, 'id', path), str(record, 'name', path));
  }
  for (const record of asRecords(doc.aiSpecific, path)) {
    upstreamNames.set(str(record, 'id', path), str(record, 'name', path));
  }
  const viewMembers = [
    ...asRecords(doc.aiSpecific, path).map((record) => str(record, 'id', path)),
    ...(doc.generalMembersOfView as string[]),
  ];
  check(viewMembers.length === view.members, `CWE: view member count differs from the file`);
  for (const id of [...upstreamNames.keys(), ...viewMembers]) {
    check(CWE_ENTRIES[id] !== undefined, `CWE: ${id} is in the reference but has no entry`);
  }
  for (const [id, name] of upstreamNames) {
    check(CWE_ENTRIES[id]?.name === name, `CWE: ${id} name differs from the reference`);
  }
  const kindOf = (id: string): string =>
    id === view.id
      ? 'view'
      : asRecords(view.categories, path).some((c) => c.id === id)
        ? 'category'
        : 'weakness';
  const entries = Object.entries(CWE_ENTRIES)
    .map(([id, entry]) => {
      check(/^CWE-\d+$/.test(id), `CWE: malformed ID ${id}`);
      const result: Entry = {
        id,
        kind: kindOf(id),
        name: entry.name,
        description: entry.description,
        url: `https://cwe.mitre.org/data/definitions/${id.slice(4)}.html`,
      };
      if (viewMembers.includes(id)) result.parent = String(view.id);
      return result;
    })
    .sort((a, b) => Number(a.id.slice(4)) - Number(b.id.slice(4)));
  return {
    frameworks: [
      {
        name: 'cwe',
        title: 'Common Weakness Enumeration (CWE)',
        version: '4.x',
        source: 'https://cwe.mitre.org/data/definitions/1448.html',
        license:
          'CWE Terms of Use, Copyright The MITRE Corporation; descriptions are Bulwark’s own',
        entries,
      },
    ],
  };
}

/** Checks the cross-references our own description tables make. */
function checkDescriptionTables(): void {
  for (const id of Object.keys(OWASP_LLM_DESCRIPTIONS)) {
    check(/^LLM(0[1-9]|10):(2025|2026)$/.test(id), `description for malformed ID ${id}`);
  }
  for (const id of Object.keys(OWASP_AGENTIC_DESCRIPTIONS)) {
    check(/^ASI(0[1-9]|10):2026$/.test(id), `description for malformed ID ${id}`);
  }
}

/**
 * Builds every catalog file from a reference folder, in memory. Returns the
 * files and every validation problem; the files must not be written when there
 * is any problem. Throws only when an input file is missing or unreadable.
 */
export function generateCatalog(reference: string): {
  files: Record<string, CatalogFile>;
  problems: string[];
} {
  problems = [];
  const files: Record<string, CatalogFile> = {
    'atlas.json': buildAtlas(reference).file,
    'owasp-llm.json': buildOwaspLlm(reference),
    'owasp-agentic.json': buildOwaspAgentic(reference),
    'nist-ai-rmf.json': buildNistRmf(reference),
    'nist-ai-600-1.json': buildNist600(reference),
    'cwe.json': buildCwe(reference),
  };
  checkDescriptionTables();
  return { files, problems };
}

function main(): void {
  const reference = parseArgs(process.argv.slice(2));
  const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'data');
  const { files, problems } = generateCatalog(reference);
  if (problems.length > 0) {
    process.stderr.write(`catalog not written, ${problems.length} problem(s):\n`);
    for (const problem of problems) process.stderr.write(`  ${problem}\n`);
    process.exit(1);
  }
  mkdirSync(join(outDir, 'LICENSES'), { recursive: true });
  for (const [name, file] of Object.entries(files)) {
    writeFileSync(join(outDir, name), `${JSON.stringify(file)}\n`);
    const count = file.frameworks.reduce((n, section) => n + section.entries.length, 0);
    process.stdout.write(`wrote data/${name} (${count} entries)\n`);
  }
  // Written, not copied, so the file is not read-only like the reference tree.
  writeFileSync(
    join(outDir, 'LICENSES', 'MITRE-ATLAS-NOTICE.txt'),
    readFileSync(join(reference, 'atlas', 'LICENSE.txt')),
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main();
}
