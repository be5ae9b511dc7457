import {
  createRedactor,
  REDACTION_MODES,
  type RedactionMode,
  type RedactionOptions,
} from '@bulwark/detect';
import { BulwarkError } from '@bulwark/core';

/** Options of `bulwark detect --redact`, already parsed from flags/config. */
export interface CliRedactOptions {
  /** `--redact-mode TYPE=MODE` pairs, e.g. `{ pii: 'mask', 'pii.email': 'hash' }`. */
  modes?: Readonly<Record<string, string>>;
  /** HMAC key for `hash` mode (from env/config at the CLI edge); default: random per run. */
  key?: string;
}

/**
 * Redacts secrets and PII in `text` for printing (`bulwark detect --redact`).
 * The CLI is one-shot, so placeholders are numbered per run and there is no
 * restore. Unknown modes are a usage error naming the valid ones.
 */
export function redactForCli(text: string, options: CliRedactOptions = {}): string {
  const modes: Record<string, RedactionMode> = {};
  for (const [type, mode] of Object.entries(options.modes ?? {})) {
    if (!(REDACTION_MODES as readonly string[]).includes(mode)) {
      throw new BulwarkError('USAGE', `Unknown redaction mode "${mode}" for "${type}"`, {
        hint: `use one of: ${REDACTION_MODES.join(', ')}`,
      });
    }
    modes[type] = mode as RedactionMode;
  }
  const redactionOptions: RedactionOptions = { modes };
  if (options.key !== undefined) redactionOptions.key = options.key;
  return createRedactor(redactionOptions).redact(text, { tenant: 'cli', conversation: 'cli' }).text;
}
