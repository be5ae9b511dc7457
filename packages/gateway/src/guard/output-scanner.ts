import type { Detection } from '@bulwark/core';
import type { Guard, OutputStreamGuard, RedactionScope } from '@bulwark/detect';
import { evaluateGuardVerdict, type GuardDecision, type Policy } from '@bulwark/policy';
import { blankRedactionMarkers } from './redaction-markers.js';
import { isUnsupported } from './unsupported.js';
import { detectorsAfter } from './scan-request-text.js';
import { reviewOutputStream } from './stream-output-review.js';
import { windowedOutputGuard } from './windowed-output-guard.js';

/**
 * A stream scanner; `preservesChunks` means it never rewrites text and emits
 * whole pushed chunks in order, so callers may forward the original frames.
 */
export type ScannedStream = OutputStreamGuard & { preservesChunks?: true };

/** Result of scanning a complete (non-streamed) output text. */
export interface OutputReview {
  text: string;
  detections: Detection[];
  decision: GuardDecision;
  redacted: boolean;
}

/**
 * Output scanning for one request: redaction (when the guard supports it),
 * the policy's `output` thresholds, and vault restore of pseudonymised values
 * when the prompt was redacted. UNSUPPORTED guard features are skipped.
 */
export class OutputScanner {
  #redactAvailable: boolean;
  #streamAvailable = true;
  #restoreAvailable = true;

  constructor(
    private readonly guard: Guard,
    private readonly policy: () => Policy,
    redact: boolean,
  ) {
    this.#redactAvailable = redact;
  }

  review(
    text: string,
    roles: readonly string[],
    scope: RedactionScope | undefined,
    restore: boolean,
  ): OutputReview {
    let current = text;
    let redacted = false;
    let redacting = false;
    const detections: Detection[] = [];
    const policy = this.policy();
    if (this.#redactAvailable && scope) {
      try {
        // Only the policy's `guard.redact` categories are replaced; the others are scored below.
        const result = this.guard.redact(current, scope, 'output', {
          categories: policy.guard.redact,
        });
        redacted = result.text !== current;
        redacting = true;
        current = result.text;
        detections.push(...result.detections);
      } catch (error) {
        if (!isUnsupported(error)) throw error;
        this.#redactAvailable = false;
      }
    }
    // The rest is scored on what the client would get (the redacted text,
    // redaction markers blanked: they are the gateway's words, not the model's).
    const verdict = this.guard.check({
      text: redacting ? blankRedactionMarkers(current) : current,
      role: 'output',
      ...(redacting ? { detectors: detectorsAfter(policy) } : {}),
    });
    detections.push(...verdict.detections);
    const decision = evaluateGuardVerdict(
      policy,
      roles,
      'output',
      { action: verdict.action, score: verdict.score, detections },
      { redacting },
    );
    if (decision.action !== 'block' && restore && scope && this.#restoreAvailable) {
      try {
        current = this.guard.restore(current, scope);
      } catch (error) {
        if (!isUnsupported(error)) throw error;
        this.#restoreAvailable = false;
      }
    }
    return { text: current, detections, decision, redacted };
  }

  /**
   * A chunk-by-chunk scanner: the guard's own when available (it replaces
   * the policy's `guard.redact` categories, and `reviewOutputStream` scores
   * the rest, canary leaks and prompt injection with the `output`
   * thresholds), else the windowed fallback, which redacts nothing and
   * scores every detection.
   */
  stream(roles: readonly string[], scope: RedactionScope, restore: boolean): ScannedStream {
    const policy = this.policy();
    if (this.#streamAvailable) {
      try {
        // As in `review`: with redaction off nothing is replaced and every detection counts.
        const redacting = this.#redactAvailable;
        const inner = this.guard.streamOutput(scope, {
          restore,
          categories: redacting ? policy.guard.redact : [],
        });
        return reviewOutputStream(inner, {
          check: (text, detectors) =>
            this.guard.check({ text: blankRedactionMarkers(text), role: 'output', detectors }),
          blocks: (detections) =>
            evaluateGuardVerdict(
              policy,
              roles,
              'output',
              { action: 'allow', score: 0, detections: [...detections] },
              { redacting },
            ).action === 'block',
        });
      } catch (error) {
        if (!isUnsupported(error)) throw error;
        this.#streamAvailable = false;
      }
    }
    const windowed = windowedOutputGuard(
      (text) => this.guard.check({ text, role: 'output' }),
      (verdict) => evaluateGuardVerdict(policy, roles, 'output', verdict).action === 'block',
    );
    return { push: windowed.push, end: windowed.end, preservesChunks: true };
  }
}
