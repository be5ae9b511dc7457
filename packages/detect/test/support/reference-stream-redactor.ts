/* eslint-disable no-useless-escape -- copied verbatim from the product code. */
/**
 * The stream redactor and its pending-tail rule as they were before the
 * per-push fast paths (commit d26021e), so property tests can compare what
 * the optimised stream emits with it. The only later change follows the
 * product's block check, which sees the segment after the last
 * BLOCK_OVERLAP emitted characters.
 */
import type { Detection } from '@bulwark/core';
import type { OutputStreamGuard, StreamStep } from '../../src/guard-types.js';
import { BLOCK_OVERLAP } from '../../src/stream/stream-redactor.js';

/** What a stream redactor needs: a detector and a transform of a finished segment. */
interface StreamRedactorParts {
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
export function referenceStreamRedactor(parts: StreamRedactorParts): OutputStreamGuard {
  let buffer = '';
  let blocked = false;
  let checkedTail = '';

  function step(final: boolean): StreamStep {
    if (blocked) return { emit: '', detections: [], blocked: true };
    const detections = parts.detect(buffer);
    let cut = final ? buffer.length : referencePendingStart(buffer);
    for (const d of detections) {
      if (d.start < cut && d.end > cut) cut = d.start;
      if (!final && d.end === buffer.length && d.start < cut) cut = d.start;
    }
    const emitted = detections.filter((d) => d.end <= cut);
    const segment = buffer.slice(0, cut);
    buffer = buffer.slice(cut);
    // The block check sees the segment after the last BLOCK_OVERLAP emitted characters.
    const checked = checkedTail + segment;
    if (parts.block?.(checked, emitted)) {
      blocked = true;
      buffer = '';
      return { emit: '', detections: emitted, blocked: true };
    }
    checkedTail = checked.slice(-BLOCK_OVERLAP);
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

/**
 * Where the part of a streamed buffer that may still grow into a match
 * begins. Everything before it can be emitted now; the tail is held back.
 * A match can only be pending when the buffer ends inside it, so each rule
 * below looks at the end of the buffer only:
 * - the trailing run of non-space characters (tokens, emails, URLs, placeholders);
 * - an open private-key block (`-----BEGIN` with no `-----END` yet);
 * - a credential keyword on the last line (`Authorization: Bearer `, `password = `);
 * - a run of digits and separators (phone, card, IBAN, national IDs with spaces).
 */
const KEYWORD_TAIL =
  /(?:authorization|bearer|basic|pass(?:word|wd)?|pwd|secret|token|api[_-]?key|access[_-]?key|ssn|social security)[^\n]{0,48}$/i;
const NUMBER_TAIL =
  /(?:[+(]?[0-9][0-9 ().\-]{0,40}|[A-Z]{2}[0-9]{2}[0-9A-Z ]{0,40}|[A-Z]{2} ?[0-9]{2}(?: ?[0-9]{2}){0,2} ?[A-D]?)$/;
/** Longest private-key block held back before it is emitted (masked) anyway. */
const MAX_KEY_HOLD = 65_536;
/** Longest other tail held back. */
const MAX_HOLD = 8_192;

export function referencePendingStart(buffer: string): number {
  let hold = buffer.length;
  const tail = buffer.slice(-MAX_HOLD);
  const offset = buffer.length - tail.length;
  const lastSpace = Math.max(
    tail.lastIndexOf(' '),
    tail.lastIndexOf('\n'),
    tail.lastIndexOf('\t'),
    tail.lastIndexOf('\r'),
  );
  hold = Math.min(hold, offset + lastSpace + 1);
  const begin = buffer.lastIndexOf('-----BEGIN');
  const endAt = begin < 0 ? -1 : buffer.indexOf('-----END', begin);
  // The block is closed only once its END line is complete (`-----END … KEY-----`).
  const closed = endAt >= 0 && buffer.indexOf('-----', endAt + 8) >= 0;
  if (begin >= 0 && !closed && buffer.length - begin <= MAX_KEY_HOLD) {
    hold = Math.min(hold, begin);
  }
  // Keyword and number tails only ever concern the last line.
  const lastLine = tail.slice(tail.lastIndexOf('\n') + 1).slice(-96);
  const lineOffset = buffer.length - lastLine.length;
  const keyword = KEYWORD_TAIL.exec(lastLine);
  if (keyword) hold = Math.min(hold, lineOffset + keyword.index);
  const number = NUMBER_TAIL.exec(lastLine);
  if (number) hold = Math.min(hold, lineOffset + number.index);
  return Math.max(0, hold);
}
