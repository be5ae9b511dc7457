/**
 * Feature emission as it was before the reserve-once, one-size fast path
 * (commit a623b25), kept unchanged so a property test can compare the
 * optimised emitter with it feature by feature.
 */
import { hashWord, type Tokens } from '../../src/prompt-attack/tokens.js';

/**
 * Hashed features of one window (signed feature hashing): each entry is a
 * bucket index, or its bitwise NOT (`~index`, negative) when the feature's
 * sign is −1. Reused between windows and texts; grows when a window needs more.
 */
export interface FeatureBuffer {
  features: Int32Array;
  length: number;
}

export function referenceFeatureBuffer(capacity = 4096): FeatureBuffer {
  return { features: new Int32Array(capacity), length: 0 };
}

function push(buffer: FeatureBuffer, hash: number, mask: number): void {
  if (buffer.length === buffer.features.length) {
    const grown = new Int32Array(buffer.features.length * 2);
    grown.set(buffer.features);
    buffer.features = grown;
  }
  buffer.features[buffer.length++] = hash < 0 ? ~(hash & mask) : hash & mask;
}

/** Feature-hashing settings; stored in the model file so training and inference agree. */
export interface FeatureConfig {
  bits: number;
  charNgrams: readonly number[];
}

/**
 * Structural features, reported as a bitmask next to the hashed ones and
 * weighted without length normalisation (like signals): how sentences and
 * tasks are stitched together is what gives away an appended instruction.
 */
export const STRUCTURE_FEATURES = ['glued_sentence', 'runon_task', 'later_task_start'] as const;
const GLUED_BIT = 1;
const RUNON_BIT = 2;
const LATER_TASK_BIT = 4;

/** What `emitFeatures` found besides the hashed features. */
export interface EmittedFeatures {
  count: number;
  /** Bit k set ⇔ `STRUCTURE_FEATURES[k]` present. */
  structure: number;
}

const UNIGRAM_SALT = 0x9e3779b1 | 0;
const BIGRAM_SALT = 0x85ebca77 | 0;
const CHAR_SALT = 0xc2b2ae3d | 0;
const ROLL_PRIME = 0x01000193;
const SENTENCE_SALT = 0x27d4eb2f | 0;

/** Murmur3-style finaliser so low bits (the bucket) and the top bit (the sign) are independent. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * Emits hashed word unigrams, word bigrams and character n-grams (over the
 * text with every whitespace run collapsed to one space; punctuation is kept
 * because how sentences are glued together is itself a cue) for `lower[from, to)`
 * into `out` (cleared first). Returns how many features were emitted and the
 * structural bits. Linear in `to - from`.
 */
export function referenceEmitFeatures(
  lower: string,
  cased: string,
  from: number,
  to: number,
  tokens: Tokens,
  config: FeatureConfig,
  out: FeatureBuffer,
): EmittedFeatures {
  out.length = 0;
  const mask = (1 << config.bits) - 1;
  let emitted = 0;
  let structure = 0;
  const firstToken = firstTokenAtOrAfter(tokens, from);
  let t = firstToken;
  let previous = 0;
  for (; t < tokens.count; t++) {
    if ((tokens.ends[t] ?? 0) > to) break;
    const word = tokens.hashes[t] ?? 0;
    let h = mix(word ^ UNIGRAM_SALT);
    push(out, h, mask);
    if (previous !== 0) {
      h = mix(Math.imul(previous, 31) ^ word ^ BIGRAM_SALT);
      push(out, h, mask);
      emitted++;
    }
    const start = tokens.starts[t] ?? 0;
    let boundary = sentenceBoundaryBefore(lower, start, from);
    if (boundary === 0 && isCapitalised(cased, start) && TASK_VERBS.has(word)) boundary = 3;
    if (boundary !== 0) {
      // Which word opens each sentence, first or later: a second task is a cue.
      h = mix(word ^ SENTENCE_SALT ^ (t === firstToken ? 1 : 2));
      push(out, h, mask);
      emitted++;
      if (boundary === 2) structure |= GLUED_BIT;
      if (boundary === 3) structure |= RUNON_BIT;
      if (t !== firstToken && TASK_VERBS.has(word)) structure |= LATER_TASK_BIT;
    }
    previous = word;
    emitted++;
  }
  // Character n-grams by polynomial rolling hashes (one per n, at most 7 long).
  const grams = config.charNgrams;
  const gramCount = Math.min(grams.length, 4);
  // Plain arrays: a typed-array allocation per call costs more than these few slots.
  const sizes = [0, 0, 0, 0];
  const outPowers = [0, 0, 0, 0];
  const hashes = [0, 0, 0, 0];
  for (let g = 0; g < gramCount; g++) {
    const n = Math.min(7, Math.max(1, grams[g] ?? 3));
    sizes[g] = n;
    let power = 1;
    for (let k = 0; k < n; k++) power = Math.imul(power, ROLL_PRIME);
    outPowers[g] = power;
  }
  const ring = [0, 0, 0, 0, 0, 0, 0, 0];
  let lastWasSpace = true;
  let filled = 0;
  for (let k = from - 1; k <= to; k++) {
    let code = k >= from && k < to ? lower.charCodeAt(k) : 32;
    if (code <= 0x20 || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a)) {
      if (lastWasSpace && k >= from) continue;
      code = 32;
      lastWasSpace = true;
    } else {
      lastWasSpace = false;
      // Runs of one character ("-----", "=====") count once: padding must not dominate.
      if (
        filled >= 3 &&
        code === ring[(filled - 1) & 7] &&
        code === ring[(filled - 2) & 7] &&
        code === ring[(filled - 3) & 7]
      ) {
        continue;
      }
    }
    ring[filled & 7] = code;
    filled++;
    for (let g = 0; g < gramCount; g++) {
      const n = sizes[g] ?? 3;
      const leaving = filled > n ? (ring[(filled - 1 - n) & 7] ?? 0) : 0;
      const h =
        (Math.imul(hashes[g] ?? 0, ROLL_PRIME) + code - Math.imul(leaving, outPowers[g] ?? 0)) | 0;
      hashes[g] = h;
      if (filled < n) continue;
      const mixed = mix(h ^ CHAR_SALT ^ n);
      push(out, mixed, mask);
      emitted++;
    }
  }
  return { count: emitted, structure };
}

function firstTokenAtOrAfter(tokens: Tokens, from: number): number {
  let lo = 0;
  let hi = tokens.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens.starts[mid] ?? 0) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isSpaceCode(code: number): boolean {
  return code <= 0x20 || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a);
}

/**
 * 0 when the word at `start` continues a sentence, 1 when it opens one (text
 * start, line start, or after . ! ? :), 2 when it is glued to the previous
 * sentence's final punctuation with no space between.
 */
function sentenceBoundaryBefore(lower: string, start: number, from: number): number {
  let k = start - 1;
  let spaces = 0;
  while (k >= from && spaces < 4) {
    const code = lower.charCodeAt(k);
    if (code === 0x0a) return 1;
    if (!isSpaceCode(code)) break;
    spaces++;
    k--;
  }
  if (k < from) return 1;
  const code = lower.charCodeAt(k);
  if (code === 0x2e || code === 0x21 || code === 0x3f || code === 0x3a) {
    if (spaces > 0) return 1;
    const before = lower.charCodeAt(k - 1);
    return k - 1 >= from && before >= 0x61 && before <= 0x7a ? 2 : 0;
  }
  return spaces >= 2 ? 1 : 0;
}

function isCapitalised(cased: string, start: number): boolean {
  const code = cased.charCodeAt(start);
  return code >= 0x41 && code <= 0x5a;
}

/** Verbs that open a task instruction; one capitalised mid-sentence marks a run-on second task. */
const TASK_VERBS = new Set(
  (
    'given rewrite summarize summarise classify describe generate create write explain translate ' +
    'identify determine compare name list give provide convert calculate edit find suggest analyze ' +
    'analyse arrange construct develop make compose design categorize output tell search transition ' +
    'highlight show turn detect correct rate predict select choose paraphrase formulate evaluate ' +
    'brainstorm propose outline state answer reverse sort combine divide insert replace restructure ' +
    'delete add remove change transform print say respond ignore forget disregard please now instead'
  )
    .split(' ')
    .map(hashWord),
);
