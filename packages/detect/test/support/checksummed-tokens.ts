import { azureSeed, type AzureSeedName } from '../../src/secrets/azure-identifiable-keys.js';
import { crc32 } from '../../src/secrets/checksums.js';
import { marvin32Checksum } from '../../src/secrets/marvin32.js';

/**
 * Test-side generators for token formats with an embedded checksum, written
 * from the issuers' generator descriptions (not by calling the validators
 * under test): Azure identifiable keys (Marvin32, microsoft/security-utilities
 * `GenerateBase64KeyHelper`) and GitLab routable tokens (CRC-32, GitLab's
 * `RoutableToken` generator).
 */

export interface AzureKeyShape {
  /** Decoded key size in bytes (32, 39, 40 or 64). */
  bytes: number;
  /** 4-character base64 signature, e.g. `+ASt`. */
  signature: string;
  seed: AzureSeedName;
  urlSafe?: boolean;
  /** Reject keys whose text contains `+` or `/` (Azure AI Search keys). */
  base62?: boolean;
}

function encode(bytes: Uint8Array, urlSafe: boolean): string {
  const text = Buffer.from(bytes).toString('base64');
  return urlSafe ? text.replace(/\+/g, '-').replace(/\//g, '_') : text;
}

/**
 * An Azure identifiable key: random bytes, the signature written over the
 * last whole characters before the 4 checksum bytes (so it reads verbatim in
 * the text), the bits left before the checksum cleared, then the
 * little-endian Marvin32 of all but the last 4 bytes as the last 4 bytes.
 */
export function azureIdentifiableKey(random: () => number, shape: AzureKeyShape): string {
  const signatureEnd = Math.floor(((shape.bytes - 4) * 8) / 6);
  const seed = azureSeed(shape.seed);
  for (;;) {
    const raw = Uint8Array.from({ length: shape.bytes }, () => Math.floor(random() * 256));
    const chars = Buffer.from(raw).toString('base64').split('');
    chars.splice(signatureEnd - 4, 4, ...shape.signature);
    const bytes = new Uint8Array(Buffer.from(chars.join(''), 'base64'));
    // Bits between the signature and the checksum are zero (the generator's mask).
    for (let bit = signatureEnd * 6; bit < (shape.bytes - 4) * 8; bit++) {
      bytes[bit >> 3] = (bytes[bit >> 3] as number) & ~(0x80 >> (bit & 7));
    }
    const sum = marvin32Checksum(bytes, seed.high, seed.low, shape.bytes - 4);
    Buffer.from(bytes.buffer).writeUInt32LE(sum, shape.bytes - 4);
    const key = encode(bytes, shape.urlSafe ?? false);
    if (key.slice(signatureEnd - 4, signatureEnd) !== shape.signature) continue;
    if (shape.base62 && /[+/]/.test(key)) continue;
    return key;
  }
}

/**
 * A GitLab routable token: base64url(16 random bytes + routing payload + its
 * length byte), `.` + version `01` + `.`, base36 payload length (2 chars),
 * then base36 CRC-32 of all of that (7 chars). `version: null` builds the
 * earlier unversioned form.
 */
export function gitlabRoutableToken(
  random: () => number,
  prefix: string,
  routing = 'o:1\nu:2kq',
  version: string | null = '01',
): string {
  const randomBytes = Buffer.from(Array.from({ length: 16 }, () => Math.floor(random() * 256)));
  const routingBytes = Buffer.from(routing, 'latin1');
  const payload = Buffer.concat([randomBytes, routingBytes, Buffer.from([routingBytes.length])]);
  const base64 = payload.toString('base64url');
  const length = base64.length.toString(36).padStart(2, '0');
  const signed = `${prefix}${base64}.${version === null ? '' : `${version}.`}${length}`;
  return `${signed}${crc32(signed).toString(36).padStart(7, '0')}`;
}

/** Standard Azure key shapes used by the corpus (one seed each; kinds accept more). */
export const AZURE_KEY_SHAPES = {
  'secret.azure_storage_key': { bytes: 64, signature: '+ASt', seed: 'Default0' },
  'secret.azure_cosmosdb_key': { bytes: 64, signature: 'ACDb', seed: 'MastRW00' },
  'secret.azure_apim_key': { bytes: 64, signature: 'APIM', seed: 'Gatewy00' },
  'secret.azure_function_key': { bytes: 40, signature: 'AzFu', seed: 'Functi00', urlSafe: true },
  'secret.azure_search_key': { bytes: 39, signature: 'AzSe', seed: 'Query000', base62: true },
  'secret.azure_service_bus_key': { bytes: 32, signature: '+ASb', seed: 'Send0000' },
  'secret.azure_container_registry_key': { bytes: 39, signature: '+ACR', seed: 'ACRDflt0' },
  'secret.azure_iot_key': { bytes: 32, signature: 'AIoT', seed: 'Device00' },
} as const satisfies Record<string, AzureKeyShape>;
