/**
 * Characters XML 1.0 forbids anywhere, even as character references (XML 1.0
 * §2.2 `Char`): C0 controls other than tab, LF and CR, lone surrogates, and
 * U+FFFE/U+FFFF. They are removed, not escaped.
 */
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripInvalidXmlChars(text: string): string {
  return text.replace(INVALID_XML, '');
}

/**
 * Escapes text content: `&`, `<` and `>` (the last so `]]>` cannot occur),
 * and CR as a character reference, which end-of-line handling (XML 1.0 §2.11)
 * would otherwise turn into LF.
 */
export function escapeXmlText(text: string): string {
  return stripInvalidXmlChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/**
 * Escapes an attribute value for double quotes. Tab, LF and CR become
 * character references so attribute-value normalisation (XML 1.0 §3.3.3)
 * does not turn them into spaces.
 */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;');
}

/** `name="value"` pairs for an element, values escaped; undefined values skipped. */
export function xmlAttributes(attributes: Record<string, string | number | undefined>): string {
  return Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(String(value))}"`)
    .join('');
}
