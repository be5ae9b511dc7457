import { classifyPemBlock } from './checksums.js';
import type { SecretCandidate } from './secret-candidate.js';

/**
 * Whole private-key blocks (RFC 7468 PEM, OpenSSH, PGP), including the
 * JSON/ENV-escaped form where line breaks are the two characters `\n`. The
 * span runs from `-----BEGIN` to the end of the matching `-----END … -----`
 * line, so redaction never leaves key material behind.
 */
const HEADER = /-----BEGIN ((?:[A-Z0-9]{1,20} ){0,3})PRIVATE KEY( BLOCK)?-----/y;
const MAX_BLOCK = 65_536;

export function findPrivateKeyBlocks(text: string): SecretCandidate[] {
  const found: SecretCandidate[] = [];
  let from = 0;
  let nextEnd = -2;
  for (;;) {
    const at = text.indexOf('-----BEGIN ', from);
    if (at < 0) break;
    from = at + 11;
    HEADER.lastIndex = at;
    const header = HEADER.exec(text);
    if (!header) continue;
    const footer = `-----END ${header[1] ?? ''}PRIVATE KEY${header[2] ?? ''}-----`;
    // The next END line is found once and reused, so hostile input with many
    // BEGIN lines and no END stays linear.
    if (nextEnd === -2 || (nextEnd !== -1 && nextEnd < at)) nextEnd = text.indexOf('-----END ', at);
    const endAt =
      nextEnd >= 0 && text.startsWith(footer, nextEnd) && nextEnd - at <= MAX_BLOCK ? nextEnd : -1;
    let end: number;
    if (endAt >= 0 && endAt - at <= MAX_BLOCK) {
      end = endAt + footer.length;
    } else {
      // Truncated block: cover the base64 body that follows the header.
      const body = /(?:[A-Za-z0-9+/=]|\\[nr]|\s){0,65536}/y;
      body.lastIndex = at + header[0].length;
      body.exec(text);
      end = body.lastIndex;
      while (end > at && /\s/.test(text[end - 1] ?? '')) end--;
    }
    const verdict = classifyPemBlock(text.slice(at, end));
    if (verdict === 'not_a_key') continue;
    found.push({
      ruleId: 'secret.private_key',
      start: at,
      end,
      score: verdict === 'parsed' ? 0.99 : 0.9,
      signals: [verdict === 'parsed' ? 'pem_parsed' : 'pem_structure'],
    });
    from = end;
  }
  return found;
}
