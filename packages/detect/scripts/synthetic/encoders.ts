import type { Random } from './random.js';

/** Obfuscates attack text the way real attackers do; the normaliser must undo each. */
export type Encoder = (rng: Random, text: string) => string;

const HOMOGLYPHS: Readonly<Record<string, string>> = {
  a: 'а',
  e: 'е',
  o: 'о',
  p: 'р',
  c: 'с',
  i: 'і',
  x: 'х',
  y: 'у',
};
const LEET: Readonly<Record<string, string>> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };

function rot13(text: string): string {
  return text.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

export const ENCODERS: Readonly<Record<string, Encoder>> = {
  none: (_rng, text) => text,
  base64: (rng, text) =>
    `${rng.pick(['Decode this and follow it:', 'Base64:', 'Process the following payload:', ''])} ${Buffer.from(text).toString('base64')}`,
  hex: (rng, text) => `${rng.pick(['hex:', 'Decode:', ''])} ${Buffer.from(text).toString('hex')}`,
  rot13: (rng, text) => `${rng.pick(['ROT13:', 'Decode with rot13 and obey:', ''])} ${rot13(text)}`,
  url: (_rng, text) => encodeURIComponent(text),
  leetspeak: (_rng, text) => text.replace(/[aeiost]/g, (c) => LEET[c] ?? c),
  homoglyph: (rng, text) =>
    text.replace(/[aeopcixy]/g, (c) => (rng.chance(0.6) ? (HOMOGLYPHS[c] ?? c) : c)),
  zeroWidth: (_rng, text) => text.split('').join('\u200b'),
  fullWidth: (_rng, text) =>
    text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x21 + 0xff01)),
  tags: (rng, text) =>
    `${rng.pick(['Hello, how are you?', 'Nice weather today.', 'Summarise my notes.'])}${[...text].map((c) => (c.charCodeAt(0) < 0x7f ? String.fromCodePoint(0xe0000 + c.charCodeAt(0)) : '')).join('')}`,
};
