import { describe, expect, it } from 'vitest';
import { safetensors } from './format-builders.js';
import { rules } from './format-fixtures.js';
import { scanBytes } from './scan-helpers.js';

// safetensors header validation.

describe('safetensors', () => {
  const ok = {
    __metadata__: { format: 'pt' },
    a: { dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] },
    b: { dtype: 'I64', shape: [1], data_offsets: [16, 24] },
  };
  it('valid header is clean', async () => {
    const r = await scanBytes('m.safetensors', safetensors(ok, 24));
    expect(r.format).toBe('safetensors');
    expect(r.verdict).toBe('clean');
  });
  const bad: [string, unknown, number][] = [
    [
      'overlap',
      {
        a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
        b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] },
      },
      12,
    ],
    ['shape mismatch', { a: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, 8],
    ['unknown dtype', { a: { dtype: 'PYOBJ', shape: [1], data_offsets: [0, 8] } }, 8],
    ['gap / no coverage', { a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, 100],
    [
      'metadata not string',
      { __metadata__: { x: 1 }, a: { dtype: 'U8', shape: [1], data_offsets: [0, 1] } },
      1,
    ],
    ['extra field', { a: { dtype: 'U8', shape: [1], data_offsets: [0, 1], code: 'x' } }, 1],
  ];
  for (const [label, header, len] of bad) {
    it(`${label} is suspicious`, async () => {
      const r = await scanBytes('m.safetensors', safetensors(header, len));
      expect(rules(r)).toContain('safetensors.invalid-header');
      expect(r.verdict).toBe('suspicious');
    });
  }
  it('header size beyond the file', async () => {
    const bytes = Buffer.from(safetensors(ok, 24));
    bytes.writeBigUInt64LE(10n ** 9n);
    expect((await scanBytes('m.safetensors', bytes)).verdict).toBe('suspicious');
  });
  it('sub-byte safetensors dtypes are sized in bits', async () => {
    expect(
      (
        await scanBytes(
          'm.safetensors',
          safetensors({ a: { dtype: 'F4', shape: [4], data_offsets: [0, 2] } }, 2),
        )
      ).verdict,
    ).toBe('clean');
  });
});
