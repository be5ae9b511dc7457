import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isKnownFrameworkId } from '../src/index.js';
import { suggestionFor } from '../src/frameworks/lookup.js';
import {
  CATALOG_DATA_FILES,
  findFrameworkIdTokens,
  findRepoRoot,
  listScannedFiles,
} from './framework-id-scan.js';

// Every framework ID referenced in code or rule data anywhere under packages/
// must exist in the shipped catalog, so reports never cite an ID that does not
// exist or means something else (e.g. an OWASP LLM number without its edition).

const root = findRepoRoot(fileURLToPath(new URL('.', import.meta.url)));

describe('framework references across the repository', () => {
  it('finds the repository root and the files to scan', () => {
    const files = listScannedFiles(root);
    expect(files).toContain('packages/core/src/finding.ts');
    expect(files).toContain('packages/core/package.json');
    for (const excluded of CATALOG_DATA_FILES) expect(files).not.toContain(excluded);
    expect(files.some((file) => file.includes('/test/') || /\.test\.ts$/.test(file))).toBe(false);
  });

  it('every framework ID in packages/*/ source and rule data is in the catalog', () => {
    const unknown: string[] = [];
    let seen = 0;
    for (const file of listScannedFiles(root)) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const { token, line, column } of findFrameworkIdTokens(text)) {
        seen += 1;
        if (!isKnownFrameworkId(token)) {
          unknown.push(`  ${file}:${line}:${column}  "${token}"  ${suggestionFor(token)}`);
        }
      }
    }
    // The scan must actually see IDs (core's own docs use several), or it proves nothing.
    expect(seen).toBeGreaterThan(5);
    if (unknown.length > 0) {
      expect.fail(
        [
          `${unknown.length} framework ID(s) referenced in the repository are not in the catalog:`,
          ...unknown,
          'Use the exact catalog form (docs/frameworks.md). A CWE the catalog lacks can be added in',
          'packages/core/scripts/catalog-descriptions.ts, then regenerate packages/core/data with',
          '`npx tsx packages/core/scripts/build-catalog.ts --reference <reference dir>`.',
        ].join('\n'),
      );
    }
  });
});

describe('framework ID token scanner', () => {
  it('finds catalog IDs with line and column', () => {
    const text = [
      "refs: ['LLM01:2025', 'AML.T0051.000']",
      '# CWE-1426 and GOVERN 1.1, NIST-600-1:GAI-02, ASI01:2026, AML.TA0002, AML.M0015',
    ].join('\n');
    expect(findFrameworkIdTokens(text).map((t) => `${t.line}:${t.column} ${t.token}`)).toEqual([
      '1:9 LLM01:2025',
      '1:23 AML.T0051.000',
      '2:3 CWE-1426',
      '2:16 GOVERN 1.1',
      '2:28 NIST-600-1:GAI-02',
      '2:47 ASI01:2026',
      '2:59 AML.TA0002',
      '2:71 AML.M0015',
    ]);
  });

  it('catches near-misses that the catalog does not hold', () => {
    const tokens = findFrameworkIdTokens(
      'LLM01 ASI03 AML.T51 AML.T0051.0 CWE-99999 GV-1.1 MS-2.7-001 NIST-600-1:confabulation MAP 9.9',
    ).map((t) => t.token);
    expect(tokens).toEqual([
      'LLM01',
      'ASI03',
      'AML.T51',
      'AML.T0051.0',
      'CWE-99999',
      'GV-1.1',
      'MS-2.7-001',
      'NIST-600-1:confabulation',
      'MAP 9.9',
    ]);
    for (const token of tokens) expect(isKnownFrameworkId(token), token).toBe(false);
  });

  it('ignores look-alikes that are not framework IDs', () => {
    const text =
      'XLLM01 BASI02 MAML.T0051 CWE_79 mapper 1.1 MAP1.1 cwe-79 llm01:2025 GOVERNANCE 1.1';
    expect(findFrameworkIdTokens(text)).toEqual([]);
  });

  it('suggests the fix for common mistakes', () => {
    expect(suggestionFor('LLM01')).toContain('"LLM01:2025" or "LLM01:2026"');
    expect(suggestionFor('ASI03')).toContain('"ASI03:2026"');
    expect(suggestionFor('GV-1.1')).toContain('"GOVERN 1.1"');
    expect(suggestionFor('llm01:2025')).toBe('did you mean "LLM01:2025"?');
    expect(suggestionFor('CWE-99999')).toContain('catalog-descriptions.ts');
  });

  it('stays linear on adversarial input', () => {
    const hostile = [
      'AML.'.repeat(50_000),
      'LLM0'.repeat(50_000),
      'CWE-'.repeat(50_000),
      'NIST-600-1:' + 'A-'.repeat(100_000),
      'GOVERN 1.'.repeat(50_000),
      'AML.T' + '0'.repeat(200_000) + '.' + '1'.repeat(200_000) + 'x',
    ].join('\n');
    const tokens = findFrameworkIdTokens(hostile);
    expect(tokens.some((t) => t.token.startsWith('NIST-600-1:A-A-'))).toBe(true);
    expect(tokens.length).toBeLessThan(100_000);
  });
});
