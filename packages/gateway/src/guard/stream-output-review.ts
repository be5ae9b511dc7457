import type { Detection, Verdict } from '@bulwark/core';
import type { OutputStreamGuard, StreamStep } from '@bulwark/detect';

/** New output characters per prompt-attack check. */
export const ATTACK_WINDOW = 256;
/** Characters of the previous prompt-attack window carried into the next (a phrase on the seam is seen whole). */
export const ATTACK_OVERLAP = 96;

/** What the review needs from the guard and the policy. */
export interface StreamReviewChecks {
  /** Scores `text` as output with only the named detectors. */
  check(text: string, detectors: readonly string[]): Verdict;
  /**
   * The policy's `output` decision on these detections (redacted categories
   * not counted); true ends the stream.
   */
  blocks(detections: readonly Detection[]): boolean;
}

/**
 * Reviews what the guard's stream scanner releases before it reaches the
 * client, in bounded work per character:
 * - the scanner's own detections of categories it did not redact (policy
 *   `guard.redact`) are scored with the `output` thresholds, as the JSON path
 *   scores them, so an unredacted category blocks per the policy;
 * - prompt injection in the output (OWASP LLM01:2025, an answer that carries
 *   instructions for a downstream agent): judged on consecutive windows of
 *   ATTACK_WINDOW new characters plus ATTACK_OVERLAP characters of the
 *   previous window, and on the rest at the end of the stream. Text is not
 *   held back for this check: the step that completes a window is checked
 *   before it is released, and a blocking window ends the stream (the route
 *   then sends the API's error event instead of the rest and `[DONE]`).
 * Each character is scanned by the prompt-attack check at most twice, so
 * cost stays linear in the output length. (Leaked canaries are checked on
 * each written batch by the output scanner's release check.)
 */
export function reviewOutputStream(
  inner: OutputStreamGuard,
  checks: StreamReviewChecks,
): OutputStreamGuard {
  let attackTail = '';
  let unchecked = '';
  let blocked = false;

  const attackWindows = (final: boolean, found: Detection[]): void => {
    let at = 0;
    while (unchecked.length - at >= ATTACK_WINDOW || (final && at < unchecked.length)) {
      const window = attackTail + unchecked.slice(at, at + ATTACK_WINDOW);
      const verdict = checks.check(window, ['prompt-attack']);
      // Detections wholly inside the carried-over part were reported with the previous window.
      for (const d of verdict.detections) if (d.end > attackTail.length) found.push(d);
      attackTail = window.slice(-ATTACK_OVERLAP);
      at += ATTACK_WINDOW;
    }
    unchecked = unchecked.slice(Math.min(at, unchecked.length));
  };

  const review = (step: StreamStep, final: boolean): StreamStep => {
    if (blocked) return { emit: '', detections: [], blocked: true };
    if (step.blocked) {
      blocked = true;
      return step;
    }
    const detections = [...step.detections];
    unchecked += step.emit;
    attackWindows(final, detections);
    if (detections.length > 0 && checks.blocks(detections)) {
      blocked = true;
      return { emit: '', detections, blocked: true };
    }
    return { emit: step.emit, detections, blocked: false };
  };

  return {
    push: (chunk) => review(inner.push(chunk), false),
    end: () => review(inner.end(), true),
  };
}
