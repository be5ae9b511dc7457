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
 * Scores a normalised text with the model and the explainable signals.
 * `scratch` (optional) is a token buffer the caller owns and reuses between
 * texts; nothing returned refers to it.
 */
export function classifyText(
  model: LinearModel,
  normalized: string,
  scratch?: Tokens,
): TextAssessment {
  const lower = normalized.toLowerCase();
  const tokens = tokenize(lower, scratch);
  const hits = findSignals(lower, tokens);
  const best = scoreWindows(model, lower, casedFor(normalized, lower), tokens, hits);
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
