import type { Verdict } from '@bulwark/core';
import type { OutputStreamGuard, StreamStep } from '@bulwark/detect';

/** Characters held back before emitting: the longest match guaranteed to be seen whole. */
const HOLD = 64;
/** Already-emitted characters re-scanned with new text, for matches straddling chunks. */
const TAIL = 64;

/**
 * Stream scanning when the guard has no `streamOutput`: each push scans the
 * last emitted characters plus everything pending, and releases whole chunks
 * while at least HOLD characters stay pending. Any match up to HOLD characters long is therefore
 * fully inside a scanned window before its first character is emitted.
 * `isBlocked` applies the policy thresholds to the verdict.
 */
export function windowedOutputGuard(
  check: (text: string) => Verdict,
  isBlocked: (verdict: Verdict) => boolean,
): OutputStreamGuard {
  // Pending chunks are released whole, oldest first, so that in steady state
  // one chunk in gives one (earlier) chunk out: events are delayed, not merged.
  const pending: string[] = [];
  let pendingLength = 0;
  let tail = '';
  let blocked = false;
  const step = (final: boolean): StreamStep => {
    if (blocked) return { emit: '', detections: [], blocked: true };
    const verdict = check(tail + pending.join(''));
    if (isBlocked(verdict)) {
      blocked = true;
      pending.length = 0;
      return { emit: '', detections: verdict.detections, blocked: true };
    }
    let emit = '';
    while (pending.length > 0 && (final || pendingLength - (pending[0] as string).length >= HOLD)) {
      const chunk = pending.shift() as string;
      pendingLength -= chunk.length;
      emit += chunk;
    }
    tail = (tail + emit).slice(-TAIL);
    return { emit, detections: verdict.detections, blocked: false };
  };
  return {
    push(chunk) {
      pending.push(chunk);
      pendingLength += chunk.length;
      return step(false);
    },
    end: () => step(true),
  };
}
