import { describe, expect, it } from 'vitest';
import { detectSecrets, SECRET_RULES } from '../src/index.js';
import { hasValidBech32, hasValidCrc32Base62, classifyPemBlock } from '../src/secrets/checksums.js';
import {
  privateKeyPem,
  SECRET_HARD_NEGATIVES,
  secretSamples,
  seededRandom,
  tokenFactories,
} from './support/leak-corpus.js';

describe('SECRET_RULES', () => {
  it('lists at least 60 prefixed formats with unique dotted ids', () => {
    const ids = SECRET_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(SECRET_RULES.filter((r) => r.prefixed).length).toBeGreaterThanOrEqual(60);
    for (const rule of SECRET_RULES) expect(rule.id).toMatch(/^secret\.[a-z0-9_]+$/);
  });

  it('has a generator-backed positive for every regex rule', () => {
    const factories = tokenFactories(seededRandom(7));
    const generic = new Set([
      'secret.private_key',
      'secret.authorization_header',
      'secret.password_assignment',
      'secret.generic_secret',
      'secret.aws_secret_access_key',
      'secret.url_credentials',
    ]);
    for (const rule of SECRET_RULES) {
      if (!generic.has(rule.id)) expect(Object.keys(factories)).toContain(rule.id);
    }
  });
});

describe('detectSecrets', () => {
  it('finds every labelled secret with the whole span and the right type', () => {
    for (const sample of secretSamples(11, 4)) {
      const found = detectSecrets(sample.text);
      for (const span of sample.spans) {
        const hit = found.find((d) => d.start <= span.start && d.end >= span.end);
        expect(hit, `${span.type} in ${sample.text.slice(0, 60)}`).toBeDefined();
        expect(hit?.type).toBe(span.type);
        // Whole-span coverage with no over-reach beyond the secret.
        expect(hit?.end).toBe(span.end);
      }
    }
  });

  it('stays quiet on placeholders, examples, hashes, UUIDs, SRI, data URIs and bad checksums', () => {
    for (const text of SECRET_HARD_NEGATIVES) {
      expect(detectSecrets(text), text).toEqual([]);
    }
  });

  it('never echoes the secret in the message', () => {
    const token = tokenFactories(seededRandom(3))['secret.github_token']?.() ?? '';
    const [d] = detectSecrets(`token ${token}`);
    expect(d?.message).not.toContain(token);
    expect(d?.message).not.toContain(token.slice(4, 12));
    expect(d?.category).toBe('secret');
    expect(d?.detector).toBe('secrets');
  });

  it('rejects a GitHub/npm token whose CRC32 checksum is wrong', () => {
    const token = tokenFactories(seededRandom(5))['secret.npm_token']?.() ?? '';
    expect(hasValidCrc32Base62(token)).toBe(true);
    const broken = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(hasValidCrc32Base62(broken)).toBe(false);
    expect(detectSecrets(broken)).toEqual([]);
  });

  it('checks the bech32 checksum of age keys', () => {
    const key = tokenFactories(seededRandom(9))['secret.age_secret_key']?.() ?? '';
    expect(hasValidBech32(key)).toBe(true);
    const broken = key.slice(0, -1) + (key.endsWith('Q') ? 'P' : 'Q');
    expect(hasValidBech32(broken)).toBe(false);
    expect(detectSecrets(broken)).toEqual([]);
  });

  it('requires JWT structure (JSON header with alg)', () => {
    const fake = 'eyJub3Rqc29uIiwib2s.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl';
    expect(detectSecrets(fake)).toEqual([]);
  });

  it('covers whole PEM blocks, real and JSON-escaped, and parses them', () => {
    const pem = privateKeyPem();
    expect(classifyPemBlock(pem)).toBe('parsed');
    const text = `before\n${pem}\nafter`;
    const [d] = detectSecrets(text);
    expect(text.slice(d?.start, d?.end)).toBe(pem);
    expect(d?.signals).toContain('pem_parsed');
    const escaped = pem.replace(/\n/g, '\\n');
    const json = `{"private_key":"${escaped}\\n"}`;
    const [e] = detectSecrets(json);
    expect(json.slice(e?.start, e?.end)).toBe(escaped);
  });

  it('finds generic credentials by context', () => {
    const cases: Array<[string, string, string]> = [
      [
        'Authorization: Bearer 8f2Hq9LmX4vB7nK1pR3sT6wY0zA5cD',
        'secret.authorization_header',
        'Bearer 8f2Hq9LmX4vB7nK1pR3sT6wY0zA5cD',
      ],
      [
        `Authorization: Basic ${Buffer.from('admin:Sup3rS3cret!').toString('base64')}`,
        'secret.authorization_header',
        `Basic ${Buffer.from('admin:Sup3rS3cret!').toString('base64')}`,
      ],
      ['DB_PASSWORD=hunter2x9', 'secret.password_assignment', 'hunter2x9'],
      ['"password": "p@ssW0rd!23"', 'secret.password_assignment', 'p@ssW0rd!23'],
      ["db_password := 'Qz8!mL2#vR'", 'secret.password_assignment', 'Qz8!mL2#vR'],
      [
        '2026-01-01 WARN login failed user=bob password=Winter2026! ip=10.0.0.1',
        'secret.password_assignment',
        'Winter2026!',
      ],
      [
        'mysql://root:Pa55word-xyz@10.1.2.3:3306/app',
        'secret.url_credentials',
        'mysql://root:Pa55word-xyz@10.1.2.3:3306',
      ],
      ['api_key = "q8Zr4Tx1Lw9Pm2Vn6Bc3Jd5K"', 'secret.generic_secret', 'q8Zr4Tx1Lw9Pm2Vn6Bc3Jd5K'],
      ['FYI my password is: Sup3rS3cret!.', 'secret.password_assignment', 'Sup3rS3cret!'],
      [
        'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz==;EndpointSuffix=core.windows.net',
        'secret.generic_secret',
        'Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz==',
      ],
    ];
    for (const [text, type, value] of cases) {
      const found = detectSecrets(text);
      expect(
        found.map((d) => d.type),
        text,
      ).toEqual([type]);
      expect(text.slice(found[0]?.start, found[0]?.end)).toBe(value);
    }
  });

  it('reports overlapping rules once, typed by the most specific rule', () => {
    const token = tokenFactories(seededRandom(4))['secret.github_token']?.() ?? '';
    const found = detectSecrets(`GITHUB_TOKEN="${token}"`);
    expect(found).toHaveLength(1);
    expect(found[0]?.type).toBe('secret.github_token');
  });
});
