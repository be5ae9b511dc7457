/* eslint-disable no-useless-escape -- hyphens and slashes in character classes are escaped on purpose, for readability. */
import { passesLuhn } from './checksums.js';
import type { PiiCandidate, PiiRecognizer } from './pii-candidate.js';

/**
 * Payment card numbers (PANs): a known issuer identification number (IIN)
 * range with a length valid for that network, and the Luhn check (ISO/IEC
 * 7812). Separators must be consistent (all spaces, all dashes or none).
 */
const CANDIDATE = /(?<![\d\-.])\d(?:[ \-]?\d){11,18}(?![\d]|[\-.]\d)/g;

interface Network {
  name: string;
  test: (pan: string) => boolean;
  lengths: readonly number[];
}

const range = (pan: string, digits: number, low: number, high: number) => {
  const prefix = Number(pan.slice(0, digits));
  return prefix >= low && prefix <= high;
};

const NETWORKS: readonly Network[] = [
  { name: 'visa', test: (p) => p.startsWith('4'), lengths: [13, 16, 19] },
  {
    name: 'mastercard',
    test: (p) => range(p, 2, 51, 55) || range(p, 4, 2221, 2720),
    lengths: [16],
  },
  { name: 'amex', test: (p) => /^3[47]/.test(p), lengths: [15] },
  {
    name: 'discover',
    test: (p) => /^(?:6011|64[4-9]|65)/.test(p) || range(p, 6, 622126, 622925),
    lengths: [16, 17, 18, 19],
  },
  { name: 'jcb', test: (p) => range(p, 4, 3528, 3589), lengths: [16, 17, 18, 19] },
  {
    name: 'diners',
    test: (p) => range(p, 3, 300, 305) || /^3[689]/.test(p),
    lengths: [14, 15, 16, 17, 18, 19],
  },
  { name: 'unionpay', test: (p) => p.startsWith('62'), lengths: [16, 17, 18, 19] },
  { name: 'mir', test: (p) => range(p, 4, 2200, 2204), lengths: [16, 17, 18, 19] },
  {
    name: 'maestro',
    test: (p) => /^(?:50|5[6-9]|6[0-9])/.test(p),
    lengths: [12, 13, 14, 15, 16, 17, 18, 19],
  },
];

export function cardNetwork(pan: string): string | undefined {
  return NETWORKS.find((n) => n.lengths.includes(pan.length) && n.test(pan))?.name;
}

export class PaymentCardRecognizer implements PiiRecognizer {
  readonly needsDigits = true;

  recognize(text: string): PiiCandidate[] {
    const found: PiiCandidate[] = [];
    CANDIDATE.lastIndex = 0;
    for (;;) {
      const match = CANDIDATE.exec(text);
      if (!match) break;
      const raw = match[0];
      const separators = new Set(raw.replace(/\d/g, ''));
      if (separators.size > 1) continue;
      // Printed PANs group 4-4-4-4, 4-6-5, 4-6-4…: no short groups (`4 4 2 3 …` is a list).
      if (separators.size === 1 && raw.split(/[ \-]/).some((g) => g.length < 3 || g.length > 7))
        continue;
      const pan = raw.replace(/[ \-]/g, '');
      const network = cardNetwork(pan);
      if (!network || !passesLuhn(pan)) continue;
      if (/^(\d)\1+$/.test(pan)) continue;
      found.push({
        type: 'pii.credit_card',
        start: match.index,
        end: match.index + raw.length,
        score: 0.95,
        signals: ['iin_range', 'luhn', `network_${network}`],
      });
    }
    return found;
  }
}
