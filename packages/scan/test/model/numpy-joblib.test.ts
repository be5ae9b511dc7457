import { describe, expect, it } from 'vitest';
import { pickle } from './pickle-builder.js';
import { buildZip } from './archive-builders.js';
import { npy } from './format-builders.js';
import { evil } from './format-fixtures.js';
import { scanBytes } from './scan-helpers.js';

// NumPy .npy/.npz files and joblib array payloads inside pickle streams.

describe('joblib array payloads', () => {
  const wrapper = (tail: (b: ReturnType<typeof pickle>) => void) => {
    const b = pickle()
      .proto(4)
      .global('joblib.numpy_pickle', 'NumpyArrayWrapper')
      .emptyTuple()
      .newobj()
      .emptyDict()
      .mark()
      .unicode('subclass')
      .global('numpy', 'ndarray')
      .unicode('shape')
      .int(4)
      .tuple1()
      .unicode('order')
      .unicode('C')
      .unicode('dtype')
      .global('numpy', 'dtype')
      .unicode('f8')
      .raw(0x89, 0x88)
      .raw(0x87)
      .reduce()
      .unicode('allow_mmap')
      .raw(0x88)
      .unicode('numpy_array_alignment_bytes')
      .int(16)
      .setitems()
      .build()
      .raw(3, 0xff, 0xff, 0xff)
      .raw(...new Array(32).fill(0x63));
    tail(b);
    return b.build_();
  };
  it('benign joblib with raw array bytes is clean', async () => {
    expect(
      (
        await scanBytes(
          'm.joblib',
          wrapper((b) => b.stop()),
        )
      ).verdict,
    ).toBe('clean');
  });
  it('payload after the array bytes is found', async () => {
    const r = await scanBytes(
      'm.joblib',
      wrapper((b) => b.raw(0x30).callWith('os', 'system', 'id').stop()),
    );
    expect(r.verdict).toBe('malicious');
  });
});

describe('numpy', () => {
  it('float npy is clean; object npy with payload is malicious', async () => {
    expect((await scanBytes('a.npy', npy('<f8', new Uint8Array(24)))).verdict).toBe('clean');
    const r = await scanBytes('a.npy', npy('|O', evil()));
    expect(r.verdict).toBe('malicious');
  });
  it('npz member', async () => {
    const r = await scanBytes(
      'a.npz',
      buildZip([{ name: 'x.npy', data: npy('|O', evil()), deflate: true }]),
    );
    expect(r.format).toBe('npz');
    expect(r.verdict).toBe('malicious');
  });
});
