import type { NormalizedText } from './detector.js';

/** A `NormalizedText` that is the original text itself. */
export function identityNormalized(text: string): NormalizedText {
  return { text, toOriginalStart: (offset) => offset, toOriginalEnd: (offset) => offset };
}
