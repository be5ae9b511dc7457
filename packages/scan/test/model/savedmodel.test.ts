import { describe, expect, it } from 'vitest';
import { savedModel } from './format-builders.js';
import { scanBytes } from './scan-helpers.js';

// TensorFlow SavedModel protobuf graphs.

describe('TensorFlow SavedModel', () => {
  it('PyFunc / ReadFile ops are flagged, checkpoint ops are not', async () => {
    expect(
      (await scanBytes('saved_model.pb', savedModel(['Const', 'MatMul', 'SaveV2', 'RestoreV2'])))
        .verdict,
    ).toBe('clean');
    expect((await scanBytes('saved_model.pb', savedModel(['Const', 'PyFunc']))).verdict).toBe(
      'malicious',
    );
    expect((await scanBytes('saved_model.pb', savedModel(['ReadFile'], true))).verdict).toBe(
      'malicious',
    );
  });
  it('malformed protobuf is inconclusive', async () => {
    expect(
      (await scanBytes('saved_model.pb', Uint8Array.from([0x12, 0xff, 0x01, 0x00]))).verdict,
    ).toBe('inconclusive');
  });
});
