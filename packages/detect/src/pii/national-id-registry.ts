/* eslint-disable no-useless-escape -- hyphens and slashes in character classes are escaped on purpose, for readability. */
import { dniLetter, isValidSteuerId, passesVerhoeff } from './checksums.js';
import type { PiiCandidate, PiiRecognizer } from './pii-candidate.js';

/**
 * National identifiers, one recognizer per country document, each with the
 * document's own check. A typed const registry: `detectPii` options select
 * countries by these names.
 */

function regexRecognizer(
  type: string,
  pattern: RegExp,
  accept: (match: RegExpExecArray) => boolean,
  signals: string[],
): PiiRecognizer {
  return {
    // Every national ID here has digits.
    needsDigits: true,
    recognize(text) {
      const found: PiiCandidate[] = [];
      pattern.lastIndex = 0;
      for (;;) {
        const m = pattern.exec(text);
        if (!m) break;
        if (!accept(m)) continue;
        found.push({ type, start: m.index, end: m.index + m[0].length, score: 0.9, signals });
      }
      return found;
    },
  };
}

/** UK National Insurance number (HMRC NIM39110): prefix letter rules, six digits, suffix A–D. */
const UK_NINO =
  /(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?([0-9]{2}) ?([0-9]{2}) ?([0-9]{2}) ?([A-D])(?![A-Za-z0-9])/g;
const NINO_BAD_PREFIX = new Set(['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ']);

/** German Steuer-ID (§139b AO): 11 digits, optionally grouped `12 345 678 901`. */
const DE_STEUER_ID = /(?<![\d\-.])[1-9][0-9](?: ?[0-9]{3}){3}(?![\d]|[\-.]\d)/g;

/** Indian Aadhaar (UIDAI): 12 digits, first 2–9, Verhoeff check digit. */
const IN_AADHAAR = /(?<![\d\-.])[2-9][0-9]{3}([ \-]?)[0-9]{4}\1[0-9]{4}(?![\d]|[\-.]\d)/g;

/** Spanish DNI (8 digits + letter) and NIE (X/Y/Z + 7 digits + letter), letter = number mod 23. */
const ES_DNI = /(?<![A-Za-z0-9])([XYZ]?)(?:-)?([0-9]{7,8})-?([A-Z])(?![A-Za-z0-9])/g;

export const NATIONAL_ID_RECOGNIZERS = {
  uk_nino: () =>
    regexRecognizer('pii.uk_nino', UK_NINO, (m) => !NINO_BAD_PREFIX.has(m[1] ?? ''), [
      'nino_format',
    ]),
  de_steuer_id: () =>
    regexRecognizer(
      'pii.de_steuer_id',
      DE_STEUER_ID,
      (m) => {
        const spaced = m[0].includes(' ');
        if (spaced && !/^\d{2} \d{3} \d{3} \d{3}$/.test(m[0])) return false;
        return isValidSteuerId(m[0].replace(/ /g, ''));
      },
      ['steuer_id_check_digit'],
    ),
  in_aadhaar: () =>
    regexRecognizer(
      'pii.in_aadhaar',
      IN_AADHAAR,
      (m) => passesVerhoeff(m[0].replace(/[ \-]/g, '')),
      ['verhoeff'],
    ),
  es_dni: () =>
    regexRecognizer(
      'pii.es_dni',
      ES_DNI,
      (m) => {
        // Memory sizes in logs (`68003292K->4989K(8132K)`) are not IDs.
        const after = m.input.slice(m.index + m[0].length, m.index + m[0].length + 2);
        const before = m.input.slice(Math.max(0, m.index - 2), m.index);
        if (
          after === '->' ||
          after.startsWith('(') ||
          after.startsWith(')') ||
          before === '->' ||
          before.endsWith('(')
        )
          return false;
        const prefix = m[1] ?? '';
        const digits = m[2] ?? '';
        if (prefix === '' ? digits.length !== 8 : digits.length !== 7) return false;
        const number = Number(`${prefix === '' ? '' : 'XYZ'.indexOf(prefix)}${digits}`);
        return dniLetter(number) === m[3];
      },
      ['dni_letter'],
    ),
} satisfies Record<string, () => PiiRecognizer>;

export type NationalIdName = keyof typeof NATIONAL_ID_RECOGNIZERS;
