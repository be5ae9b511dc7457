import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listFramework, lookupFrameworkRef } from '../src/index.js';
import {
  CWE_ENTRIES,
  OWASP_AGENTIC_DESCRIPTIONS,
  OWASP_LLM_DESCRIPTIONS,
} from '../scripts/catalog-descriptions.js';
import { findRepoRoot } from './framework-id-scan.js';

// The shipped catalog files: in sync with our description tables, shipped with
// their licences, and bundled into the build so nothing is read at run time.

const root = findRepoRoot(fileURLToPath(new URL('.', import.meta.url)));
const dataDir = join(root, 'packages', 'core', 'data');

describe('catalog data files', () => {
  it('match our own OWASP and CWE descriptions (regenerate after editing them)', () => {
    const ours = { ...OWASP_LLM_DESCRIPTIONS, ...OWASP_AGENTIC_DESCRIPTIONS };
    for (const [id, description] of Object.entries(ours)) {
      expect(lookupFrameworkRef(id)?.description, id).toBe(description);
    }
    for (const [id, entry] of Object.entries(CWE_ENTRIES)) {
      expect(lookupFrameworkRef(id), id).toMatchObject(entry);
    }
    expect(
      listFramework('cwe')
        .map((e) => e.id)
        .sort(),
    ).toEqual(Object.keys(CWE_ENTRIES).sort());
  });

  it('ship with attribution and every licence file the README names', () => {
    const readme = readFileSync(join(dataDir, 'README.md'), 'utf8');
    const named = [...readme.matchAll(/`(LICENSES\/[A-Za-z0-9.-]+)`/g)].map((m) => m[1] ?? '');
    expect(new Set(named)).toEqual(
      new Set([
        'LICENSES/MITRE-ATLAS-NOTICE.txt',
        'LICENSES/Apache-2.0.txt',
        'LICENSES/OWASP-CC-BY-SA-4.0-NOTICE.txt',
        'LICENSES/NIST-PUBLIC-DOMAIN.txt',
        'LICENSES/CWE-TERMS-OF-USE.txt',
      ]),
    );
    for (const file of named) expect(existsSync(join(dataDir, file)), file).toBe(true);
    expect(readFileSync(join(dataDir, 'LICENSES/MITRE-ATLAS-NOTICE.txt'), 'utf8')).toContain(
      'Copyright 2021-2025 MITRE',
    );
    const manifest = JSON.parse(
      readFileSync(join(root, 'packages', 'core', 'package.json'), 'utf8'),
    ) as { files: string[]; dependencies?: Record<string, string> };
    expect(manifest.files).toContain('data');
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  it('are bundled into the built package (no file reads at run time)', async () => {
    // The vitest global setup has just built every package with esbuild.
    const bundle = join(root, 'packages', 'core', 'dist', 'index.js');
    const built = (await import(pathToFileURL(bundle).href)) as {
      lookupFrameworkRef: typeof lookupFrameworkRef;
    };
    expect(built.lookupFrameworkRef('AML.T0051.001')?.name).toBe('Indirect');
    expect(built.lookupFrameworkRef('NIST-600-1:GAI-12')?.name).toBe(
      'Value Chain and Component Integration',
    );
    // Inlined as data, not loaded from a path a user's install might not have.
    expect(readFileSync(bundle, 'utf8').includes('id: "AML.T0051.001"')).toBe(true);
  });
});
