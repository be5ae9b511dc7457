import { isIPv6 } from 'node:net';
import type { PiiCandidate, PiiRecognizer } from './pii-candidate.js';

/**
 * IP addresses, parsed rather than matched: IPv4 dotted-quad with every
 * octet 0–255 and no leading zeros (RFC 6943 §3.1.1 strict form); IPv6 per
 * RFC 4291 §2.2 as validated by `node:net`. Version strings (`v1.2.3.4`,
 * `version 10.0.0.1`) and dotted numbers inside longer sequences are not IPs.
 */
const IPV4 = /(?<![\w.])(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?![\w]|\.\d)/g;
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:\.[0-9]{1,3}){0,3}(?![\w:])/g;
const VERSION_CONTEXT = /(?:\bv|version|ver\.?|release|build|firmware|chrome\/|safari\/)\s{0,2}$/i;

function isOctet(part: string): boolean {
  return /^(?:0|[1-9][0-9]{0,2})$/.test(part) && Number(part) <= 255;
}

export class IpAddressRecognizer implements PiiRecognizer {
  recognize(text: string): PiiCandidate[] {
    const found: PiiCandidate[] = [];
    if (text.includes('.')) {
      IPV4.lastIndex = 0;
      for (;;) {
        const m = IPV4.exec(text);
        if (!m) break;
        if (!m[0].split('.').every(isOctet)) continue;
        if (VERSION_CONTEXT.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
        found.push({
          type: 'pii.ip_address',
          start: m.index,
          end: m.index + m[0].length,
          score: 0.9,
          signals: ['ipv4_parsed'],
        });
      }
    }
    if (text.includes(':')) {
      IPV6.lastIndex = 0;
      for (;;) {
        const m = IPV6.exec(text);
        if (!m) break;
        const value = m[0];
        const groups = value.split(':').filter((g) => g.length > 0).length;
        const hexDigits = value.replace(/[^0-9A-Fa-f]/g, '').length;
        if (groups < 3 && hexDigits < 5) continue;
        if (!value.includes('::') && value.split(':').length < 8 && !value.includes('.')) continue;
        if (!isIPv6(value)) continue;
        found.push({
          type: 'pii.ip_address',
          start: m.index,
          end: m.index + value.length,
          score: 0.9,
          signals: ['ipv6_parsed'],
        });
      }
    }
    return found;
  }
}
