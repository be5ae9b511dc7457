import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelScanner } from '../src/index.js';
import { looksLikeModelArtifact } from '../src/model/model-file-filter.js';
import { pickle, torchStateDict } from './model/pickle-builder.js';
import { tempDir } from './model/scan-helpers.js';

function repoWithModels(): string {
  const root = tempDir();
  mkdirSync(join(root, 'models'));
  const evil = pickle()
    .proto(2)
    .global('os', 'system')
    .mark()
    .string0('id')
    .tuple()
    .reduce()
    .stop();
  writeFileSync(join(root, 'models', 'evil.pkl'), evil.build_());
  // A pickle without a model extension is still found by its magic bytes.
  writeFileSync(join(root, 'models', 'weights'), evil.build_());
  writeFileSync(join(root, 'models', 'good.pt.pkl'), torchStateDict());
  writeFileSync(join(root, 'package.json'), '{"name": "app", "scripts": {"start": "node ."}}');
  writeFileSync(join(root, 'app.ts'), 'export const x = 1;\n');
  return root;
}

describe('model scanner inside a repository scan', () => {
  it('scans model artifacts and leaves source and config files to the other scanners', async () => {
    const root = repoWithModels();
    const files = [
      'models/evil.pkl',
      'models/weights',
      'models/good.pt.pkl',
      'package.json',
      'app.ts',
    ];
    const result = await new ModelScanner().scan({ root, files });
    const paths = new Set(
      result.findings.map((f) => (f.location.kind === 'artifact' ? f.location.path : '')),
    );
    expect(paths.has('models/evil.pkl')).toBe(true);
    expect(paths.has('models/weights')).toBe(true);
    expect(paths.has('models/good.pt.pkl')).toBe(false);
    expect([...paths].some((p) => p.endsWith('package.json') || p.endsWith('app.ts'))).toBe(false);
  });

  it('filters by extension or magic bytes', () => {
    const root = repoWithModels();
    expect(looksLikeModelArtifact(join(root, 'models', 'weights'))).toBe(true);
    expect(looksLikeModelArtifact(join(root, 'package.json'))).toBe(false);
    expect(looksLikeModelArtifact(join(root, 'app.ts'))).toBe(false);
    expect(looksLikeModelArtifact(join(root, 'missing.bin'))).toBe(true);
    expect(looksLikeModelArtifact(join(root, 'missing.txt'))).toBe(false);
  });
});
