// Trains the prompt-attack model: softmax regression over hashed n-gram
// features plus the detector's explainable signals, AdaGrad, seeded.
//
//   npm run train:prompt-attack -- --data <dir> [--out FILE] [--seed N]
//       [--epochs N] [--synthetic N] [--ngrams 4] [--bits 16] [--no-concepts]
//       [--eval FILE.jsonl]
//
// Reads <dir>/train.jsonl ({text,label,source}) and adds generated examples
// (scripts/synthetic). Files named dev* or *overdefense* are never read for
// training; --eval only reports metrics on a file. Same inputs + seed → the
// same model file, byte for byte.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { normalizeText } from '../src/normalize/normalize-text.js';
import { findEncodedPayloads } from '../src/normalize/decode-payloads.js';
import {
  STRUCTURE_FEATURES,
  emitFeatures,
  type FeatureConfig,
  createFeatureBuffer,
} from '../src/prompt-attack/features.js';
import {
  MODEL_CLASSES,
  loadLinearModel,
  scoreWindows,
  windowsFor,
  type PromptAttackModelFile,
} from '../src/prompt-attack/linear-model.js';
import { SIGNAL_NAMES, type SignalName } from '../src/prompt-attack/signal-rules.js';
import { findSignals, type SignalHit } from '../src/prompt-attack/signals.js';
import { casedFor, tokenize, type Tokens } from '../src/prompt-attack/tokens.js';
import { generateSynthetic } from './synthetic/generate-synthetic.js';
import { createRandom } from './synthetic/random.js';

interface Args {
  data: string;
  out: string;
  seed: number;
  epochs: number;
  synthetic: number;
  eval: string | undefined;
  ngrams: string;
}

const USAGE =
  'usage: train-prompt-attack --data <dir> [--out FILE] [--seed N] [--epochs N] [--synthetic N] [--ngrams 4] [--bits 16] [--no-concepts] [--eval FILE]';
/** Options that take a value (`--no-concepts` is a switch). */
const KNOWN_FLAGS = new Set([
  'data',
  'out',
  'seed',
  'epochs',
  'synthetic',
  'eval',
  'ngrams',
  'bits',
]);

function parseArgs(argv: readonly string[]): Args {
  const values = new Map<string, string>();
  for (let k = 0; k < argv.length; k++) {
    const flag = argv[k] ?? '';
    if (!flag.startsWith('--')) throw new Error(`unexpected argument ${flag}`);
    // Switches take no value (read from process.argv where the settings are resolved).
    if (flag === '--no-concepts') continue;
    if (!KNOWN_FLAGS.has(flag.slice(2))) throw new Error(`unknown option ${flag}\n${USAGE}`);
    values.set(flag.slice(2), argv[++k] ?? '');
  }
  const data = values.get('data');
  if (!data) throw new Error(USAGE);
  const here = new URL('..', import.meta.url).pathname;
  return {
    data: resolve(data),
    out: resolve(values.get('out') ?? join(here, 'models', 'prompt-attack.json')),
    seed: Number(values.get('seed') ?? 20261121),
    epochs: Number(values.get('epochs') ?? 6),
    synthetic: Number(values.get('synthetic') ?? 12000),
    eval: values.get('eval'),
    ngrams: values.get('ngrams') ?? '4',
  };
}

type Label = (typeof MODEL_CLASSES)[number];
interface Row {
  text: string;
  label: Label;
  source: string;
}
interface Prepared {
  label: number;
  lower: string;
  cased: string;
  tokens: Tokens;
  hits: SignalHit[];
  windows: [number, number][];
}

const NGRAMS_FLAG = process.argv.indexOf('--ngrams');
/** 2^16 hashed buckets: the int8 weights (192 KiB) stay cache-resident at run time. */
const DEFAULT_BITS = 16;

/** `--bits N` (hash table of 2^N buckets), 10–24; anything else stops with a usage error. */
function bitsFlag(): number {
  const at = process.argv.indexOf('--bits');
  if (at < 0) return DEFAULT_BITS;
  const bits = Number(process.argv[at + 1]);
  if (!Number.isInteger(bits) || bits < 10 || bits > 24) {
    console.error('train-prompt-attack: --bits must be an integer from 10 to 24 (default 16)');
    process.exit(2);
  }
  return bits;
}

const FEATURES: FeatureConfig = {
  bits: bitsFlag(),
  concepts: !process.argv.includes('--no-concepts'),
  charNgrams:
    NGRAMS_FLAG >= 0 ? (process.argv[NGRAMS_FLAG + 1] ?? '4').split(',').map(Number) : [4],
};
const WINDOW = { size: 1024, stride: 512, singleMax: 1536 };
const SIGNAL_BASE = 1 << FEATURES.bits;
const DENSE_NAMES: readonly string[] = [...SIGNAL_NAMES, ...STRUCTURE_FEATURES];
const DIM = SIGNAL_BASE + DENSE_NAMES.length;

function readJsonl(path: string): Row[] {
  const rows: Row[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { text?: unknown; label?: unknown; source?: unknown };
    if (typeof row.text !== 'string' || !MODEL_CLASSES.includes(row.label as Label)) continue;
    rows.push({ text: row.text, label: row.label as Label, source: String(row.source ?? '') });
  }
  return rows;
}

function prepare(row: Row): Prepared[] {
  const normalized = normalizeText(row.text);
  const lower = normalized.text.toLowerCase();
  const cased = casedFor(normalized.text, lower);
  const tokens = tokenize(lower);
  const label = MODEL_CLASSES.indexOf(row.label);
  const out: Prepared[] = [
    {
      label,
      lower,
      cased,
      tokens,
      hits: findSignals(lower, tokens),
      windows: windowsFor(lower.length, WINDOW),
    },
  ];
  // Decoded payloads are scored on their own at run time: train on them the same way.
  for (const payload of findEncodedPayloads(lower)) {
    if (payload.encoding === 'reversed') continue;
    const decodedText = normalizeText(payload.text).text;
    const decoded = decodedText.toLowerCase();
    const decodedTokens = tokenize(decoded);
    out.push({
      label,
      lower: decoded,
      cased: casedFor(decodedText, decoded),
      tokens: decodedTokens,
      hits: findSignals(decoded, decodedTokens),
      windows: windowsFor(decoded.length, WINDOW),
    });
  }
  return out;
}

class CollectSink {
  index = new Int32Array(1 << 16);
  sign = new Float64Array(1 << 16);
  length = 0;
  add(index: number, sign: number): void {
    if (this.length === this.index.length) {
      const index = new Int32Array(this.length * 2);
      index.set(this.index);
      const signs = new Float64Array(this.length * 2);
      signs.set(this.sign);
      this.index = index;
      this.sign = signs;
    }
    this.index[this.length] = index;
    this.sign[this.length] = sign;
    this.length++;
  }
}

const FEATURE_BUFFER = createFeatureBuffer();

function collect(example: Prepared, from: number, to: number, sink: CollectSink): void {
  sink.length = 0;
  const { count, structure } = emitFeatures(
    example.lower,
    example.cased,
    from,
    to,
    example.tokens,
    FEATURES,
    FEATURE_BUFFER,
  );
  const norm = count > 0 ? 1 / Math.sqrt(count) : 0;
  for (let k = 0; k < FEATURE_BUFFER.length; k++) {
    const feature = FEATURE_BUFFER.features[k] ?? 0;
    sink.add(feature < 0 ? ~feature : feature, (feature < 0 ? -1 : 1) * norm);
  }
  const seen = new Set<SignalName>();
  for (const hit of example.hits) {
    if (hit.start < from || hit.end > to || seen.has(hit.signal)) continue;
    seen.add(hit.signal);
    sink.add(SIGNAL_BASE + DENSE_NAMES.indexOf(hit.signal), 1);
  }
  STRUCTURE_FEATURES.forEach((name, bit) => {
    if ((structure & (1 << bit)) !== 0) sink.add(SIGNAL_BASE + DENSE_NAMES.indexOf(name), 1);
  });
}

function logits(
  weights: Float64Array,
  bias: Float64Array,
  sink: CollectSink,
): [number, number, number] {
  let z0 = bias[0] ?? 0;
  let z1 = bias[1] ?? 0;
  let z2 = bias[2] ?? 0;
  for (let k = 0; k < sink.length; k++) {
    const base = (sink.index[k] ?? 0) * 3;
    const v = sink.sign[k] ?? 0;
    z0 += v * (weights[base] ?? 0);
    z1 += v * (weights[base + 1] ?? 0);
    z2 += v * (weights[base + 2] ?? 0);
  }
  return [z0, z1, z2];
}

function softmax(z: [number, number, number]): [number, number, number] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max)) as [number, number, number];
  const sum = e[0] + e[1] + e[2];
  return [e[0] / sum, e[1] / sum, e[2] / sum];
}

function train(examples: Prepared[], args: Args): { weights: Float64Array; bias: Float64Array } {
  const weights = new Float64Array(DIM * 3);
  const squares = new Float64Array(DIM * 3);
  const bias = new Float64Array(3);
  const biasSquares = new Float64Array(3);
  const rng = createRandom(args.seed);
  const sink = new CollectSink();
  const learningRate = 0.2;
  const l2 = 1e-6;
  const order = examples.map((_, k) => k);
  for (let epoch = 0; epoch < args.epochs; epoch++) {
    for (let k = order.length - 1; k > 0; k--) {
      const j = rng.int(k + 1);
      [order[k], order[j]] = [order[j] ?? 0, order[k] ?? 0];
    }
    let loss = 0;
    for (const position of order) {
      const example = examples[position];
      if (example === undefined) continue;
      let [from, to] = example.windows[0] ?? [0, 0];
      if (example.windows.length > 1) {
        if (example.label === 0) {
          [from, to] = example.windows[rng.int(example.windows.length)] ?? [from, to];
        } else if (epoch > 0) {
          // Multiple-instance step: an attack document is as bad as its worst window.
          let best = Infinity;
          for (const [a, b] of example.windows) {
            collect(example, a, b, sink);
            const p = softmax(logits(weights, bias, sink));
            if (p[0] < best) {
              best = p[0];
              from = a;
              to = b;
            }
          }
        } else {
          to = example.lower.length;
        }
      }
      collect(example, from, to, sink);
      const p = softmax(logits(weights, bias, sink));
      loss -= Math.log(Math.max(1e-12, p[example.label] ?? 0));
      for (let c = 0; c < 3; c++) {
        const g = (p[c] ?? 0) - (c === example.label ? 1 : 0);
        biasSquares[c] = (biasSquares[c] ?? 0) + g * g;
        bias[c] = (bias[c] ?? 0) - (learningRate * g) / Math.sqrt((biasSquares[c] ?? 0) + 1e-8);
        if (g === 0) continue;
        for (let k = 0; k < sink.length; k++) {
          const at = (sink.index[k] ?? 0) * 3 + c;
          const grad = g * (sink.sign[k] ?? 0) + l2 * (weights[at] ?? 0);
          squares[at] = (squares[at] ?? 0) + grad * grad;
          weights[at] =
            (weights[at] ?? 0) - (learningRate * grad) / Math.sqrt((squares[at] ?? 0) + 1e-8);
        }
      }
    }
    console.error(
      `epoch ${epoch + 1}/${args.epochs}: mean loss ${(loss / order.length).toFixed(4)}`,
    );
  }
  return { weights, bias };
}

function buildModelFile(
  weights: Float64Array,
  bias: Float64Array,
  threshold: number,
  metadata: Record<string, unknown>,
): PromptAttackModelFile {
  let maxAbs = 0;
  for (let k = 0; k < SIGNAL_BASE * 3; k++) maxAbs = Math.max(maxAbs, Math.abs(weights[k] ?? 0));
  const scale = maxAbs / 127 || 1;
  const bytes = Buffer.alloc(SIGNAL_BASE * 3);
  for (let k = 0; k < SIGNAL_BASE * 3; k++)
    bytes.writeInt8(Math.max(-127, Math.min(127, Math.round((weights[k] ?? 0) / scale))), k);
  const signalWeights: Record<string, number[]> = {};
  DENSE_NAMES.forEach((name, s) => {
    const base = (SIGNAL_BASE + s) * 3;
    signalWeights[name] = [0, 1, 2].map((c) => round(weights[base + c] ?? 0));
  });
  // Shift the benign logit so the chosen operating point maps to score 0.5.
  const shift = -Math.log((1 - threshold) / threshold);
  return {
    format: 'bulwark-hashed-linear/1',
    classes: [...MODEL_CLASSES],
    features: FEATURES,
    window: WINDOW,
    bias: [round((bias[0] ?? 0) + shift), round(bias[1] ?? 0), round(bias[2] ?? 0)],
    signalWeights,
    weightScale: scale,
    weights: bytes.toString('base64'),
    metadata,
  };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function attackScores(modelFile: PromptAttackModelFile, rows: readonly Row[]): number[] {
  const model = loadLinearModel(modelFile);
  return rows.map((row) => {
    const text = normalizeText(row.text).text;
    const lower = text.toLowerCase();
    const tokens = tokenize(lower);
    return (
      1 -
      scoreWindows(model, lower, casedFor(text, lower), tokens, findSignals(lower, tokens)).benign
    );
  });
}

function report(
  name: string,
  rows: readonly Row[],
  scores: readonly number[],
  threshold: number,
): Record<string, number> {
  let tp = 0,
    fp = 0,
    tn = 0,
    fn = 0;
  rows.forEach((row, k) => {
    const positive = row.label !== 'benign';
    const predicted = (scores[k] ?? 0) >= threshold;
    if (positive && predicted) tp++;
    else if (positive) fn++;
    else if (predicted) fp++;
    else tn++;
  });
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  const metrics = {
    rows: rows.length,
    precision,
    recall,
    f1: (2 * precision * recall) / Math.max(1e-9, precision + recall),
    fpr: fp / Math.max(1, fp + tn),
  };
  console.error(
    `${name}: ${JSON.stringify(metrics, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v))}`,
  );
  return metrics;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const trainPath = join(args.data, 'train.jsonl');
  if (/dev|overdefense/i.test(basename(trainPath)))
    throw new Error('refusing to train on an evaluation file');
  const real = readJsonl(trainPath);
  const synthetic = generateSynthetic(args.synthetic, args.seed);
  const all: Row[] = [...real, ...synthetic];
  const rng = createRandom(args.seed ^ 0x5bd1e995);
  const validation: Row[] = [];
  const training: Row[] = [];
  for (const row of all) (rng.chance(0.1) ? validation : training).push(row);
  console.error(
    `train: ${real.length} rows from ${trainPath}, ${synthetic.length} synthetic; ${training.length} train / ${validation.length} validation`,
  );
  const prepared = training.flatMap(prepare);
  const { weights, bias } = train(prepared, args);
  const provisional = buildModelFile(weights, bias, 0.5, {});
  const validationScores = attackScores(provisional, validation);
  // Operating point: the lowest threshold whose validation FPR is at most 1%.
  const benignScores = validation
    .flatMap((row, k) => (row.label === 'benign' ? [validationScores[k] ?? 0] : []))
    .sort((a, b) => b - a);
  const threshold = Math.min(
    0.9,
    Math.max(0.2, benignScores[Math.floor(benignScores.length * 0.01)] ?? 0.5),
  );
  console.error(`operating threshold on validation (FPR <= 1%): ${threshold.toFixed(4)}`);
  const validationMetrics = report('validation', validation, validationScores, threshold);
  const metadata = {
    trainedWith: `npm run train:prompt-attack -- --data <dir> --seed ${args.seed} --epochs ${args.epochs} --synthetic ${args.synthetic} --ngrams ${args.ngrams} --bits ${FEATURES.bits}${FEATURES.concepts === true ? '' : ' --no-concepts'}`,
    trainRows: real.length,
    syntheticRows: synthetic.length,
    validationRows: validation.length,
    validation: validationMetrics,
  };
  const file = buildModelFile(weights, bias, threshold, metadata);
  writeFileSync(args.out, `${JSON.stringify(file)}\n`);
  console.error(`wrote ${args.out}`);
  if (args.eval) {
    for (const path of args.eval.split(',')) {
      const rows = readJsonl(path);
      report(basename(path), rows, attackScores(file, rows), 0.5);
    }
  }
}

try {
  main();
} catch (error) {
  // Usage and input errors: the message says what and how to fix it; no stack trace.
  console.error(`train-prompt-attack: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
