import type { Detection, MessageRole, Verdict } from '@bulwark/core';
import { DETECTOR_NAMES, type Guard, type RedactionScope } from '@bulwark/detect';
import { evaluateGuardVerdict, type GuardDecision, type Policy } from '@bulwark/policy';

/** Which built-in detector finds each redactable category. */
const DETECTOR_OF_CATEGORY: Readonly<Record<string, string>> = { secret: 'secrets', pii: 'pii' };

/** Result of scanning one request text (a message's parts, an embeddings input). */
export interface ScannedText {
  /** The texts to forward, one per input text: redacted when `redaction` was given. */
  texts: string[];
  /** Redaction detections followed by the guard's detections on the forwarded text. */
  detections: Detection[];
  decision: GuardDecision;
  /** Number of spans replaced by redaction. */
  redactedSpans: number;
}

/** How to redact: the scope of the vault entries; absent when redaction is off or unsupported. */
export interface RequestRedaction {
  scope: RedactionScope;
  redact: Guard['redact'];
}

/**
 * Scans a request text the way the provider will see it. With redaction on,
 * secrets and PII are replaced first and the guard scores the redacted text
 * (the provider never sees the values, and the prompt-attack classifier is
 * not misled by them); the `policy.guard.redact` categories are then left
 * out of the score (they were handled). Categories the policy does not list
 * still count, so `guard.redact: []` blocks every leak. Without redaction
 * every detection counts.
 */
export function scanRequestText(
  guard: Guard,
  policy: Policy,
  principalRoles: readonly string[],
  role: MessageRole,
  texts: readonly string[],
  redaction: RequestRedaction | undefined,
): ScannedText {
  if (!redaction) {
    const verdict = guard.check({ text: texts.join('\n'), role });
    return {
      texts: [...texts],
      detections: verdict.detections,
      decision: evaluateGuardVerdict(policy, principalRoles, role, verdict),
      redactedSpans: 0,
    };
  }
  // Each text is redacted on its own (so it can be written back), then all are scored as one.
  const out: string[] = [];
  const detections: Detection[] = [];
  let redactedSpans = 0;
  for (const text of texts) {
    const redacted = redaction.redact(text, redaction.scope, role);
    out.push(redacted.text);
    detections.push(...redacted.detections);
    if (redacted.text !== text) redactedSpans += Math.max(1, redacted.detections.length);
  }
  const verdict = guard.check({ text: out.join('\n'), role, detectors: detectorsAfter(policy) });
  detections.push(...verdict.detections);
  const combined: Verdict = { action: verdict.action, score: verdict.score, detections };
  return {
    texts: out,
    detections,
    decision: evaluateGuardVerdict(policy, principalRoles, role, combined, { redacting: true }),
    redactedSpans,
  };
}

const cache = new WeakMap<Policy, readonly string[]>();

/** Detectors still worth running once the policy's redact categories were replaced. */
export function detectorsAfter(policy: Policy): readonly string[] {
  let names = cache.get(policy);
  if (!names) {
    const skipped = new Set(policy.guard.redact.map((c) => DETECTOR_OF_CATEGORY[c]));
    names = DETECTOR_NAMES.filter((name) => !skipped.has(name));
    cache.set(policy, names);
  }
  return names;
}
