import type { Detection } from '@bulwark/core';
import type { Guard, OutputStreamGuard, RedactionScope } from '@bulwark/detect';
import { evaluateGuardVerdict, type GuardDecision, type Policy } from '@bulwark/policy';
import { blankRedactionMarkers } from './redaction-markers.js';
import { isUnsupported } from './unsupported.js';
import { detectorsAfter } from './scan-request-text.js';
import { reviewOutputStream } from './stream-output-review.js';
import { windowedOutputGuard } from './windowed-output-guard.js';

/** The detector run on streamed segments besides the guard's own stream scanner. */
const CANARY: readonly string[] = ['canary'];
/** Emitted characters re-checked with each new segment (a token split over spaces stays inside). */
const CANARY_TAIL = 256;

/** Verdict on text about to be released to the client. */
export interface ReleaseVerdict {
  detections: Detection[];
  blocked: boolean;
}

/** Checks text just before it is released (after the stream scanner emitted it). */
export type ReleaseCheck = (text: string) => ReleaseVerdict;

/**
 * A stream scanner; `preservesChunks` means it never rewrites text and emits
 * whole pushed chunks in order, so callers may forward the original frames.
 * `checkRelease`, when present, must pass every emitted text, in order,
 * before it reaches the client.
 */
export type ScannedStream = OutputStreamGuard & {
  preservesChunks?: true;
  checkRelease?: ReleaseCheck;
};

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
   * The guard's stream scanner redacts and blocks unsafe output; a leaked
   * system-prompt canary (OWASP LLM07:2025) must end the stream too. Text
   * about to be released is checked by the canary detector together with
   * the last characters already released, so a token split across segments
   * is still seen whole before its end reaches the client. The caller
   * releases text in batches (one check per batch, not per segment).
   */
  #canaryCheck(roles: readonly string[]): ReleaseCheck {
    const policy = this.policy();
    let tail = '';
    let blocked = false;
    return (text) => {
      if (blocked) return { detections: [], blocked: true };
      const window = tail + text;
      const verdict = this.guard.check({ text: window, role: 'output', detectors: CANARY });
      // Detections wholly inside the already-released tail were reported before.
      const detections = verdict.detections.filter((d) => d.end > tail.length);
      const decision = evaluateGuardVerdict(policy, roles, 'output', verdict);
      if (decision.action === 'block') {
        blocked = true;
        return { detections, blocked: true };
      }
      tail = window.length > CANARY_TAIL ? window.slice(-CANARY_TAIL) : window;
      return { detections, blocked: false };
    };
  }

  /**
   * A chunk-by-chunk scanner: the guard's own when available (it replaces
   * the policy's `guard.redact` categories; `reviewOutputStream` scores the
   * rest and prompt injection with the `output` thresholds; the release check
   * catches leaked canaries per written batch), else the windowed fallback,
   * which redacts nothing and scores every detection.
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
        const reviewed = reviewOutputStream(inner, {
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
        return { ...reviewed, checkRelease: this.#canaryCheck(roles) };
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
