/* eslint-disable no-useless-escape -- hyphens and slashes in character classes are escaped on purpose, for readability. */
import { isValidSsn } from './checksums.js';
import type { PiiCandidate, PiiRecognizer } from './pii-candidate.js';

/**
 * US Social Security numbers in `AAA-GG-SSSS` / `AAA GG SSSS` form, or nine
 * bare digits right after an SSN keyword; the SSA's never-issued ranges are
 * rejected (see `isValidSsn`).
 */
const FORMATTED = /(?<![\d\-.])([0-9]{3})([\- ])([0-9]{2})\2([0-9]{4})(?![\d]|[\-.]\d)/g;
const BARE = /(?<![\d\-.])([0-9]{3})([0-9]{2})([0-9]{4})(?![\d]|[\-.]\d)/g;
const KEYWORD = /(?:ssn|social security(?: number| no\.?)?|ss#)\W{0,5}$/i;

export class UsSsnRecognizer implements PiiRecognizer {
  readonly needsDigits = true;

  recognize(text: string): PiiCandidate[] {
    const found: PiiCandidate[] = [];
    FORMATTED.lastIndex = 0;
    for (;;) {
      const m = FORMATTED.exec(text);
      if (!m) break;
      if (!isValidSsn(m[1] ?? '', m[3] ?? '', m[4] ?? '')) continue;
      const keyword = KEYWORD.test(text.slice(Math.max(0, m.index - 30), m.index));
      if (m[2] === ' ' && !keyword) continue;
      found.push({
        type: 'pii.us_ssn',
        start: m.index,
        end: m.index + m[0].length,
        score: keyword ? 0.95 : 0.85,
        signals: ['ssn_format', 'ssa_ranges', ...(keyword ? ['ssn_keyword'] : [])],
      });
    }
    if (/ssn|social security|ss#/i.test(text)) {
      BARE.lastIndex = 0;
      for (;;) {
        const m = BARE.exec(text);
        if (!m) break;
        if (!KEYWORD.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
        if (!isValidSsn(m[1] ?? '', m[2] ?? '', m[3] ?? '')) continue;
        found.push({
          type: 'pii.us_ssn',
          start: m.index,
          end: m.index + m[0].length,
          score: 0.9,
          signals: ['ssn_keyword', 'ssa_ranges'],
        });
      }
    }
    return found;
  }
}
