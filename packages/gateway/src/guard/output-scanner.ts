import type { Detection } from '@bulwark/core';
import type { Guard, OutputStreamGuard, RedactionScope, StreamStep } from '@bulwark/detect';
import { evaluateGuardVerdict, type GuardDecision, type Policy } from '@bulwark/policy';
import { isUnsupported } from './unsupported.js';
import { detectorsAfter } from './scan-request-text.js';
import { windowedOutputGuard } from './windowed-output-guard.js';

/** The detector run on streamed segments besides the guard's own stream scanner. */
const CANARY: readonly string[] = ['canary'];
/** Emitted characters re-checked with each new segment (a token split over spaces stays inside). */
const CANARY_TAIL = 256;

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
    if (this.#redactAvailable && scope) {
      try {
        const result = this.guard.redact(current, scope, 'output');
        redacted = result.text !== current;
        redacting = true;
        current = result.text;
        detections.push(...result.detections);
      } catch (error) {
        if (!isUnsupported(error)) throw error;
        this.#redactAvailable = false;
      }
    }
    // The rest is scored on what the client would get (the redacted text).
    const policy = this.policy();
    const verdict = this.guard.check({
      text: current,
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
   * system-prompt canary (OWASP LLM07:2025) must end the stream too. Each
   * segment about to be emitted is checked by the canary detector together
   * with the last characters already emitted, so a token split across
   * segments is still seen whole before its end reaches the client.
   */
  #withCanaryCheck(inner: OutputStreamGuard, roles: readonly string[]): ScannedStream {
    const policy = this.policy();
    let tail = '';
    let blocked = false;
    const review = (step: StreamStep): StreamStep => {
      if (blocked) return { emit: '', detections: [], blocked: true };
      if (step.blocked) {
        blocked = true;
        return step;
      }
      if (step.emit === '') return step;
      const window = tail + step.emit;
      const verdict = this.guard.check({ text: window, role: 'output', detectors: CANARY });
      // Detections wholly inside the already-emitted tail were reported before.
      const fresh = verdict.detections.filter((d) => d.end > tail.length);
      const detections = fresh.length > 0 ? [...step.detections, ...fresh] : step.detections;
      const decision = evaluateGuardVerdict(policy, roles, 'output', verdict);
      if (decision.action === 'block') {
        blocked = true;
        return { emit: '', detections, blocked: true };
      }
      tail = window.slice(-CANARY_TAIL);
      return { emit: step.emit, detections, blocked: false };
    };
    return { push: (chunk) => review(inner.push(chunk)), end: () => review(inner.end()) };
  }

  /** A chunk-by-chunk scanner: the guard's own when available, else the windowed fallback. */
  stream(roles: readonly string[], scope: RedactionScope, restore: boolean): ScannedStream {
    if (this.#streamAvailable) {
      try {
        return this.#withCanaryCheck(this.guard.streamOutput(scope, { restore }), roles);
      } catch (error) {
        if (!isUnsupported(error)) throw error;
        this.#streamAvailable = false;
      }
    }
    const policy = this.policy();
    const windowed = windowedOutputGuard(
      (text) => this.guard.check({ text, role: 'output' }),
      (verdict) => evaluateGuardVerdict(policy, roles, 'output', verdict).action === 'block',
    );
    return { push: windowed.push, end: windowed.end, preservesChunks: true };
  }
}
