import type { Detection } from '@bulwark/core';
import type { OutputStreamGuard, StreamStep } from '../guard-types.js';
import { pendingStart } from './pending-tail.js';

/**
 * Characters of already emitted text the block check sees again before a
 * new segment: an unsafe-output pattern (a tag with an event handler, a
 * `javascript:` link) cut at a space between two segments is still matched
 * whole (OWASP LLM05:2025, improper output handling).
 */
export const BLOCK_OVERLAP = 256;

/** What a stream redactor needs: a detector and a transform of a finished segment. */
export interface StreamRedactorParts {
  detect(text: string): Detection[];
  /** Rewrites `segment` given detections whose spans lie inside it. */
  transform(segment: string, detections: readonly Detection[]): string;
  /**
   * Optional check on each emitted segment, given with up to BLOCK_OVERLAP
   * characters of the text emitted before it (a pattern cut at a space is
   * seen whole); a true result ends the stream as blocked. `detections`
   * are the segment's own, at offsets from the start of `text`.
   */
  block?(text: string, detections: readonly Detection[]): boolean;
}

/**
 * Scans streamed output chunk by chunk. Detection always runs on the whole
 * pending buffer, so a secret split across chunk boundaries is seen whole;
 * only the part that cannot still grow into a match (see `pendingStart`) is
 * emitted, and never the middle of a detection.
 */
export function createStreamRedactor(parts: StreamRedactorParts): OutputStreamGuard {
  let buffer = '';
  let blocked = false;
  /** The last emitted characters (as written upstream), checked again with the next segment. */
  let checkedTail = '';

  function step(final: boolean): StreamStep {
    if (blocked) return { emit: '', detections: [], blocked: true };
    const detections = parts.detect(buffer);
    let cut = final ? buffer.length : pendingStart(buffer);
    for (const d of detections) {
      if (d.start < cut && d.end > cut) cut = d.start;
      if (!final && d.end === buffer.length && d.start < cut) cut = d.start;
    }
    const emitted = detections.filter((d) => d.end <= cut);
    const segment = buffer.slice(0, cut);
    buffer = buffer.slice(cut);
    if (parts.block) {
      const text = checkedTail + segment;
      const shifted =
        checkedTail === ''
          ? emitted
          : emitted.map((d) => ({
              ...d,
              start: d.start + checkedTail.length,
              end: d.end + checkedTail.length,
            }));
      if (parts.block(text, shifted)) {
        blocked = true;
        buffer = '';
        return { emit: '', detections: emitted, blocked: true };
      }
      checkedTail = text.length > BLOCK_OVERLAP ? text.slice(-BLOCK_OVERLAP) : text;
    }
    return { emit: parts.transform(segment, emitted), detections: emitted, blocked: false };
  }

  return {
    push(chunk) {
      buffer += chunk;
      return step(false);
    },
    end() {
      return step(true);
    },
  };
}
