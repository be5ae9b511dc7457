import { describe, expect, it } from 'vitest';
import { detectPii, type PiiRecognizer } from '../src/index.js';
import {
  dniLetter,
  isValidSsn,
  isValidSteuerId,
  passesIbanMod97,
  passesLuhn,
  passesVerhoeff,
} from '../src/pii/checksums.js';
import { PII_HARD_NEGATIVES, piiSamples } from './support/leak-corpus.js';

describe('PII checksums', () => {
  it('implements Luhn, mod-97, Verhoeff, Steuer-ID, DNI and SSN rules', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesIbanMod97('DE89370400440532013000')).toBe(true);
    expect(passesIbanMod97('DE89370400440532013001')).toBe(false);
    expect(passesVerhoeff('2363')).toBe(true);
    expect(passesVerhoeff('2364')).toBe(false);
    expect(isValidSteuerId('86095742719')).toBe(true);
    expect(isValidSteuerId('86095742718')).toBe(false);
    expect(dniLetter(12345678)).toBe('Z');
    expect(isValidSsn('123', '45', '6789')).toBe(true);
    expect(isValidSsn('666', '45', '6789')).toBe(false);
    expect(isValidSsn('923', '45', '6789')).toBe(false);
    expect(isValidSsn('123', '00', '6789')).toBe(false);
    expect(isValidSsn('123', '45', '0000')).toBe(false);
  });
});

describe('detectPii', () => {
  it('finds every labelled value with the right type and whole span', () => {
    for (const sample of piiSamples(21, 12)) {
      const found = detectPii(sample.text);
      for (const span of sample.spans) {
        const hit = found.find((d) => d.start <= span.start && d.end >= span.end);
        expect(hit?.type, `${span.type}: ${sample.text}`).toBe(span.type);
      }
      expect(found, sample.text).toHaveLength(sample.spans.length);
    }
  });

  it('stays quiet on hard negatives', () => {
    for (const text of PII_HARD_NEGATIVES) expect(detectPii(text), text).toEqual([]);
  });

  it('validates phones with libphonenumber and needs context for bare digits', () => {
    expect(detectPii('call me on +1 212-555-0187')[0]?.type).toBe('pii.phone');
    expect(detectPii('phone: 2125550187')[0]?.type).toBe('pii.phone');
    expect(detectPii('reference 2125550187')).toEqual([]);
    expect(detectPii('Call (555) 123-4567')[0]?.type).toBe('pii.phone');
    expect(detectPii('ticket 123-456-7890')).toEqual([]);
    expect(detectPii('+1 012-345-6789 is not a valid number')).toEqual([]);
  });

  it('handles emails and rejects git remotes', () => {
    const text = 'Mail jane.doe@example.com, not git@github.com:org/repo.git';
    const found = detectPii(text);
    expect(found.map((d) => text.slice(d.start, d.end))).toEqual(['jane.doe@example.com']);
  });

  it('parses IPs: valid v4/v6 only', () => {
    expect(detectPii('host 192.168.1.300')).toEqual([]);
    expect(detectPii('host 192.168.01.3')).toEqual([]);
    expect(detectPii('host fe80::1ff:fe23:4567:890a')[0]?.type).toBe('pii.ip_address');
    expect(detectPii('host 1:2:3:4:5:6:7:8:9')).toEqual([]);
  });

  it('runs opt-in plug-in recognizers (names/addresses) after the built-ins', () => {
    const names: PiiRecognizer = {
      recognize: (text) => {
        const at = text.indexOf('Ada Lovelace');
        return at < 0
          ? []
          : [{ type: 'pii.person_name', start: at, end: at + 12, score: 0.6, signals: ['plugin'] }];
      },
    };
    expect(detectPii('Ada Lovelace wrote it')).toEqual([]);
    expect(detectPii('Ada Lovelace wrote it', { plugins: [names] })[0]?.type).toBe(
      'pii.person_name',
    );
  });

  it('skips recognizers that need digits on text without any', () => {
    const seen: string[] = [];
    const digits: PiiRecognizer = {
      needsDigits: true,
      recognize: (text) => {
        seen.push(text);
        return [];
      },
    };
    detectPii('no numbers here at all', { plugins: [digits] });
    expect(seen).toEqual([]);
    detectPii('room 42', { plugins: [digits] });
    expect(seen).toEqual(['room 42']);
    // Digit-free text still gets the e-mail recognizer.
    expect(detectPii('write to jane.doe@example.org')[0]?.type).toBe('pii.email');
  });

  it('selects national ID recognizers by registry name', () => {
    expect(detectPii('NINO AB 12 34 56 C')[0]?.type).toBe('pii.uk_nino');
    expect(detectPii('NINO AB 12 34 56 C', { nationalIds: ['es_dni'] })).toEqual([]);
    expect(detectPii('NINO GB 12 34 56 C')).toEqual([]);
    expect(detectPii('DNI 12345678A')).toEqual([]);
    expect(detectPii('NIE X1234567L')[0]?.type).toBe('pii.es_dni');
  });
});
