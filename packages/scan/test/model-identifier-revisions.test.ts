import { describe, expect, it } from 'vitest';
import { parseManifest } from '../src/inventory/manifests.js';
import { findModelIdentifiers } from '../src/inventory/model-identifiers.js';

describe('Hugging Face revisions next to repo ids', () => {
  it('records the revision= argument of the same call', () => {
    const found = findModelIdentifiers(
      'm = AutoModel.from_pretrained("org/model", revision="abc123")\n' +
        'p = pipeline("text-generation", model="meta-llama/Llama-3.1-8B", revision = "v1.0")\n',
    );
    expect(found).toEqual([
      { id: 'meta-llama/Llama-3.1-8B', provider: 'huggingface', line: 2, revision: 'v1.0' },
      { id: 'org/model', provider: 'huggingface', line: 1, revision: 'abc123' },
    ]);
  });
  it('does not take a revision from a later call or for hosted models', () => {
    const found = findModelIdentifiers(
      'a = AutoModel.from_pretrained("org/model")\nb = load(revision="deadbeef")\n' +
        'c = client.create(model="gpt-4o", revision="x1")\n',
    );
    expect(found.find((m) => m.id === 'org/model')?.revision).toBeUndefined();
    expect(found.find((m) => m.id === 'gpt-4o')?.revision).toBeUndefined();
  });
  it('a later pinned use of the same repo adds the revision', () => {
    const found = findModelIdentifiers(
      'tok = AutoTokenizer.from_pretrained("org/model")\n' +
        'm = AutoModel.from_pretrained("org/model", revision="0123456789abcdef0123456789abcdef01234567")\n',
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.revision).toBe('0123456789abcdef0123456789abcdef01234567');
  });
  it('stays bounded on adversarial input (unclosed calls, long revision-like runs)', () => {
    const text = 'from_pretrained("org/model", '.repeat(20_000) + 'revision="'.repeat(20_000);
    const found = findModelIdentifiers(text);
    expect(found).toHaveLength(1);
    expect(found[0]?.revision).toBeUndefined();
  });
});

describe('environment.yml version operators', () => {
  it('keeps conda pins bare and ranges with their operator', () => {
    const deps = parseManifest(
      'environment.yml',
      'dependencies:\n  - pytorch=2.3\n  - transformers>=4.40\n  - openai==1.40.0\n  - pip:\n      - anthropic==0.40.0\n      - langchain>=0.2\n',
    );
    expect(deps.map((d) => [d.ecosystem, d.name, d.version])).toEqual([
      ['conda', 'transformers', '>=4.40'],
      ['conda', 'openai', '1.40.0'],
      ['pypi', 'anthropic', '==0.40.0'],
      ['pypi', 'langchain', '>=0.2'],
    ]);
  });
});
