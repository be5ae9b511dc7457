import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCatalog } from '../scripts/build-catalog.js';

// The catalog generator against a small synthetic reference folder: it must
// carry valid data through and report every inconsistency instead of writing.

const dir = mkdtempSync(join(tmpdir(), 'bulwark-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function put(path: string, content: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}
const two = (n: number): string => String(n).padStart(2, '0');
const tenOf = <T>(make: (n: string) => T): T[] =>
  Array.from({ length: 10 }, (_, i) => make(two(i + 1)));

put(
  'atlas/ATLAS.yaml',
  `id: ATLAS
version: 9.9.9
matrices:
- id: ATLAS
  tactics:
  - id: AML.TA0002
    name: Reconnaissance
    description: 'The adversary is looking around. It reads public pages.'
  techniques:
  - id: AML.T0000
    name: Search
    description: 'Adversaries may use [Proxy Models](/techniques/AML.T0005), e.g. public ones. Then more.'
    tactics: [AML.TA0002]
  - id: AML.T0000.000
    name: Journals
    description: Papers.
    subtechnique-of: AML.T0000
  - id: AML.T0001
    name: Orphan
    description: Uses a tactic that does not exist.
    tactics: [AML.TA0099]
  mitigations:
  - id: AML.M0000
    name: Limit Disclosure
    description: Share less.
`,
);
put('atlas/LICENSE.txt', 'Copyright MITRE\n');
put(
  'owasp/owasp-llm-top10-2025.json',
  JSON.stringify({ entries: tenOf((n) => ({ key: `LLM${n}:2025`, name: `Risk ${n}` })) }),
);
const crosswalk = Object.fromEntries(tenOf((n) => [`LLM${n}:2025`, `LLM${n}:2026`]));
put(
  'owasp/owasp-llm-top10-2026.json',
  JSON.stringify({
    crosswalk2025to2026: crosswalk,
    // LLM03:2026 claims a predecessor the crosswalk table does not give it.
    entries: tenOf((n) => ({
      key: `LLM${n}:2026`,
      name: `Risk ${n}`,
      was: n === '03' ? 'LLM06:2025' : `LLM${n}:2025`,
    })),
  }),
);
put(
  'owasp/owasp-agentic-2026-and-threats.json',
  JSON.stringify({ asi: tenOf((n) => ({ key: `ASI${n}:2026`, name: `Agentic ${n}` })) }),
);
put(
  'nist/nist-ai-rmf-1.0.json',
  JSON.stringify({
    functions: [
      {
        id: 'GOVERN',
        categories: [
          { id: 'GOVERN 1', subcategories: [{ id: 'GOVERN 1.1', text: 'Rules are known.' }] },
        ],
      },
    ],
  }),
);
put(
  'nist/nist-ai-600-1-genai-profile.json',
  JSON.stringify({
    risks: Array.from({ length: 12 }, (_, i) => ({
      id: `GAI-${two(i + 1)}`,
      name: `Risk ${i + 1}`,
      definition: `Definition ${i + 1}. Detail.`,
    })),
  }),
);
put(
  'cwe/cwe-ai.json',
  JSON.stringify({
    view: {
      id: 'CWE-1448',
      name: 'Weaknesses Related to AI/ML Products',
      members: 5,
      categories: [{ id: 'CWE-1446', name: 'Weaknesses That are Specific to AI/ML Technology' }],
    },
    aiSpecific: [
      { id: 'CWE-1426', name: 'Improper Validation of Generative AI Output' },
      { id: 'CWE-1427', name: 'A renamed weakness' },
    ],
    generalMembersOfView: ['CWE-79', 'CWE-502', 'CWE-4242'],
  }),
);

describe('build-catalog generator', () => {
  const { files, problems } = generateCatalog(dir);

  it('reports every inconsistency in the reference data', () => {
    expect(problems).toEqual([
      'ATLAS: AML.T0001 names unknown tactic AML.TA0099',
      'crosswalk: LLM03:2026 says it was LLM06:2025, the crosswalk table disagrees',
      'NIST AI RMF: expected 72 subcategories, got 1',
      'CWE: CWE-4242 is in the reference but has no entry',
      'CWE: CWE-1427 name differs from the reference',
    ]);
  });

  it('shortens ATLAS text to its first sentence without markdown links', () => {
    const atlas = files['atlas.json']?.frameworks[0];
    expect(atlas?.version).toBe('9.9.9');
    expect(atlas?.entries.map((e) => [e.id, e.kind, e.description])).toEqual([
      ['AML.TA0002', 'tactic', 'The adversary is looking around.'],
      ['AML.T0000', 'technique', 'Adversaries may use Proxy Models, e.g. public ones.'],
      ['AML.T0000.000', 'sub-technique', 'Papers.'],
      ['AML.T0001', 'technique', 'Uses a tactic that does not exist.'],
      ['AML.M0000', 'mitigation', 'Share less.'],
    ]);
    expect(atlas?.entries[2]?.parent).toBe('AML.T0000');
  });

  it('uses our own descriptions for OWASP and keys NIST 600-1 risks by section order', () => {
    const llm = files['owasp-llm.json'];
    expect(llm?.frameworks[0]?.entries[0]?.description).toMatch(/^Text from users/);
    expect(llm?.crosswalk).toHaveLength(10);
    const risks = files['nist-ai-600-1.json']?.frameworks[0]?.entries;
    expect(risks?.[1]).toMatchObject({ id: 'NIST-600-1:GAI-02', description: 'Definition 2.' });
  });
});
