import { DASH, prefixed } from '../prefixed-rule.js';
import type { SecretRule } from '../secret-rule.js';

/**
 * Messaging and email delivery: SendGrid, Twilio, Mailgun and Brevo.
 * Part of `PREFIXED_RULES`; `index.ts` fixes the order of the families.
 */
export const MESSAGING_RULES: readonly SecretRule[] = [
  prefixed(
    'sendgrid_api_key',
    'SendGrid API key',
    'high',
    ['sg.'],
    'SG\\.[A-Za-z0-9_\\-]{22}\\.[A-Za-z0-9_\\-]{43}',
    { tail: DASH, head: `${DASH}.` },
  ),
  prefixed('twilio_api_key', 'Twilio API key SID', 'high', ['sk'], 'SK[0-9a-fA-F]{32}'),
  prefixed('mailgun_api_key', 'Mailgun private API key', 'high', ['key-'], 'key-[0-9a-f]{32}', {
    head: DASH,
  }),
  prefixed(
    'brevo_api_key',
    'Brevo (Sendinblue) API key',
    'high',
    ['xkeysib-'],
    'xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}',
  ),
];
