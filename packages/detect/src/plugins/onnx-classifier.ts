import { readFile } from 'node:fs/promises';
import { BulwarkError, type Detection } from '@bulwark/core';
import type { AsyncDetector, DetectorInput } from '../detector.js';
import type { GuardPlugin } from './guard-plugin.js';

/**
 * Settings of the ONNX text-classifier plug-in: a user-supplied sequence
 * classifier (e.g. a fine-tuned DeBERTa/BERT prompt-injection model exported
 * to ONNX) with its Hugging Face `tokenizer.json`. Runs on CPU through the
 * optional dependency `onnxruntime-node`; nothing is downloaded.
 */
export interface OnnxClassifierOptions {
  modelPath: string;
  tokenizerPath: string;
  /** `tokenizer_config.json`, when the tokenizer needs it. */
  tokenizerConfigPath?: string;
  /** Output class names in logit order (default `['benign', 'injection']`); every non-`benign` class is an attack. */
  labels?: readonly string[];
  /** Longest token sequence fed to the model (default 512). */
  maxTokens?: number;
  /** Id for tokens the vocabulary lacks (default 0). */
  unknownId?: number;
  failMode?: 'open' | 'closed';
  name?: string;
}

interface LoadedClassifier {
  run(ids: readonly number[]): Promise<Float32Array>;
  encode(text: string): number[];
}

/** Builds the ONNX plug-in; the model and runtime load lazily on first use. */
export function createOnnxClassifierPlugin(options: OnnxClassifierOptions): GuardPlugin {
  const name = options.name ?? 'onnx-classifier';
  const labels = options.labels ?? ['benign', 'injection'];
  const maxTokens = options.maxTokens ?? 512;
  let loading: Promise<LoadedClassifier> | undefined;
  const detector: AsyncDetector = {
    async detectAsync(input: DetectorInput): Promise<Detection[]> {
      loading ??= loadClassifier(options);
      const classifier = await loading;
      const ids = classifier.encode(input.normalized().text).slice(0, maxTokens);
      if (ids.length === 0) return [];
      const logits = await classifier.run(ids);
      const probabilities = softmax(logits);
      let attack = 0;
      let best = -1;
      labels.forEach((label, k) => {
        if (label === 'benign') return;
        const p = probabilities[k] ?? 0;
        attack += p;
        if (best < 0 || p > (probabilities[best] ?? 0)) best = k;
      });
      if (attack < 0.5) return [];
      const category = labels[best] === 'jailbreak' ? 'jailbreak' : 'prompt_injection';
      return [
        {
          detector: name,
          category,
          type: `${category}.onnx_classifier`,
          score: Math.round(attack * 1e4) / 1e4,
          severity: attack >= 0.8 ? 'high' : 'medium',
          start: 0,
          end: input.text.length,
          refs: ['LLM01:2025', category === 'jailbreak' ? 'AML.T0054' : 'AML.T0051'],
          signals: ['onnx_classifier'],
          message: `ONNX classifier: ${labels[best] ?? 'attack'} with probability ${attack.toFixed(2)}`,
        },
      ];
    },
  };
  return { name, detector, failMode: options.failMode ?? 'open' };
}

async function loadClassifier(options: OnnxClassifierOptions): Promise<LoadedClassifier> {
  const ort = await import('onnxruntime-node').catch((error: unknown) => {
    throw new BulwarkError(
      'UNSUPPORTED',
      'The ONNX plug-in needs the optional dependency onnxruntime-node',
      {
        hint: 'npm install onnxruntime-node (its install script may stay disabled)',
        cause: error,
      },
    );
  });
  const { Tokenizer } = await import('@huggingface/tokenizers').catch((error: unknown) => {
    throw new BulwarkError(
      'UNSUPPORTED',
      'The ONNX plug-in needs the optional dependency @huggingface/tokenizers',
      {
        hint: 'npm install @huggingface/tokenizers',
        cause: error,
      },
    );
  });
  const tokenizerJson = JSON.parse(await readFile(options.tokenizerPath, 'utf8')) as object;
  const tokenizerConfig = options.tokenizerConfigPath
    ? (JSON.parse(await readFile(options.tokenizerConfigPath, 'utf8')) as object)
    : {};
  const tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
  const session = await ort.InferenceSession.create(options.modelPath);
  const unknownId = options.unknownId ?? 0;
  return {
    encode: (text) =>
      tokenizer.encode(text).ids.map((id) => (typeof id === 'number' ? id : unknownId)),
    async run(ids) {
      const shape = [1, ids.length];
      const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {};
      for (const inputName of session.inputNames) {
        const values =
          inputName === 'attention_mask'
            ? BigInt64Array.from(ids, () => 1n)
            : inputName === 'token_type_ids'
              ? new BigInt64Array(ids.length)
              : BigInt64Array.from(ids, (id) => BigInt(id));
        feeds[inputName] = new ort.Tensor('int64', values, shape);
      }
      const output = await session.run(feeds);
      const first = output[session.outputNames[0] ?? ''];
      if (first === undefined || !(first.data instanceof Float32Array)) {
        throw new BulwarkError('INPUT_INVALID', 'The ONNX model must output float logits');
      }
      return first.data;
    },
  };
}

function softmax(logits: Float32Array): number[] {
  const max = Math.max(...logits);
  const exps = Array.from(logits, (value) => Math.exp(value - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / sum);
}
