import type { SecretRule } from './secret-rule.js';

/** Formats without a distinctive prefix, recognisable by a suffix or marker. */
export const CONTEXTUAL_RULES: readonly SecretRule[] = [
  {
    id: 'secret.mailchimp_api_key',
    title: 'Mailchimp API key',
    severity: 'high',
    prefixed: false,
    keywords: ['-us'],
    pattern: /(?<![A-Za-z0-9_])([0-9a-f]{32}-us[0-9]{1,2})(?![A-Za-z0-9_])/g,
    group: 1,
  },
];

/** Metadata of the rules implemented in code rather than as one regex. */
export const GENERIC_RULE_INFO = [
  {
    id: 'secret.private_key',
    title: 'Private key block (PEM, OpenSSH, PGP)',
    severity: 'critical',
    prefixed: true,
    keywords: ['-----begin'],
  },
  {
    id: 'secret.authorization_header',
    title: 'HTTP Authorization credential (Bearer/Basic)',
    severity: 'high',
    prefixed: false,
    keywords: ['bearer', 'basic', 'authorization'],
  },
  {
    id: 'secret.password_assignment',
    title: 'Password assigned in code, config, .env or logs',
    severity: 'high',
    prefixed: false,
    keywords: ['pass', 'pwd'],
  },
  {
    id: 'secret.generic_secret',
    title: 'Secret, token or API key assigned in code, config, .env or logs',
    severity: 'high',
    prefixed: false,
    keywords: ['secret', 'token', 'key', 'credential'],
  },
  {
    id: 'secret.aws_secret_access_key',
    title: 'AWS secret access key',
    severity: 'critical',
    prefixed: false,
    keywords: ['aws', 'secret_access_key'],
  },
  {
    id: 'secret.url_credentials',
    title: 'Password in a URL or connection string',
    severity: 'high',
    prefixed: false,
    keywords: ['://'],
  },
] as const;
