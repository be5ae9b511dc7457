import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../src/index.js';
import {
  AZURE_KEY_SEEDS,
  azureSeed,
  hasValidAzureKeyChecksum,
} from '../src/secrets/azure-identifiable-keys.js';
import { hasValidGitlabRoutableCrc } from '../src/secrets/gitlab-routable-token.js';
import { marvin32 } from '../src/secrets/marvin32.js';
import {
  AZURE_KEY_SHAPES,
  azureIdentifiableKey,
  gitlabRoutableToken,
} from './support/checksummed-tokens.js';
import { seededRandom } from './support/leak-corpus.js';

const hex64 = (s: { p0: number; p1: number }) =>
  s.p1.toString(16).padStart(8, '0') + s.p0.toString(16).padStart(8, '0');

/** Replaces the character at `at` with a different character of the same alphabet. */
function mutate(value: string, at: number): string {
  const ch = value[at] as string;
  const next = /[0-9]/.test(ch) ? (ch === '7' ? '3' : '7') : ch === 'k' ? 'm' : 'k';
  return value.slice(0, at) + next + value.slice(at + 1);
}

describe('marvin32', () => {
  // SymCrypt lib/marvin32.c self-test vectors, and the cross-check vectors
  // microsoft/security-utilities runs (MarvinTests, MarvinShared).
  const cases: Array<[string, number, number, number[], string]> = [
    ['abc', 0xd53cd9ce, 0xcd0893b7, [...Buffer.from('abc')], '22c74339492769bf'],
    [
      'alphabet',
      0x0ddddeee,
      0xeffff000,
      [...Buffer.from('abcdefghijklmnopqrstuvwxyz')],
      'a128eb7e7260aca2',
    ],
    ['empty', 0x004fb61a, 0x001bdbcc, [], '30ed35c100cd3c7d'],
    ['1 byte', 0x004fb61a, 0x001bdbcc, [0xaf], '48e73fc77d75ddc1'],
    ['3 bytes', 0x004fb61a, 0x001bdbcc, [0x37, 0xf4, 0x95], 'f0b07c789b8cf7e8'],
    ['5 bytes', 0x004fb61a, 0x001bdbcc, [0x15, 0x3f, 0xb7, 0x98, 0x26], 'e6c08c6da2afa997'],
    [
      '7 bytes',
      0x804fb61a,
      0x001bdbcc,
      [0xab, 0x42, 0x7e, 0xa8, 0xd1, 0x0f, 0xc7],
      'e203987dba252fb3',
    ],
    [
      'high seed bits',
      0x804fb61a,
      0x801bdbcc,
      [0x00, 0xff, 0x00, 0xff, 0x00, 0xff, 0x00],
      '71876f2efb1b0ee8',
    ],
  ];
  it.each(cases)('matches the published vector (%s)', (_name, high, low, bytes, expected) => {
    expect(hex64(marvin32(Uint8Array.from(bytes), high, low))).toBe(expected);
  });

  it('hashes only the requested prefix of a buffer', () => {
    const data = Uint8Array.from([...Buffer.from('abc'), 1, 2, 3]);
    expect(hex64(marvin32(data, 0xd53cd9ce, 0xcd0893b7, 3))).toBe('22c74339492769bf');
  });
});

describe('Azure identifiable keys', () => {
  it('reads seed names as big-endian 64-bit numbers', () => {
    expect(azureSeed('Default0')).toEqual({ high: 0x44656661, low: 0x756c7430 });
    expect(() => azureSeed('short')).toThrow(/8 characters/);
  });

  for (const [type, shape] of Object.entries(AZURE_KEY_SHAPES)) {
    it(`finds a generated ${type} whole, and not once a character changes`, () => {
      const random = seededRandom(type.length * 31);
      for (let i = 0; i < 20; i++) {
        const key = azureIdentifiableKey(random, shape);
        const text = `ConnectionKey=${key};`;
        const [d, ...rest] = detectSecrets(text);
        expect(rest).toEqual([]);
        expect(d?.type).toBe(type);
        expect(text.slice(d?.start, d?.end)).toBe(key);
        expect(d?.signals).toContain('marvin32_checksum');
        // The random part and the checksum part both count.
        expect(detectSecrets(`ConnectionKey=${mutate(key, 5 + i)};`)).toEqual([]);
        const checksumAt = key.replace(/=+$/, '').length - 3;
        expect(detectSecrets(`ConnectionKey=${mutate(key, checksumAt)};`)).toEqual([]);
      }
    });
  }

  it('accepts every seed a key kind is issued under, and no other kind', () => {
    const random = seededRandom(99);
    for (const seed of AZURE_KEY_SEEDS.cosmosDb) {
      const key = azureIdentifiableKey(random, {
        ...AZURE_KEY_SHAPES['secret.azure_cosmosdb_key'],
        seed,
      });
      expect(hasValidAzureKeyChecksum('cosmosDb', key), seed).toBe(true);
    }
    const storageShapedWrongSeed = azureIdentifiableKey(random, {
      ...AZURE_KEY_SHAPES['secret.azure_storage_key'],
      seed: 'Send0000',
    });
    expect(hasValidAzureKeyChecksum('storage', storageShapedWrongSeed)).toBe(false);
    expect(detectSecrets(`key ${storageShapedWrongSeed}`)).toEqual([]);
  });

  it('covers every last character a 32-byte key can end with', () => {
    const random = seededRandom(5);
    const endings = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const key = azureIdentifiableKey(random, AZURE_KEY_SHAPES['secret.azure_service_bus_key']);
      endings.add(key.at(-2) as string);
      expect(detectSecrets(key)[0]?.type).toBe('secret.azure_service_bus_key');
    }
    expect(endings.size).toBeGreaterThan(4);
  });

  it('rejects shaped random text (the layout alone is not a finding)', () => {
    const shaped = `${'k9Xv2Lq8Rt4Wm6Pz1Nb5Hc7Jd3Fg0SaYeUiOpQ7w3Lx9Vb2Nm4Qr8Tz6Kp1Hd5Gf0Sj2AaBbCcDdEe'.slice(0, 76)}+AStAbCdEA==`;
    expect(shaped).toHaveLength(88);
    expect(detectSecrets(`the blob ${shaped} here`)).toEqual([]);
  });
});

describe('GitLab routable tokens', () => {
  // Published in gitlab-org/gitlab spec/lib/authn/token_field/decoders/v1/routable_payload_spec.rb.
  const PUBLISHED = 'glrtr-W5m1cHR6skC98Bx7XkuYjmM6MQpnOjgKbzpyegp0OjIQ.01.181uebm4k';

  it("verifies GitLab's own test token and rejects its broken twin", () => {
    expect(hasValidGitlabRoutableCrc(PUBLISHED)).toBe(true);
    expect(hasValidGitlabRoutableCrc(`${PUBLISHED.slice(0, -1)}l`)).toBe(false);
    const text = `the runner registered with ${PUBLISHED}.`;
    const [d] = detectSecrets(text);
    expect(d?.type).toBe('secret.gitlab_runner_token');
    expect(text.slice(d?.start, d?.end)).toBe(PUBLISHED);
    expect(d?.signals).toContain('gitlab_crc32');
    expect(detectSecrets(`registered with ${PUBLISHED.slice(0, -1)}l`)).toEqual([]);
  });

  it('finds generated routable tokens whole and drops one-character mutations', () => {
    const random = seededRandom(17);
    const prefixes: Array<[string, string]> = [
      ['glpat-', 'secret.gitlab_pat'],
      ['glrt-t1_', 'secret.gitlab_runner_token'],
      ['gldt-', 'secret.gitlab_deploy_token'],
      ['glft-', 'secret.gitlab_feed_token'],
    ];
    for (const [prefix, type] of prefixes) {
      for (let i = 0; i < 10; i++) {
        const token = gitlabRoutableToken(random, prefix, `o:${i}\nu:${i + 7}`);
        const text = `clone with ${token} today`;
        const [d, ...rest] = detectSecrets(text);
        expect(rest).toEqual([]);
        expect(d?.type).toBe(type);
        expect(text.slice(d?.start, d?.end)).toBe(token);
        expect(detectSecrets(`clone with ${mutate(token, prefix.length + 3 + i)}`)).toEqual([]);
        expect(detectSecrets(`clone with ${mutate(token, token.length - 1)}`)).toEqual([]);
      }
    }
  });

  it('verifies the earlier unversioned PAT form too', () => {
    const token = gitlabRoutableToken(seededRandom(3), 'glpat-', 'o:1', null);
    expect(token).not.toMatch(/\.01\./);
    expect(detectSecrets(`token ${token}`)[0]?.end).toBe(`token ${token}`.length);
    expect(detectSecrets(`token ${mutate(token, 9)}`)).toEqual([]);
  });

  it('includes an instance prefix that GitLab signed, and tolerates unsigned glue', () => {
    const signed = gitlabRoutableToken(seededRandom(4), 'acme-glpat-');
    const [d] = detectSecrets(`PAT=${signed}`);
    expect(d?.start).toBe(4);
    expect(d?.type).toBe('secret.gitlab_pat');
    const plain = gitlabRoutableToken(seededRandom(5), 'glpat-');
    const glued = `x-${plain}`;
    const [g] = detectSecrets(glued);
    expect(g?.end).toBe(glued.length);
  });

  it('keeps legacy tokens on layout alone, also at the end of a sentence', () => {
    const legacy = 'glpat-Zq3rT8vLx2Wm9Kp4Hs7B';
    const [d] = detectSecrets(`My token is ${legacy}.`);
    expect(d?.type).toBe('secret.gitlab_pat');
    expect(d?.end).toBe(`My token is ${legacy}`.length);
    expect(d?.signals).not.toContain('gitlab_crc32');
    expect(hasValidGitlabRoutableCrc(legacy)).toBe('unchecked');
  });
});
