import { isIPv6 } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IpAddressRecognizer } from '../src/pii/ip-address-recognizer.js';

/** Reference: the IPv6 pattern run over the whole text, with the recognizer's filters. */
function referenceIpv6(text: string): [number, number][] {
  const pattern =
    /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:\.[0-9]{1,3}){0,3}(?![\w:])/g;
  const spans: [number, number][] = [];
  for (const m of text.matchAll(pattern)) {
    const value = m[0];
    const groups = value.split(':').filter((g) => g.length > 0).length;
    const hexDigits = value.replace(/[^0-9A-Fa-f]/g, '').length;
    if (groups < 3 && hexDigits < 5) continue;
    if (!value.includes('::') && value.split(':').length < 8 && !value.includes('.')) continue;
    if (isIPv6(value)) spans.push([m.index, m.index + value.length]);
  }
  return spans;
}

describe('IpAddressRecognizer', () => {
  const recognizer = new IpAddressRecognizer();
  const ipv6 = (text: string) =>
    recognizer
      .recognize(text)
      .filter((c) => c.signals.includes('ipv6_parsed'))
      .map((c): [number, number] => [c.start, c.end]);

  it('finds IPv6 addresses in prose and ignores look-alikes', () => {
    expect(ipv6('server fe80::1ff:fe23:4567:890a answered')).toEqual([[7, 31]]);
    expect(ipv6('mapped ::ffff:192.0.2.128.')).toEqual([[7, 25]]);
    expect(ipv6('time 12:30:45 and key a:b and gfe80::1')).toEqual([]);
  });

  it('matches the whole-text pattern on random text (runs only narrow where it looks)', () => {
    const pieces = [
      'fe80',
      '::',
      ':',
      '1',
      'ab',
      '0db8',
      '.',
      '192.0.2.1',
      ' ',
      'g',
      'x:',
      '_',
      '\n',
      'é',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(ipv6(text)).toEqual(referenceIpv6(text));
      }),
      { numRuns: 1000 },
    );
  });
});
