import type { Verdict } from '@bulwark/core';
import type { OutputStreamGuard, StreamStep } from '@bulwark/detect';

/** Characters held back before emitting: the longest match guaranteed to be seen whole. */
const HOLD = 64;
/** Already-emitted characters re-scanned with new text, for matches straddling chunks. */
const TAIL = 64;

/**
 * Stream scanning when the guard has no `streamOutput`: each push scans the
 * last emitted characters plus everything pending, and emits all but the
 * last HOLD characters. Any match up to HOLD characters long is therefore
 * fully inside a scanned window before its first character is emitted.
 * `isBlocked` applies the policy thresholds to the verdict.
 */
export function windowedOutputGuard(
  check: (text: string) => Verdict,
  isBlocked: (verdict: Verdict) => boolean,
): OutputStreamGuard {
  let pending = '';
  let tail = '';
  let blocked = false;
  const step = (final: boolean): StreamStep => {
    if (blocked) return { emit: '', detections: [], blocked: true };
    const verdict = check(tail + pending);
    if (isBlocked(verdict)) {
      blocked = true;
      pending = '';
      return { emit: '', detections: verdict.detections, blocked: true };
    }
    const cut = final ? pending.length : Math.max(0, pending.length - HOLD);
    const emit = pending.slice(0, cut);
    pending = pending.slice(cut);
    tail = (tail + emit).slice(-TAIL);
    return { emit, detections: verdict.detections, blocked: false };
  };
  return {
    push(chunk) {
      pending += chunk;
      return step(false);
    },
    end: () => step(true),
  };
}
