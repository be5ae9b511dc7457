import {
  ADDRESSEE_WORDS,
  AI_NOTE,
  AI_VOCATIVE,
  AI_VOCATIVE_AT_START,
  EXFILTRATION_LINK,
  FAKE_DELIMITER,
  PHRASES,
  WORD_RULES,
  type SignalName,
} from './signal-rules.js';
import { createHashBitmap, mayContain } from '../hash-bitmap.js';
import { hashWord, type Tokens } from './tokens.js';

/** One fired signal, with its span in the normalised text. */
export interface SignalHit {
  signal: SignalName;
  start: number;
  end: number;
}

interface StepRef {
  rule: number;
  step: number;
}

/** Word hash → the (rule, step) pairs it can satisfy, highest step first. */
const STEP_INDEX = new Map<number, StepRef[]>();
WORD_RULES.forEach((rule, ruleIndex) => {
  rule.steps.forEach((words, step) => {
    for (const word of new Set(words)) {
      const hash = hashWord(word);
      const refs = STEP_INDEX.get(hash) ?? [];
      refs.push({ rule: ruleIndex, step });
      refs.sort((a, b) => b.step - a.step);
      STEP_INDEX.set(hash, refs);
    }
  });
});
/** Pre-filter in front of STEP_INDEX: most words of a text are in no rule. */
const STEP_BITS = createHashBitmap(STEP_INDEX.keys());

/** The pattern rules and the signal each one fires. */
const PATTERN_RULES: readonly (readonly [SignalName, RegExp])[] = [
  ['fake_delimiter', FAKE_DELIMITER],
  ['exfiltration_link', EXFILTRATION_LINK],
];
/** Pattern rules that address the model by one of ADDRESSEE_WORDS (skipped without one). */
const ADDRESSEE_RULES: readonly (readonly [SignalName, RegExp])[] = [
  ['document_payload', AI_VOCATIVE],
  ['document_payload', AI_NOTE],
];
const ADDRESSEE_HASHES = new Set(ADDRESSEE_WORDS.map(hashWord));
const ADDRESSEE_BITS = createHashBitmap(ADDRESSEE_HASHES);

/** Whether one of the tokens is a word the model can be addressed by (see ADDRESSEE_WORDS). */
export function addressesModel(tokens: Tokens): boolean {
  for (let t = 0; t < tokens.count; t++) {
    const hash = tokens.hashes[t] ?? 0;
    if (mayContain(ADDRESSEE_BITS, hash) && ADDRESSEE_HASHES.has(hash)) return true;
  }
  return false;
}

/** Word-rule state machines: step reached, last and first matching token, token seen. */
const RULE_STATE = {
  state: new Int32Array(WORD_RULES.length),
  last: new Int32Array(WORD_RULES.length),
  first: new Int32Array(WORD_RULES.length),
  touched: new Int32Array(WORD_RULES.length),
};

/** At most this many hits per signal are kept (the first ones): enough to explain, bounded for huge inputs. */
const MAX_HITS_PER_SIGNAL = 8;

/**
 * Finds every signal in a lower-cased, normalised text. Word rules advance a
 * small state machine per rule on each token (one map lookup per token), so
 * the cost is linear in the number of words.
 */
export function findSignals(lower: string, tokens: Tokens): SignalHit[] {
  const hits: SignalHit[] = [];
  const perSignal = new Map<SignalName, number>();
  const push = (signal: SignalName, start: number, end: number): void => {
    const seen = perSignal.get(signal) ?? 0;
    if (seen >= MAX_HITS_PER_SIGNAL) return;
    perSignal.set(signal, seen + 1);
    hits.push({ signal, start, end });
  };
  // Per-rule state, reused from one call to the next (scoring is synchronous).
  const { state, last, first, touched } = RULE_STATE;
  state.fill(0);
  last.fill(0);
  first.fill(0);
  touched.fill(0);
  for (let t = 0; t < tokens.count; t++) {
    const hash = tokens.hashes[t] ?? 0;
    if (!mayContain(STEP_BITS, hash)) continue;
    const refs = STEP_INDEX.get(hash);
    if (refs === undefined) continue;
    for (const { rule, step } of refs) {
      const spec = WORD_RULES[rule];
      if (spec === undefined || touched[rule] === t + 1) continue;
      let current = state[rule] ?? 0;
      if (current > 0 && t - (last[rule] ?? 0) - 1 > spec.gap) current = 0;
      if (step === current && step > 0) {
        touched[rule] = t + 1;
        last[rule] = t;
        current = step + 1;
      } else if (step === 0) {
        touched[rule] = t + 1;
        first[rule] = t;
        last[rule] = t;
        current = 1;
      } else {
        state[rule] = current;
        continue;
      }
      if (current === spec.steps.length) {
        push(spec.signal, tokens.starts[first[rule] ?? t] ?? 0, tokens.ends[t] ?? 0);
        current = 0;
      }
      state[rule] = current;
    }
  }
  const addressed = addressesModel(tokens);
  if (addressed) {
    const opening = AI_VOCATIVE_AT_START.exec(lower);
    if (opening !== null) push('document_payload', 0, opening[0].length);
  }
  for (const [signal, pattern] of addressed
    ? [...PATTERN_RULES, ...ADDRESSEE_RULES]
    : PATTERN_RULES) {
    pattern.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(lower)) !== null) {
      push(signal, match.index, match.index + match[0].length);
      if ((perSignal.get(signal) ?? 0) >= MAX_HITS_PER_SIGNAL) break;
      if (match[0].length === 0) pattern.lastIndex++;
    }
  }
  if (hasNonAscii(lower)) {
    for (const { signal, text } of PHRASES) {
      const at = lower.indexOf(text);
      if (at >= 0) push(signal, at, at + text.length);
    }
  }
  return hits;
}

function hasNonAscii(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(text);
}
