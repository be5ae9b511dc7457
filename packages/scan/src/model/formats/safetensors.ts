import type { ByteSource } from '../byte-source.js';
import type { ModelIssue } from '../model-report.js';

/**
 * Strict safetensors header validation (huggingface/safetensors format
 * spec): 8-byte little-endian header size capped at 100 MB, a JSON object
 * whose entries have exactly dtype/shape/data_offsets, known dtypes,
 * `prod(shape) × dtype size = end − begin`, entries sorted, contiguous,
 * non-overlapping and covering the whole data section, and `__metadata__`
 * mapping strings to strings.
 */
/** Bits per element of every dtype the safetensors format defines (incl. sub-byte floats). */
export const SAFETENSORS_DTYPES: Readonly<Record<string, number>> = {
  BOOL: 8,
  U8: 8,
  I8: 8,
  F8_E5M2: 8,
  F8_E4M3: 8,
  F8_E8M0: 8,
  E8M0: 8,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  F64: 64,
  I64: 64,
  U64: 64,
  C64: 64,
};
const MAX_HEADER = 100_000_000;

export function safetensorsHeaderSize(source: ByteSource): number | undefined {
  const head = source.read(0, 9);
  if (head.length < 9 || head[8] !== 0x7b) return undefined;
  const size = Number(new DataView(head.buffer, head.byteOffset, 8).getBigUint64(0, true));
  return size;
}

export function scanSafetensors(source: ByteSource, member: string | undefined): ModelIssue[] {
  const problems: string[] = [];
  const size = safetensorsHeaderSize(source) ?? 0;
  if (size > MAX_HEADER) problems.push(`header size ${size} exceeds 100 MB`);
  else if (8 + size > source.size) problems.push(`header size ${size} exceeds the file`);
  else {
    let header: unknown;
    try {
      header = JSON.parse(Buffer.from(source.read(8, size)).toString('utf8'));
    } catch {
      problems.push('header is not valid JSON');
    }
    if (header !== undefined) validate(header, source.size - 8 - size, problems);
  }
  return problems.slice(0, 10).map((problem) => {
    const issue: ModelIssue = {
      ruleId: 'safetensors.invalid-header',
      severity: 'medium',
      message: `safetensors header: ${problem}`,
      evidence: problem.slice(0, 200),
    };
    return member === undefined ? issue : { ...issue, member };
  });
}

function validate(header: unknown, dataSize: number, problems: string[]): void {
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    problems.push('header is not a JSON object');
    return;
  }
  const ranges: [number, number, string][] = [];
  for (const [name, entry] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
        problems.push('__metadata__ is not an object');
      else
        for (const [k, v] of Object.entries(entry))
          if (typeof v !== 'string') problems.push(`__metadata__.${k} is not a string`);
      continue;
    }
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push(`tensor ${name} is not an object`);
      continue;
    }
    const record = entry as Record<string, unknown>;
    const extra = Object.keys(record).filter(
      (k) => !['dtype', 'shape', 'data_offsets'].includes(k),
    );
    if (extra.length > 0) problems.push(`tensor ${name} has unknown fields ${extra.join(', ')}`);
    const itemBits =
      typeof record['dtype'] === 'string' ? SAFETENSORS_DTYPES[record['dtype']] : undefined;
    if (itemBits === undefined)
      problems.push(`tensor ${name} has unknown dtype ${String(record['dtype'])}`);
    const shape = record['shape'];
    const offsets = record['data_offsets'];
    const isCount = (v: unknown): v is number =>
      typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
    if (!Array.isArray(shape) || !shape.every(isCount)) {
      problems.push(`tensor ${name} has an invalid shape`);
      continue;
    }
    const [begin, end] = Array.isArray(offsets) && offsets.length === 2 ? offsets : [];
    if (!isCount(begin) || !isCount(end) || begin > end) {
      problems.push(`tensor ${name} has invalid data_offsets`);
      continue;
    }
    const elements = shape.reduce((a, b) => a * b, 1);
    const bytes = itemBits === undefined ? undefined : Math.ceil((elements * itemBits) / 8);
    if (bytes !== undefined && bytes !== end - begin) {
      problems.push(
        `tensor ${name}: shape × dtype is ${bytes} bytes but data_offsets span ${end - begin}`,
      );
    }
    ranges.push([begin, end, name]);
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let cursor = 0;
  for (const [begin, end, name] of ranges) {
    if (begin < cursor) problems.push(`tensor ${name} overlaps the previous tensor`);
    else if (begin > cursor) problems.push(`gap of ${begin - cursor} bytes before tensor ${name}`);
    cursor = Math.max(cursor, end);
  }
  if (cursor !== dataSize)
    problems.push(`tensors cover ${cursor} bytes but the data section has ${dataSize}`);
}
