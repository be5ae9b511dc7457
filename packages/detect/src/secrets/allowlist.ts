/**
 * Values that look like credentials but are documentation examples,
 * placeholders or non-secret identifiers. Checked on the secret value only,
 * after a rule matched, so the cost is per candidate, not per byte.
 */

/** Published documentation examples (AWS docs; git-secrets `secrets.allowed`). */
const DOCUMENTED_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'AKIAI44QH8DHBEXAMPLE',
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  // The example bot token of the Telegram Bot API documentation.
  '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11',
]);

const PLACEHOLDER_WORDS =
  /example|placeholder|your[_-]|changeme|change[_-]me|redacted|insert[_-]|replace[_-]?me|dummy|x{6}|\*\*\*|\.\.\.|<|>|\{\{|\}\}|\$\{/i;

/** Words that are never a real password or key on their own. */
const NON_SECRET_VALUES = new Set([
  'password',
  'passwd',
  'pass',
  'secret',
  'token',
  'changeme',
  'changeit',
  'admin',
  'root',
  'test',
  'testing',
  'null',
  'none',
  'nil',
  'undefined',
  'true',
  'false',
  'string',
  'number',
  'boolean',
  'required',
  'optional',
  'hidden',
  'redacted',
  'masked',
  'example',
  'sample',
  'default',
  'empty',
  'unknown',
  'object',
  'bytes',
  'str',
  'int',
]);

/** True for documented examples and obvious placeholders such as `sk-xxxx`, `<YOUR_KEY>`. */
export function isPlaceholderSecret(value: string): boolean {
  if (DOCUMENTED_EXAMPLES.has(value)) return true;
  if (NON_SECRET_VALUES.has(value.toLowerCase())) return true;
  if (PLACEHOLDER_WORDS.test(value)) return true;
  // Long runs of one character (`xxxxxxxx`, `00000000`, `********`).
  if (/(.)\1{7}/.test(value)) return true;
  return false;
}

const FIXTURE_SHAPE = /^[a-z0-9_-]{1,48}$/;
const CREDENTIAL_WORD = /secret|passw(?:or)?d|pwd/;

/**
 * Fixture values that spell out what they stand in for: only lower-case
 * letters, digits, `-` and `_`, and containing a credential word
 * (`secret123`, `db-secret`, `secret-2-levels`, `password-for-30001`,
 * `_my_password_`). Test suites and READMEs are full of them; a password of
 * this shape is a self-labelled dummy. Applied to generic (keyword, URL,
 * Basic) credentials only, never to prefixed formats.
 */
export function isSelfDescribingValue(value: string): boolean {
  return FIXTURE_SHAPE.test(value) && CREDENTIAL_WORD.test(value);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_DIGEST = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128})$/i;
const SRI = /^sha(?:256|384|512)-[A-Za-z0-9+/]{40,90}={0,2}$/;

/**
 * True for values that are identifiers or digests rather than secrets:
 * UUIDs, git SHAs and other hex digests, SRI hashes, data URIs, publishable
 * keys (`pk_live_`, `pk_test_`). Applied to generic (keyword) rules, whose
 * values have no format of their own.
 */
export function isNonSecretIdentifier(value: string, keyName = ''): boolean {
  if (UUID.test(value)) return true;
  if (SRI.test(value)) return true;
  if (value.startsWith('data:')) return true;
  if (/^pk_(?:live|test)_/.test(value)) return true;
  if (HEX_DIGEST.test(value) && /hash|sha|digest|checksum|commit|etag|integrity/i.test(keyName)) {
    return true;
  }
  return false;
}
