import { crc32 } from './checksums.js';

/**
 * GitLab routable tokens (Cells): `<prefix><payload>.<version>.<length><crc>`
 * where payload is unpadded base64url (27–300 chars), version and length are
 * 2 base36 chars and crc is the zlib CRC-32 of everything before it (prefix
 * included), in base36 left-padded with `0` to 7 chars. Tokens issued before
 * the version field (2024-11 to 2025-04, behind a flag) read
 * `<prefix><payload>.<length><crc>` and carry the same CRC. Sources:
 * gitlab-org/gitlab `lib/authn/token_field/generator/routable_token.rb` and
 * `decoders/v1/routable_payload.rb`, the handbook design document "Routable
 * tokens". Legacy tokens (no `.`) have no checksum and are matched by layout.
 */

const GITLAB_PREFIX_AFTER_GLUE = /-gl[a-z]{2,6}-/g;
const CRC_CHARS = 7;

function crcMatches(signed: string, crcText: string): boolean {
  return crc32(signed).toString(36).padStart(CRC_CHARS, '0') === crcText;
}

/**
 * `'unchecked'` for a legacy token, true for a routable one whose CRC-32
 * verifies, false otherwise. The CRC
 * is tried over the whole value and, when the value starts with text glued
 * before the GitLab prefix (an instance prefix such as `acme-glpat-` is part
 * of what GitLab signs; other glue is not), from the GitLab prefix on.
 */
export function hasValidGitlabRoutableCrc(token: string): boolean | 'unchecked' {
  if (!token.includes('.')) return 'unchecked';
  const crcText = token.slice(-CRC_CHARS);
  if (!/^[0-9a-z]{7}$/.test(crcText)) return false;
  const signed = token.slice(0, -CRC_CHARS);
  if (crcMatches(signed, crcText)) return true;
  GITLAB_PREFIX_AFTER_GLUE.lastIndex = 0;
  const glued = GITLAB_PREFIX_AFTER_GLUE.exec(signed);
  return glued !== null && crcMatches(signed.slice(glued.index + 1), crcText);
}

const PAYLOAD = '[A-Za-z0-9_\\-]';
const INSTANCE_PREFIX = '(?:[A-Za-z0-9_][A-Za-z0-9_\\-]{0,13}-)?';

/**
 * Regex body for a GitLab token family: the routable form first (optional
 * instance prefix, payload, `.vv.` version unless `unversioned` also allows
 * it to be absent, length + CRC), then the legacy `legacyBody`. Bounded
 * quantifiers only.
 */
export function gitlabTokenBody(
  prefix: string,
  legacyBody: string,
  options: { unversioned?: boolean } = {},
): string {
  const version = options.unversioned ? '(?:[0-9a-z]{2}\\.)?' : '[0-9a-z]{2}\\.';
  const routable = `${INSTANCE_PREFIX}${prefix}${PAYLOAD}{27,300}\\.${version}[0-9a-z]{9}`;
  return `${routable}|${prefix}${legacyBody}`;
}
