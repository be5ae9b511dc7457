import { describe, expect, it } from 'vitest';
import { blankRedactionMarkers } from '../src/guard/redaction-markers.js';

describe('blankRedactionMarkers', () => {
  it('blanks mask and hash markers to spaces of the same length', () => {
    const text =
      'key [REDACTED:secret.github_token], mail [pii.email:hmac-sha256:0123456789abcdef] ok';
    const out = blankRedactionMarkers(text);
    expect(out).toHaveLength(text.length);
    expect(out).toBe(`key ${' '.repeat(30)}, mail ${' '.repeat(40)} ok`);
  });

  it('leaves placeholders, ordinary brackets and near-misses alone', () => {
    for (const text of [
      'Reply to <EMAIL_1> [see note]',
      '[REDACTED] and [REDACTED:] and [pii.email:hmac-sha256:xyz]',
      'no brackets at all',
    ]) {
      expect(blankRedactionMarkers(text)).toBe(text);
    }
  });
});
