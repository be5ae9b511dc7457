import { createPrivateKey } from 'node:crypto';

/**
 * Integrity checks built into public token formats. A token whose checksum
 * does not verify is not a finding: it is a typo, a truncation or a made-up
 * example.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, as zlib) of the UTF-8/ASCII bytes of `text`. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    crc = (CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `value` in base 62 (alphabet `0-9A-Za-z`), left-padded with `0` to `width`. */
export function base62(value: number, width: number): string {
  let out = '';
  let rest = value;
  while (rest > 0) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
}

/**
 * GitHub (2021 format) and npm tokens: `prefix_` + 30 random + 6 checksum,
 * checksum = base62(CRC32(random)). Source: github.blog 2021-04-05 "Behind
 * GitHub's new authentication token formats"; github.blog 2021-09-23 (npm).
 */
export function hasValidCrc32Base62(token: string): boolean {
  const body = token.slice(token.indexOf('_') + 1);
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function bech32Polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= BECH32_GEN[i] as number;
  }
  return chk >>> 0;
}

/** Bech32 (BIP-173) checksum check; used by age secret keys (`AGE-SECRET-KEY-1…`). */
export function hasValidBech32(value: string): boolean {
  const lower = value.toLowerCase();
  const sep = lower.lastIndexOf('1');
  if (sep < 1 || sep + 7 > lower.length || lower.length > 120) return false;
  const hrp = lower.slice(0, sep);
  const values: number[] = [];
  for (let i = 0; i < hrp.length; i++) values.push(hrp.charCodeAt(i) >> 5);
  values.push(0);
  for (let i = 0; i < hrp.length; i++) values.push(hrp.charCodeAt(i) & 31);
  for (const ch of lower.slice(sep + 1)) {
    const v = BECH32_CHARSET.indexOf(ch);
    if (v < 0) return false;
    values.push(v);
  }
  return bech32Polymod(values) === 1;
}

/** Bech32 checksum for `hrp` + 5-bit `data` (used by tests' token generators). */
export function bech32Checksum(hrp: string, data: readonly number[]): string {
  const values: number[] = [];
  for (let i = 0; i < hrp.length; i++) values.push(hrp.charCodeAt(i) >> 5);
  values.push(0);
  for (let i = 0; i < hrp.length; i++) values.push(hrp.charCodeAt(i) & 31);
  values.push(...data, 0, 0, 0, 0, 0, 0);
  const mod = bech32Polymod(values) ^ 1;
  let out = '';
  for (let i = 0; i < 6; i++) out += BECH32_CHARSET[(mod >>> (5 * (5 - i))) & 31];
  return out;
}

function decodeBase64UrlJson(segment: string): unknown {
  try {
    const json = Buffer.from(segment, 'base64url').toString('utf8');
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/** JWT (RFC 7519) structure: header is a JSON object with `alg`, payload a JSON object. */
export function isJwtStructure(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3 || token.length > 16_384) return false;
  const header = decodeBase64UrlJson(parts[0] as string);
  const payload = decodeBase64UrlJson(parts[1] as string);
  if (typeof header !== 'object' || header === null || !('alg' in header)) return false;
  if (typeof payload !== 'object' || payload === null) return false;
  // The jwt.io documentation example (sub 1234567890, "John Doe") is not a secret.
  const claims = payload as Record<string, unknown>;
  return !(claims.sub === '1234567890' && claims.name === 'John Doe');
}

/** Discord bot token: the first segment is base64 of a numeric snowflake user id. */
export function isDiscordTokenStructure(token: string): boolean {
  const first = token.slice(0, token.indexOf('.'));
  const decoded = Buffer.from(first, 'base64').toString('latin1');
  return /^\d{17,20}$/.test(decoded);
}

/** How sure a PEM private-key block is real: parsed by node:crypto, plausible, or not a key. */
export type PemVerdict = 'parsed' | 'plausible' | 'not_a_key';

/**
 * Parses a PEM private-key block (RFC 7468) with node:crypto. OpenSSH keys
 * and encrypted keys (which need a passphrase) cannot be parsed here; their
 * base64 body is checked instead.
 */
export function classifyPemBlock(block: string): PemVerdict {
  const pem = block.replace(/\\r\\n|\\n|\\r/g, '\n').replace(/\r\n/g, '\n');
  const body = pem
    .split('\n')
    .filter((line) => !line.startsWith('-----') && !/^[A-Za-z-]+: /.test(line))
    .join('')
    .replace(/\s+/g, '');
  if (body.length < 40 || !/^[A-Za-z0-9+/=]+$/.test(body)) return 'not_a_key';
  if (new Set(body).size < 16) return 'not_a_key';
  if (/OPENSSH|ENCRYPTED|PGP|PUTTY/.test(pem.slice(0, 60))) return 'plausible';
  try {
    createPrivateKey({ key: pem, format: 'pem' });
    return 'parsed';
  } catch {
    return 'plausible';
  }
}
