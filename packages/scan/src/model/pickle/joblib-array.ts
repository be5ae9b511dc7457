import type { ByteSource } from '../byte-source.js';
import type { PickleValue } from './pickle-values.js';

/**
 * joblib writes numpy array bytes straight into the pickle stream right after
 * the BUILD of a `NumpyArrayWrapper` (joblib/numpy_pickle.py,
 * `NumpyArrayWrapper.write_array`): an optional alignment byte plus padding,
 * then `prod(shape) * itemsize` raw bytes, or for object arrays a complete
 * nested pickle. This computes where the pickle stream resumes.
 */
export type JoblibSkip =
  { ok: true; end: number; inlinePickle?: boolean } | { ok: false; reason: string };

function entry(state: PickleValue, key: string): PickleValue | undefined {
  if (state.k !== 'dict') return undefined;
  for (const [k, v] of state.entries) if (k.k === 'str' && k.v === key) return v;
  return undefined;
}

/** numpy dtype string (`<f8`, `i4`, `U10`, `?`) → item size in bytes. */
export function itemSizeOf(dtype: string): number | undefined {
  const body = dtype.replace(/^[<>|=]/, '');
  if (body === '?' || body === 'b' || body === 'B') return 1;
  const kind = body[0] ?? '';
  const digits = body.slice(1).replace(/\[.*$/, '');
  const count = digits === '' ? Number.NaN : Number(digits);
  if (!Number.isInteger(count) || count <= 0) return undefined;
  if (kind === 'U') return count * 4;
  if ('fiucbSVMmaq'.includes(kind)) return count;
  return undefined;
}

function dtypeString(dtype: PickleValue | undefined): string | undefined {
  if (dtype === undefined) return undefined;
  if (dtype.k === 'str') return dtype.v;
  if (dtype.k === 'call' && dtype.args.k === 'seq') {
    const first = dtype.args.items[0];
    if (first?.k === 'str') return first.v;
  }
  return undefined;
}

export function skipJoblibArray(
  source: ByteSource,
  position: number,
  state: PickleValue,
): JoblibSkip {
  const dtype = dtypeString(entry(state, 'dtype'));
  const shape = entry(state, 'shape');
  if (dtype === undefined || shape?.k !== 'seq') {
    return { ok: false, reason: 'joblib array wrapper without a readable dtype or shape' };
  }
  if (dtype.includes('O')) {
    return { ok: true, end: position, inlinePickle: true };
  }
  let count = 1;
  for (const dim of shape.items) {
    if (dim.k !== 'scalar' || typeof dim.v !== 'number' || dim.v < 0) {
      return { ok: false, reason: 'joblib array wrapper with a non-integer shape' };
    }
    count *= dim.v;
  }
  const itemSize = itemSizeOf(dtype);
  if (itemSize === undefined)
    return { ok: false, reason: `joblib array with unsupported dtype ${dtype}` };
  let pos = position;
  const alignment = entry(state, 'numpy_array_alignment_bytes');
  if (alignment !== undefined && !(alignment.k === 'scalar' && alignment.v === null)) {
    const padding = source.read(pos, 1)[0];
    if (padding === undefined) return { ok: false, reason: 'truncated joblib array padding' };
    pos += 1 + padding;
  }
  const end = pos + count * itemSize;
  if (!Number.isSafeInteger(end) || end > source.size) {
    return { ok: false, reason: 'truncated joblib array data' };
  }
  return { ok: true, end };
}
