import { marvin32Checksum } from './marvin32.js';

/**
 * Checksum check of Azure "identifiable" keys (storage, Cosmos DB, API
 * Management, Functions, AI Search, Event Hub / Service Bus / Relay,
 * Container Registry, IoT). Layout, as Microsoft generates and validates
 * them (microsoft/security-utilities `IdentifiableSecrets`,
 * `IdentifiableMetadata`): the key is the base64 (or base64url) text of N
 * bytes; the last 4 bytes are the little-endian Marvin32 checksum
 * (`p1 ^ p0`) of the N − 4 bytes before them, under a seed that names the
 * key kind; the 3 bytes before the checksum carry the fixed signature
 * (`+ASt`, `AzFu`…). A key kind may be issued under several seeds (a Cosmos
 * DB read-only and read-write key), so a key is valid when any seed of its
 * kind verifies. A chance match is about 1 in 2^32 per seed.
 */

/**
 * Seeds are 8 ASCII characters read as a big-endian 64-bit number
 * (`Default0` = 0x44656661756c7430), as `ComputeHisV1ChecksumSeed` defines.
 */
export type AzureSeedName = string;

/** Seeds per key kind, from `IdentifiableMetadata` and the per-kind models. */
export const AZURE_KEY_SEEDS = {
  storage: ['Default0'],
  cosmosDb: ['MastRO00', 'MastRW00', 'SystRO00', 'SystRW00', 'SysAll00', 'Resour00', 'Encryp00'],
  apiManagement: ['Tenant00', 'IoTHub00', 'Gatewy00', 'GitKey00'],
  functions: ['Functi00', 'Master00', 'System00'],
  search: ['Query000', 'PAdmin00'],
  messaging: ['Send0000', 'Listen00', 'Manage00', 'System00', 'Unknown0'],
  containerRegistry: ['ACRDflt0'],
  iot: ['IoTHub00', 'DpsKey00', 'Device00'],
} as const satisfies Record<string, readonly AzureSeedName[]>;

export type AzureKeyKind = keyof typeof AZURE_KEY_SEEDS;

/** The 64-bit seed named by 8 ASCII characters, as high and low 32-bit halves. */
export function azureSeed(name: AzureSeedName): { high: number; low: number } {
  if (name.length !== 8) throw new Error(`Azure checksum seed names have 8 characters: ${name}`);
  const bytes = Buffer.from(name, 'latin1');
  return { high: bytes.readUInt32BE(0), low: bytes.readUInt32BE(4) };
}

/** A `SecretRule.validate` function for one Azure key kind: true when any seed of the kind verifies. */
export function azureKeyValidator(kind: AzureKeyKind): (key: string) => boolean {
  const seeds = AZURE_KEY_SEEDS[kind].map(azureSeed);
  return (key) => {
    const bytes = Buffer.from(key, 'base64');
    if (bytes.length < 8 || bytes.length > 128) return false;
    const stored = bytes.readUInt32LE(bytes.length - 4);
    return seeds.some(
      (seed) => marvin32Checksum(bytes, seed.high, seed.low, bytes.length - 4) === stored,
    );
  };
}

/** True when `key` (base64 or base64url, padded or not) carries a valid checksum for `kind`. */
export function hasValidAzureKeyChecksum(kind: AzureKeyKind, key: string): boolean {
  return azureKeyValidator(kind)(key);
}
