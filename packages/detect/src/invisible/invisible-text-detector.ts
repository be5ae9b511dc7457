import type { Detection } from '@bulwark/core';
import type { Detector, DetectorInput, HiddenRun } from '../detector.js';

/**
 * Flags invisible characters used to smuggle or disguise instructions:
 * Unicode tag characters carrying ASCII ("ASCII smuggling"), bidi overrides
 * and isolates that reorder what a reader sees (Trojan Source, CVE-2021-42574;
 * UAX #9), zero-width characters splitting words, and long runs of variation
 * selectors that can encode bytes. Refs: OWASP LLM01:2025, ATLAS AML.T0068
 * (LLM prompt obfuscation). Legitimate uses are left alone: tag sequences of
 * emoji subdivision flags, joiners inside emoji, single direction marks.
 */
/** Enough to explain and act on; a text with thousands of hidden runs is reported by its first ones. */
const MAX_DETECTIONS = 16;

export class InvisibleTextDetector implements Detector {
  detect(input: DetectorInput): Detection[] {
    const runs = input.normalized().hidden ?? [];
    if (runs.length === 0) return [];
    const detections: Detection[] = [];
    let zeroWidthCount = 0;
    let zeroWidthStart = -1;
    let zeroWidthEnd = -1;
    for (const run of runs) {
      if (detections.length >= MAX_DETECTIONS) break;
      if (run.kind === 'tag') {
        if (isEmojiFlagTag(input.text, run)) continue;
        detections.push(
          hiddenDetection(
            run,
            0.95,
            'invisible_text.tag_characters',
            `${run.count} Unicode tag characters hide text`,
            'critical',
          ),
        );
      } else if (run.kind === 'bidi') {
        if (!hasOverride(input.text, run)) continue;
        detections.push(
          hiddenDetection(
            run,
            0.6,
            'invisible_text.bidi_override',
            'bidirectional override or isolate characters reorder the visible text',
            'medium',
          ),
        );
      } else if (run.kind === 'variation_selector') {
        if (run.count < 8) continue;
        detections.push(
          hiddenDetection(
            run,
            0.7,
            'invisible_text.variation_selectors',
            `${run.count} variation selectors in a row can encode hidden data`,
            'high',
          ),
        );
      } else if (splitsWord(input.text, run)) {
        zeroWidthCount += run.count;
        if (zeroWidthStart < 0) zeroWidthStart = run.start;
        zeroWidthEnd = run.end;
      }
    }
    if (zeroWidthCount >= 3) {
      detections.push({
        detector: 'invisible-text',
        category: 'invisible_text',
        type: 'invisible_text.zero_width',
        score: zeroWidthCount >= 10 ? 0.6 : 0.5,
        severity: 'medium',
        start: zeroWidthStart,
        end: zeroWidthEnd,
        refs: ['LLM01:2025', 'AML.T0068'],
        signals: ['zero_width'],
        message: `${zeroWidthCount} zero-width characters split words`,
      });
    }
    return detections;
  }
}

function hiddenDetection(
  run: HiddenRun,
  score: number,
  type: string,
  message: string,
  severity: Detection['severity'],
): Detection {
  return {
    detector: 'invisible-text',
    category: 'invisible_text',
    type,
    score,
    severity,
    start: run.start,
    end: run.end,
    refs: ['LLM01:2025', 'AML.T0068', 'AML.T0051'],
    signals: [run.kind],
    message,
  };
}

/** England/Scotland/Wales flags: U+1F3F4 followed by a few tag letters and CANCEL TAG. */
function isEmojiFlagTag(text: string, run: HiddenRun): boolean {
  return run.count <= 7 && text.codePointAt(run.start - 2) === 0x1f3f4;
}

function hasOverride(text: string, run: HiddenRun): boolean {
  for (let k = run.start; k < run.end; k++) {
    const code = text.charCodeAt(k);
    if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return true;
  }
  return false;
}

/** Zero-width characters between two letters/digits (not joiners inside emoji or scripts that need them). */
function splitsWord(text: string, run: HiddenRun): boolean {
  const before = text.charCodeAt(run.start - 1);
  const after = text.charCodeAt(run.end);
  return isAsciiAlnum(before) && isAsciiAlnum(after);
}

function isAsciiAlnum(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a)
  );
}
