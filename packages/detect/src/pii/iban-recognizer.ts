import { passesIbanMod97 } from './checksums.js';
import { IBAN_LENGTHS } from './iban-lengths.js';
import type { PiiCandidate, PiiRecognizer } from './pii-candidate.js';

/**
 * International bank account numbers (ISO 13616): country code, two check
 * digits, BBAN; the length must match the country's and MOD 97-10 must hold.
 * Printed form with groups of four separated by spaces is accepted.
 */
const CANDIDATE = /(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}/g;

export class IbanRecognizer implements PiiRecognizer {
  readonly needsDigits = true;

  recognize(text: string): PiiCandidate[] {
    const found: PiiCandidate[] = [];
    CANDIDATE.lastIndex = 0;
    for (;;) {
      const match = CANDIDATE.exec(text);
      if (!match) break;
      const expected = IBAN_LENGTHS[match[0].slice(0, 2)];
      if (expected === undefined) continue;
      // Take exactly `expected` alphanumerics (the greedy match may run into the next word).
      let count = 0;
      let end = match.index;
      while (end < text.length && count < expected) {
        const ch = text[end] as string;
        if (ch !== ' ') count++;
        else if (!/[A-Z0-9]/.test(text[end + 1] ?? '')) break;
        end++;
      }
      if (count !== expected || /[A-Za-z0-9]/.test(text[end] ?? '')) continue;
      const iban = text.slice(match.index, end).replace(/ /g, '');
      if (!passesIbanMod97(iban)) continue;
      found.push({
        type: 'pii.iban',
        start: match.index,
        end,
        score: 0.97,
        signals: ['iban_length', 'mod97'],
      });
      CANDIDATE.lastIndex = end;
    }
    return found;
  }
}
