import { emitCharNgrams } from './char-ngrams.js';
import { CONCEPT_PAIR_SPAN, conceptOf } from './concepts.js';
import { mix, reserveFeatures, signedBucket, type FeatureBuffer } from './feature-buffer.js';
import { hashWord, type Tokens } from './tokens.js';

export { createFeatureBuffer, type FeatureBuffer } from './feature-buffer.js';

/** Feature-hashing settings; stored in the model file so training and inference agree. */
export interface FeatureConfig {
  bits: number;
  charNgrams: readonly number[];
  /** Concept features (`concepts.ts`); absent in models trained before them. */
  concepts?: boolean;
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
const SENTENCE_SALT = 0x27d4eb2f | 0;
const CONCEPT_SALT = 0x165667b1 | 0;
const CONCEPT_PAIR_SALT = 0x5bd1e995 | 0;
/** The last concepts seen in a window (concept, token index), newest last; reused between calls. */
const RECENT_CONCEPTS = new Int32Array(4);
const RECENT_AT = new Int32Array(4);

/**
 * Emits hashed word unigrams, word bigrams and character n-grams (over the
 * text with every whitespace run collapsed to one space; punctuation is kept
 * because how sentences are glued together is itself a cue) for `lower[from, to)`
 * into `out` (cleared first). Returns how many features were emitted and the
 * structural bits. Linear in `to - from`.
 */
export function emitFeatures(
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
  let structure = 0;
  const firstToken = firstTokenAtOrAfter(tokens, from);
  // At most three features per word (unigram, bigram, sentence opener), plus
  // a concept and its pairs with up to four recent concepts: reserve once.
  const concepts = config.concepts === true;
  reserveFeatures(out, (concepts ? 8 : 3) * (tokens.count - firstToken));
  const features = out.features;
  let length = 0;
  let previous = 0;
  let recent = 0;
  for (let t = firstToken; t < tokens.count; t++) {
    if ((tokens.ends[t] ?? 0) > to) break;
    const word = tokens.hashes[t] ?? 0;
    features[length++] = signedBucket(mix(word ^ UNIGRAM_SALT), mask);
    if (previous !== 0) {
      features[length++] = signedBucket(mix(Math.imul(previous, 31) ^ word ^ BIGRAM_SALT), mask);
    }
    const start = tokens.starts[t] ?? 0;
    let boundary = sentenceBoundaryBefore(lower, start, from);
    if (boundary === 0 && isCapitalised(cased, start) && TASK_VERBS.has(word)) boundary = 3;
    if (boundary !== 0) {
      // Which word opens each sentence, first or later: a second task is a cue.
      const opener = word ^ SENTENCE_SALT ^ (t === firstToken ? 1 : 2);
      features[length++] = signedBucket(mix(opener), mask);
      if (boundary === 2) structure |= GLUED_BIT;
      if (boundary === 3) structure |= RUNON_BIT;
      if (t !== firstToken && TASK_VERBS.has(word)) structure |= LATER_TASK_BIT;
    }
    previous = word;
    const concept = concepts ? conceptOf(word, lower, start, tokens.ends[t] ?? start) : 0;
    if (concept !== 0) {
      features[length++] = signedBucket(mix(concept ^ CONCEPT_SALT), mask);
      for (let k = 0; k < recent; k++) {
        if (t - (RECENT_AT[k] ?? 0) > CONCEPT_PAIR_SPAN) continue;
        const pair = Math.imul(RECENT_CONCEPTS[k] ?? 0, 31) + concept;
        features[length++] = signedBucket(mix(pair ^ CONCEPT_PAIR_SALT), mask);
      }
      if (recent === 4) {
        RECENT_CONCEPTS.copyWithin(0, 1);
        RECENT_AT.copyWithin(0, 1);
        recent = 3;
      }
      RECENT_CONCEPTS[recent] = concept;
      RECENT_AT[recent] = t;
      recent++;
    }
  }
  out.length = length;
  emitCharNgrams(lower, from, to, config.charNgrams, out, mask);
  return { count: out.length, structure };
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
