/**
 * Character classes the normaliser treats specially. Sources: Unicode
 * Standard Annex #9 (bidirectional controls), the Unicode "Tags" block
 * U+E0000–U+E007F (used for "ASCII smuggling"), and a small subset of
 * Unicode Technical Standard #39 confusables (Cyrillic and Greek letters that
 * render like Latin ones).
 */

/** What kind of invisible character a code point is, or undefined for visible ones. */
export type InvisibleKind = 'zero_width' | 'bidi' | 'tag' | 'variation_selector';

export function invisibleKind(cp: number): InvisibleKind | undefined {
  if (cp < 0xad) return undefined;
  if (cp === 0xad || cp === 0x34f || cp === 0x180e || cp === 0xfeff) return 'zero_width';
  if (cp >= 0x200b && cp <= 0x200d) return 'zero_width';
  if (cp === 0x200e || cp === 0x200f || cp === 0x61c) return 'bidi';
  if (cp >= 0x202a && cp <= 0x202e) return 'bidi';
  if (cp >= 0x2060 && cp <= 0x2064) return 'zero_width';
  if (cp >= 0x2066 && cp <= 0x2069) return 'bidi';
  if (cp >= 0xfe00 && cp <= 0xfe0f) return 'variation_selector';
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'tag';
  if (cp >= 0xe0100 && cp <= 0xe01ef) return 'variation_selector';
  return undefined;
}

/** Latin look-alikes (UTS #39 confusables subset), folded only inside mixed-script words. */
export const CONFUSABLES: ReadonlyMap<number, string> = new Map(
  Object.entries({
    а: 'a',
    в: 'b',
    е: 'e',
    к: 'k',
    м: 'm',
    н: 'h',
    о: 'o',
    р: 'p',
    с: 'c',
    т: 't',
    у: 'y',
    х: 'x',
    і: 'i',
    ј: 'j',
    ѕ: 's',
    ԁ: 'd',
    ԛ: 'q',
    ԝ: 'w',
    һ: 'h',
    ӏ: 'l',
    ɡ: 'g',
    ɑ: 'a',
    А: 'A',
    В: 'B',
    Е: 'E',
    К: 'K',
    М: 'M',
    Н: 'H',
    О: 'O',
    Р: 'P',
    С: 'C',
    Т: 'T',
    Х: 'X',
    І: 'I',
    Ј: 'J',
    Ѕ: 'S',
    α: 'a',
    ο: 'o',
    ι: 'i',
    κ: 'k',
    ν: 'v',
    ρ: 'p',
    τ: 't',
    υ: 'u',
    ε: 'e',
    Α: 'A',
    Β: 'B',
    Ε: 'E',
    Ζ: 'Z',
    Η: 'H',
    Ι: 'I',
    Κ: 'K',
    Μ: 'M',
    Ν: 'N',
    Ο: 'O',
    Ρ: 'P',
    Τ: 'T',
    Υ: 'Y',
    Χ: 'X',
    ı: 'i',
    ℓ: 'l',
  }).map(([from, to]) => [from.charCodeAt(0), to]),
);

/** True for ASCII letters and digits. */
export function isAsciiAlnum(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a)
  );
}
