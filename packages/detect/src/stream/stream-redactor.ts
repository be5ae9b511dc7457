import type { Detection } from '@bulwark/core';
import type { OutputStreamGuard, StreamStep } from '../guard-types.js';
import { pendingStart } from './pending-tail.js';

/** What a stream redactor needs: a detector and a transform of a finished segment. */
export interface StreamRedactorParts {
  detect(text: string): Detection[];
  /** Rewrites `segment` given detections whose spans lie inside it. */
  transform(segment: string, detections: readonly Detection[]): string;
  /** Optional check on each emitted segment; a true result ends the stream as blocked. */
  block?(segment: string, detections: readonly Detection[]): boolean;
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
    if (parts.block?.(segment, emitted)) {
      blocked = true;
      buffer = '';
      return { emit: '', detections: emitted, blocked: true };
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
