import { createFeatureBuffer, type FeatureBuffer } from './features.js';
import type { SignalName } from './signal-rules.js';
import { findSignals, type SignalHit } from './signals.js';
import { scoreWindows, type LinearModel } from './linear-model.js';
import { casedFor, tokenize, type Tokens } from './tokens.js';

/** The classifier's view of one normalised text: the most suspicious window and why. */
export interface TextAssessment {
  /** 0..1: 1 − P(benign) of the most suspicious window. */
  score: number;
  category: 'prompt_injection' | 'jailbreak';
  from: number;
  to: number;
  signals: SignalName[];
  hits: SignalHit[];
}

/**
 * Buffers a caller reuses from one text to the next (tokens and hashed
 * features); nothing `classifyText` returns refers to them.
 */
export interface ClassifyScratch {
  tokens: Tokens;
  features: FeatureBuffer;
}

export function createClassifyScratch(): ClassifyScratch {
  return {
    tokens: {
      count: 0,
      hashes: new Int32Array(0),
      starts: new Int32Array(0),
      ends: new Int32Array(0),
    },
    features: createFeatureBuffer(),
  };
}

/** Scores a normalised text with the model and the explainable signals. */
export function classifyText(
  model: LinearModel,
  normalized: string,
  scratch: ClassifyScratch = createClassifyScratch(),
): TextAssessment {
  const lower = normalized.toLowerCase();
  const tokens = tokenize(lower, scratch.tokens);
  const hits = findSignals(lower, tokens);
  const best = scoreWindows(
    model,
    lower,
    casedFor(normalized, lower),
    tokens,
    hits,
    scratch.features,
  );
  return {
    score: 1 - best.benign,
    category: categoryOf(best.jailbreak, best.injection, best.signals),
    from: best.from,
    to: best.to,
    signals: best.signals,
    hits,
  };
}

const INJECTION_SIGNALS: readonly SignalName[] = [
  'override',
  'fake_delimiter',
  'prompt_extraction',
  'document_payload',
  'output_forcing',
  'exfiltration_link',
];
const JAILBREAK_SIGNALS: readonly SignalName[] = ['role_switch', 'policy_evasion'];

/** The model's class, unless the signals clearly say the other: they are the explanation shown. */
function categoryOf(
  jailbreak: number,
  injection: number,
  signals: readonly SignalName[],
): 'prompt_injection' | 'jailbreak' {
  const injectionCue = signals.some((s) => INJECTION_SIGNALS.includes(s));
  const jailbreakCue = signals.some((s) => JAILBREAK_SIGNALS.includes(s));
  if (injectionCue && !jailbreakCue) return 'prompt_injection';
  if (jailbreakCue && !injectionCue) return 'jailbreak';
  return jailbreak > injection ? 'jailbreak' : 'prompt_injection';
}
