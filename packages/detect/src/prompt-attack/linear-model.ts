import {
  STRUCTURE_FEATURES,
  createFeatureBuffer,
  emitFeatures,
  type FeatureBuffer,
  type FeatureConfig,
} from './features.js';
import { SIGNAL_NAMES, type SignalName } from './signal-rules.js';
import type { SignalHit } from './signals.js';
import type { Tokens } from './tokens.js';

/** Classes of the prompt-attack model, in weight order. */
export const MODEL_CLASSES = ['benign', 'injection', 'jailbreak'] as const;
const CLASS_COUNT = MODEL_CLASSES.length;

/**
 * The serialised model (`models/prompt-attack.json`): a softmax-regression
 * over hashed n-gram features plus one weight vector per explainable signal.
 * Weights are int8-quantised (`weightScale` × value) and base64-encoded.
 */
export interface PromptAttackModelFile {
  format: 'bulwark-hashed-linear/1';
  classes: readonly string[];
  features: FeatureConfig;
  window: { size: number; stride: number; singleMax: number };
  bias: readonly number[];
  signalWeights: Readonly<Record<string, readonly number[]>>;
  weightScale: number;
  weights: string;
  threshold?: number;
  metadata?: Readonly<Record<string, unknown>>;
}

/**
 * A model ready to score: int8 weights in a flat `[bucket * 3 + class]` array
 * (kept quantised so the working set stays cache-sized; scaled once per window).
 */
export interface LinearModel {
  features: FeatureConfig;
  window: { size: number; stride: number; singleMax: number };
  bias: Float64Array;
  signalWeights: ReadonlyMap<SignalName, Float64Array>;
  structureWeights: readonly Float64Array[];
  weights: Int8Array;
  weightScale: number;
}

/** Class probabilities of the best-scoring window of a text. */
export interface WindowScore {
  from: number;
  to: number;
  benign: number;
  injection: number;
  jailbreak: number;
  signals: SignalName[];
}

export function loadLinearModel(file: PromptAttackModelFile): LinearModel {
  if (file.format !== 'bulwark-hashed-linear/1' || file.classes.join() !== MODEL_CLASSES.join()) {
    throw new Error(`unsupported prompt-attack model format ${String(file.format)}`);
  }
  const raw = Buffer.from(file.weights, 'base64');
  const expected = (1 << file.features.bits) * CLASS_COUNT;
  if (raw.length !== expected) throw new Error('prompt-attack model weights have the wrong size');
  const weights = new Int8Array(expected);
  weights.set(new Int8Array(raw.buffer, raw.byteOffset, raw.length));
  const signalWeights = new Map<SignalName, Float64Array>();
  for (const name of SIGNAL_NAMES) {
    signalWeights.set(name, Float64Array.from(file.signalWeights[name] ?? [0, 0, 0]));
  }
  const structureWeights = STRUCTURE_FEATURES.map((name) =>
    Float64Array.from(file.signalWeights[name] ?? [0, 0, 0]),
  );
  return {
    features: file.features,
    window: file.window,
    bias: Float64Array.from(file.bias),
    signalWeights,
    structureWeights,
    weights,
    weightScale: file.weightScale,
  };
}

/** Window bounds for a text of `length` units: one window for short texts, overlapping ones otherwise. */
export function windowsFor(length: number, window: LinearModel['window']): [number, number][] {
  if (length <= window.singleMax) return [[0, length]];
  const result: [number, number][] = [];
  for (let start = 0; ; start += window.stride) {
    const end = Math.min(length, start + window.size);
    result.push([start, end]);
    if (end >= length) break;
  }
  return result;
}

/**
 * Scores every window and returns the one most likely to be an attack.
 * `buffer` (optional) is a feature buffer the caller reuses between texts.
 */
export function scoreWindows(
  model: LinearModel,
  lower: string,
  cased: string,
  tokens: Tokens,
  hits: readonly SignalHit[],
  buffer: FeatureBuffer = createFeatureBuffer(),
): WindowScore {
  let best: WindowScore | undefined;
  for (const [from, to] of windowsFor(lower.length, model.window)) {
    const score = scoreWindow(model, lower, cased, tokens, hits, from, to, buffer);
    if (best === undefined || score.benign < best.benign) best = score;
  }
  return best ?? scoreWindow(model, lower, cased, tokens, hits, 0, 0, buffer);
}

export function scoreWindow(
  model: LinearModel,
  lower: string,
  cased: string,
  tokens: Tokens,
  hits: readonly SignalHit[],
  from: number,
  to: number,
  buffer: FeatureBuffer = createFeatureBuffer(),
): WindowScore {
  const { count, structure } = emitFeatures(lower, cased, from, to, tokens, model.features, buffer);
  // Dot product of the int8 weights with the signed features, per class.
  // Branchless: `sign` is 0 or −1, `feature ^ sign` the bucket and
  // `(x ^ sign) − sign` is x or −x (a feature's sign is unpredictable).
  const w = model.weights;
  const features = buffer.features;
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  for (let k = 0; k < buffer.length; k++) {
    const feature = features[k] ?? 0;
    const sign = feature >> 31;
    const base = (feature ^ sign) * 3;
    d0 += ((w[base] ?? 0) ^ sign) - sign;
    d1 += ((w[base + 1] ?? 0) ^ sign) - sign;
    d2 += ((w[base + 2] ?? 0) ^ sign) - sign;
  }
  const norm = count > 0 ? model.weightScale / Math.sqrt(count) : 0;
  let z0 = (model.bias[0] ?? 0) + d0 * norm;
  let z1 = (model.bias[1] ?? 0) + d1 * norm;
  let z2 = (model.bias[2] ?? 0) + d2 * norm;
  model.structureWeights.forEach((w, bit) => {
    if ((structure & (1 << bit)) === 0) return;
    z0 += w[0] ?? 0;
    z1 += w[1] ?? 0;
    z2 += w[2] ?? 0;
  });
  const signals: SignalName[] = [];
  for (const hit of hits) {
    if (hit.start < from || hit.end > to || signals.includes(hit.signal)) continue;
    signals.push(hit.signal);
    const w = model.signalWeights.get(hit.signal);
    if (w === undefined) continue;
    z0 += w[0] ?? 0;
    z1 += w[1] ?? 0;
    z2 += w[2] ?? 0;
  }
  const max = Math.max(z0, z1, z2);
  const e0 = Math.exp(z0 - max);
  const e1 = Math.exp(z1 - max);
  const e2 = Math.exp(z2 - max);
  const sum = e0 + e1 + e2;
  return { from, to, benign: e0 / sum, injection: e1 / sum, jailbreak: e2 / sum, signals };
}
