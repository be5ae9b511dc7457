import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { walkFiles } from '../files/walk-files.js';
import { looksLikeModelArtifact } from '../model/model-file-filter.js';
import { scanModelFile } from '../model/scan-model.js';
import type {
  BomComponentSource,
  BomContribution,
  CdxComponent,
  CdxModelCard,
  CdxProperty,
} from './bom-types.js';

const MODEL_FORMATS = new Set([
  'pickle',
  'pytorch',
  'pytorch-legacy',
  'pytorch-tar',
  'torchscript',
  'keras',
  'hdf5',
  'npy',
  'npz',
  'gguf',
  'safetensors',
  'onnx',
  'savedmodel',
  'tf-graph',
  'pickle+zip',
]);

function readJson(path: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Front matter of a Hugging Face model card (README.md): flat `key: value` lines only. */
function readCardFrontMatter(path: string): Map<string, string> {
  const out = new Map<string, string>();
  let text: string;
  try {
    text = readFileSync(path, 'utf8').slice(0, 64 * 1024);
  } catch {
    return out;
  }
  if (!text.startsWith('---')) return out;
  const end = text.indexOf('\n---', 3);
  for (const line of text.slice(3, end < 0 ? 0 : end).split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0 || line.startsWith(' ') || line.startsWith('-')) continue;
    const value = line.slice(colon + 1).trim();
    if (value !== '') out.set(line.slice(0, colon).trim(), value.replace(/^["']|["']$/g, ''));
  }
  return out;
}

function modelCardFor(
  dir: string,
  format: string,
): { card: CdxModelCard; license?: string; version?: string } {
  const config = readJson(join(dir, 'config.json'));
  const front = readCardFrontMatter(join(dir, 'README.md'));
  const params: NonNullable<CdxModelCard['modelParameters']> = {};
  const architectures = config?.['architectures'];
  if (Array.isArray(architectures) && typeof architectures[0] === 'string')
    params.modelArchitecture = architectures[0];
  if (typeof config?.['model_type'] === 'string') params.architectureFamily = config['model_type'];
  const task = front.get('pipeline_tag');
  if (task !== undefined) params.task = task;
  const properties: CdxProperty[] = [{ name: 'bulwark:format', value: format }];
  for (const key of ['library_name', 'base_model', 'language']) {
    const value = front.get(key);
    if (value !== undefined) properties.push({ name: `huggingface:${key}`, value });
  }
  const card: CdxModelCard = { properties };
  if (Object.keys(params).length > 0) card.modelParameters = params;
  const result: { card: CdxModelCard; license?: string; version?: string } = { card };
  const license = front.get('license');
  if (license !== undefined) result.license = license;
  const version = config?.['transformers_version'] ?? config?.['keras_version'];
  if (typeof version === 'string') result.version = version;
  return result;
}

/**
 * Model files under a directory become `machine-learning-model` components.
 * Weights are often git-ignored, so `.gitignore` is not honoured here; VCS
 * metadata, `node_modules` and caches are skipped, and only files that look
 * like model artifacts (extension or magic bytes) are opened and hashed.
 */
export class ModelFileComponentSource implements BomComponentSource {
  async contribute(root: string): Promise<BomContribution> {
    const components: CdxComponent[] = [];
    const walked = walkFiles(root, { gitignore: false, defaultExcludes: true });
    for (const name of walked.files) {
      const file = join(root, name);
      if (!looksLikeModelArtifact(file)) continue;
      const report = await scanModelFile(file, name, { hash: true });
      if (!MODEL_FORMATS.has(report.format)) continue;
      const { card, license, version } = modelCardFor(dirname(file), report.format);
      const component: CdxComponent = {
        type: 'machine-learning-model',
        'bom-ref': `model:${name}`,
        name,
        hashes: report.sha256 === undefined ? [] : [{ alg: 'SHA-256', content: report.sha256 }],
        properties: [
          { name: 'bulwark:format', value: report.format },
          { name: 'bulwark:scan-verdict', value: report.verdict },
          { name: 'bulwark:size', value: String(report.size) },
        ],
        modelCard: card,
      };
      if (version !== undefined) component.version = version;
      if (license !== undefined) component.licenses = [{ license: { name: license } }];
      components.push(component);
    }
    return { components };
  }
}
