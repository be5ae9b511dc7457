/* eslint-disable no-useless-escape -- hyphens and slashes in character classes are escaped on purpose, for readability. */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { PiiCandidate, PiiRecognizer } from './pii-candidate.js';

/**
 * Phone numbers. A cheap linear regex finds digit runs with phone-like
 * separators; only those go to libphonenumber-js (full metadata), which
 * decides validity for the number's country. Hard negatives rejected before
 * parsing: dates and times, dotted versions and IPs, numbers glued to
 * letters or introduced by order/invoice/ID words, and bare digit runs with
 * no phone keyword nearby.
 */
const CANDIDATE = /(?<![\w.+\-/])\+?\(?[0-9][0-9 ().\-]{5,22}[0-9](?![\w]|[.\-/][0-9])/g;
const PHONE_KEYWORD =
  /(?:phone|tel|mobile|cell|call|whatsapp|fax|contact|sms|text me|ring|dial|number)\b[^\n]{0,25}$/i;
const NOT_PHONE_CONTEXT =
  /(?:order|invoice|inv|ref|reference|id|no|account|acct|ticket|case|tracking|serial|sku|isbn|build|version|v|po|#)\s{0,2}[:#.\-]?\s{0,2}$/i;
const DATE_OR_VERSION =
  /^\d{4}[\-./]\d{1,2}[\-./]\d{1,2}|^\d{1,2}[\-./]\d{1,2}[\-./]\d{2,4}$|^\d{1,3}(?:\.\d{1,3}){2,3}$/;
/** Countries tried for numbers written without `+`: trunk-prefix `0` ones, or NANP/Spain. */
const TRUNK_ZERO_COUNTRIES: readonly CountryCode[] = ['GB', 'DE', 'FR', 'IN', 'AU'];
const NO_TRUNK_COUNTRIES: readonly CountryCode[] = ['US', 'ES'];
const NANP_LAYOUT = /^(?:\([2-9][0-9]{2}\) ?|[2-9][0-9]{2}[\-.])[0-9]{3}[\-.][0-9]{4}$/;
/** Most libphonenumber parses per text: bounds time on hostile input full of digit runs. */
export const MAX_PHONE_PARSES = 20_000;

export class PhoneRecognizer implements PiiRecognizer {
  readonly needsDigits = true;

  recognize(text: string): PiiCandidate[] {
    const found: PiiCandidate[] = [];
    let budget = MAX_PHONE_PARSES;
    CANDIDATE.lastIndex = 0;
    for (;;) {
      const m = CANDIDATE.exec(text);
      if (!m) break;
      let raw = m[0];
      // Keep parentheses balanced at the edges: `(415) 555-2671`, not `415) 555`.
      if (raw.endsWith(')')) raw = raw.slice(0, -1);
      const digits = raw.replace(/\D/g, '');
      if (digits.length < 7 || digits.length > 15) continue;
      if (DATE_OR_VERSION.test(raw) || /^\d{3}-\d{2}-\d{4}$/.test(raw)) continue;
      const before = text.slice(Math.max(0, m.index - 40), m.index);
      const keyword = PHONE_KEYWORD.test(before);
      const international = raw.startsWith('+') || /(?:^|\s)00\d/.test(raw.slice(0, 3));
      const separated = /[ ().\-]/.test(raw);
      if (!keyword && NOT_PHONE_CONTEXT.test(before)) continue;
      if (!international && !separated && !keyword) continue;
      if (!international && /^[0-9]+(?:\.[0-9]+)+$/.test(raw) && !/^\d{3}\.\d{3}\.\d{4}$/.test(raw))
        continue;
      // At most one single-digit group (`+1 …`, `+33 1 …`): `1 2 3 4 5 6 7` is not a phone.
      const groups = raw.split(/[^0-9]+/).filter((g) => g.length > 0);
      if (groups.filter((g) => g.length === 1).length > 1) continue;
      // Without a country code, lists of small numbers (`35 2 5 9 29 32`) and table cells are not phones.
      if (!international && groups.filter((g) => g.length <= 2).length > 1) continue;
      if (/ {2}|\t/.test(raw) || (raw.includes('.') && raw.includes(' '))) continue;
      if (--budget < 0) break;
      const parsed = this.parse(raw, international);
      if (!parsed) continue;
      found.push({
        type: 'pii.phone',
        start: m.index,
        end: m.index + raw.length,
        score: keyword || international ? 0.9 : 0.8,
        signals: [
          'libphonenumber_valid',
          `country_${parsed}`,
          ...(keyword ? ['phone_keyword'] : []),
        ],
      });
    }
    return found;
  }

  private parse(raw: string, international: boolean): string | undefined {
    if (international) {
      const number = parsePhoneNumberFromString(raw.replace(/^00/, '+'));
      return number?.isValid() ? (number.country ?? 'intl') : undefined;
    }
    const countries = raw.replace(/^\(/, '').startsWith('0')
      ? TRUNK_ZERO_COUNTRIES
      : NO_TRUNK_COUNTRIES;
    for (const country of countries) {
      const number = parsePhoneNumberFromString(raw, country);
      if (number?.isValid()) return country;
    }
    // Canonical NANP layout (`(555) 123-4567`, `555-123-4567`): possible-length numbers in
    // fictional/unassigned ranges are still phone numbers to a reader.
    if (NANP_LAYOUT.test(raw)) {
      const number = parsePhoneNumberFromString(raw, 'US');
      if (number?.isPossible()) return 'US';
    }
    return undefined;
  }
}
