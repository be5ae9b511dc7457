import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CODE_RULES, CONFIG_RULES, runScan } from '../src/index.js';
import { loadSnippets, type LabelledSnippet } from './labelled-snippets.js';

const snippets = loadSnippets();
const work = mkdtempSync(join(tmpdir(), 'bulwark-rules-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function firedRules(snippet: LabelledSnippet): Promise<Set<string>> {
  const dir = join(work, `${snippet.ruleId}-${snippet.index}`);
  mkdirSync(dirname(join(dir, snippet.path)), { recursive: true });
  writeFileSync(join(dir, snippet.path), snippet.code);
  const { report } = await runScan({
    root: dir,
    scanners: ['code', 'configs'],
    command: 'test',
    tool: { name: 'bulwark', version: 'test' },
  });
  return new Set(report.findings.map((f) => f.ruleId));
}

describe('AI code and config rules on the labelled snippet set', () => {
  const allRules = [...CODE_RULES.map((r) => r.id), ...CONFIG_RULES.map((r) => r.id)];

  it('has unique rule ids with complete metadata', () => {
    expect(new Set(allRules).size).toBe(allRules.length);
    expect(allRules.length).toBeGreaterThanOrEqual(30);
    for (const rule of [...CODE_RULES, ...CONFIG_RULES]) {
      expect(rule.description.length, rule.id).toBeGreaterThan(20);
      expect(rule.remediation.length, rule.id).toBeGreaterThan(10);
      expect(rule.cwe.length, rule.id).toBeGreaterThan(0);
      expect(
        rule.refs.some((ref) => /^(LLM\d\d:2025|ASI\d\d:2026)$/.test(ref)),
        rule.id,
      ).toBe(true);
    }
  });

  it('has at least 3 positive and 3 negative snippets for every rule', () => {
    for (const id of allRules) {
      const mine = snippets.filter((s) => s.ruleId === id);
      expect(mine.filter((s) => s.label === 'pos').length, id).toBeGreaterThanOrEqual(3);
      expect(mine.filter((s) => s.label === 'neg').length, id).toBeGreaterThanOrEqual(3);
    }
  });

  it('reaches precision and recall of at least 0.95, and every snippet is classified correctly', async () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const wrong: string[] = [];
    for (const snippet of snippets) {
      const fired = (await firedRules(snippet)).has(snippet.ruleId);
      if (snippet.label === 'pos' && fired) tp++;
      else if (snippet.label === 'pos') {
        fn++;
        wrong.push(`missed ${snippet.ruleId} #${snippet.index}`);
      } else if (fired) {
        fp++;
        wrong.push(`false positive ${snippet.ruleId} #${snippet.index}`);
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    expect(wrong).toEqual([]);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  }, 60_000);
});
