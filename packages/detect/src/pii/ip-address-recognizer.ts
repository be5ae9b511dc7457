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

/** Hex digits, `:` and `.`: the only characters an IPv6 match (incl. an IPv4 tail) is made of. */
const IPV6_CHARS = (() => {
  const table = new Uint8Array(128);
  for (const c of '0123456789abcdefABCDEF:.') table[c.charCodeAt(0)] = 1;
  return table;
})();

function isIpv6Char(text: string, k: number): boolean {
  const code = text.charCodeAt(k);
  return code < 128 && IPV6_CHARS[code] === 1;
}

/**
 * Maximal runs of IPv6 characters holding at least two colons: every match of
 * `IPV6` lies inside one, so the pattern runs only on those. Runs are grown
 * from each colon, so text without colons costs one `indexOf`.
 */
function ipv6Runs(text: string): [number, number][] {
  const runs: [number, number][] = [];
  let colon = text.indexOf(':');
  while (colon >= 0) {
    let start = colon;
    while (start > 0 && isIpv6Char(text, start - 1)) start--;
    let end = colon + 1;
    let colons = 1;
    while (end < text.length && isIpv6Char(text, end)) {
      if (text.charCodeAt(end) === 0x3a) colons++;
      end++;
    }
    if (colons >= 2) runs.push([start, end]);
    colon = text.indexOf(':', end);
  }
  return runs;
}

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
    for (const [runStart, runEnd] of ipv6Runs(text)) {
      // The run plus one character of context each side, so the look-arounds see what they would in `text`.
      const from = Math.max(0, runStart - 1);
      const slice = text.slice(from, Math.min(text.length, runEnd + 1));
      IPV6.lastIndex = 0;
      for (;;) {
        const m = IPV6.exec(slice);
        if (!m) break;
        const value = m[0];
        const start = from + m.index;
        const groups = value.split(':').filter((g) => g.length > 0).length;
        const hexDigits = value.replace(/[^0-9A-Fa-f]/g, '').length;
        if (groups < 3 && hexDigits < 5) continue;
        if (!value.includes('::') && value.split(':').length < 8 && !value.includes('.')) continue;
        if (!isIPv6(value)) continue;
        found.push({
          type: 'pii.ip_address',
          start,
          end: start + value.length,
          score: 0.9,
          signals: ['ipv6_parsed'],
        });
      }
    }
    return found;
  }
}
