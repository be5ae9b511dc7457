/**
 * The markers the guard's redactor writes in place of a value: `mask` mode
 * `[REDACTED:secret.github_token]` and `hash` mode
 * `[pii.email:hmac-sha256:<16 hex>]` (placeholders such as `<EMAIL_1>` are
 * plain words to the detectors). Bounded quantifiers: linear on any text.
 */
const MARKER =
  /\[(?:REDACTED:[a-z0-9_.]{1,64}|[a-z0-9_]{1,16}\.[a-z0-9_]{1,48}:hmac-sha256:[0-9a-f]{16})\]/g;

/**
 * `text` with every redaction marker blanked to spaces of the same length,
 * for scoring output the gateway has redacted: a marker is the gateway's own
 * text, not the model's, and the prompt-attack classifier reads
 * `[REDACTED:secret…]` as an instruction. Same length, so detection spans
 * still index the emitted text.
 */
export function blankRedactionMarkers(text: string): string {
  if (!text.includes('[')) return text;
  return text.replace(MARKER, (marker) => ' '.repeat(marker.length));
}
