import type { ByteSource } from '../byte-source.js';
import type { ModelIssue } from '../model-report.js';
import { scanChatTemplate } from './chat-template.js';

/**
 * GGUF reader (ggml `docs/gguf.md`, versions 1–3): header, every metadata
 * key/value with bounds checks, and tensor-count sanity. Templates under
 * `tokenizer.chat_template*` go to the Jinja checks.
 */
export type GgufResult =
  | { ok: true; issues: ModelIssue[]; keys: Map<string, string | number> }
  | { ok: false; reason: string };

const MAX_STRING = 64 << 20;
const MAX_KV = 1_000_000;
const SIZES: Record<number, number> = {
  0: 1,
  1: 1,
  2: 2,
  3: 2,
  4: 4,
  5: 4,
  6: 4,
  7: 1,
  10: 8,
  11: 8,
  12: 8,
};

class GgufError extends Error {}

export function scanGguf(source: ByteSource, member: string | undefined): GgufResult {
  let pos = 0;
  const take = (n: number): Uint8Array => {
    if (n < 0 || pos + n > source.size)
      throw new GgufError(`truncated at offset ${pos} (needed ${n} bytes)`);
    const out = source.read(pos, n);
    pos += n;
    return out;
  };
  const dv = (n: number) => {
    const b = take(n);
    return new DataView(b.buffer, b.byteOffset, n);
  };
  const u32 = () => dv(4).getUint32(0, true);
  const u64 = () => {
    const v = dv(8).getBigUint64(0, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER))
      throw new GgufError(`implausible count at offset ${pos - 8}`);
    return Number(v);
  };
  try {
    if (Buffer.from(take(4)).toString('latin1') !== 'GGUF')
      return { ok: false, reason: 'not a GGUF file' };
    const version = u32();
    if (version < 1 || version > 3)
      return { ok: false, reason: `unsupported GGUF version ${version}` };
    const count = version === 1 ? u32 : u64;
    const str = (): string => {
      const n = count();
      if (n > MAX_STRING)
        throw new GgufError(`string of ${n} bytes at offset ${pos} exceeds the limit`);
      return Buffer.from(take(n)).toString('utf8');
    };
    const tensorCount = count();
    const kvCount = count();
    const issues: ModelIssue[] = [];
    const push = (issue: ModelIssue) =>
      issues.push(member === undefined ? issue : { ...issue, member });
    if (kvCount > MAX_KV || kvCount * 13 > source.size) {
      push({
        ruleId: 'gguf.structure',
        severity: 'medium',
        message: `header declares ${kvCount} metadata entries, more than the file can hold`,
        evidence: `kv_count=${kvCount}`,
      });
      return { ok: true, issues, keys: new Map() };
    }
    if (tensorCount * 24 > source.size) {
      push({
        ruleId: 'gguf.structure',
        severity: 'medium',
        message: `header declares ${tensorCount} tensors, more than the file can hold`,
        evidence: `tensor_count=${tensorCount}`,
      });
    }
    const keys = new Map<string, string | number>();
    const value = (type: number, depth: number): string | number | undefined => {
      if (type === 8) return str();
      if (type === 9) {
        if (depth > 2) throw new GgufError('arrays nested deeper than the limit');
        const itemType = u32();
        const n = count();
        const minSize = itemType === 8 ? (version === 1 ? 4 : 8) : (SIZES[itemType] ?? 1);
        if (n * minSize > source.size - pos)
          throw new GgufError(`array of ${n} items at offset ${pos} exceeds the file`);
        const fixed = SIZES[itemType];
        if (fixed !== undefined) take(n * fixed);
        else for (let i = 0; i < n; i++) value(itemType, depth + 1);
        return n;
      }
      const size = SIZES[type];
      if (size === undefined) throw new GgufError(`unknown metadata type ${type} at offset ${pos}`);
      const b = take(size);
      return size === 4 && type !== 6
        ? new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true)
        : 0;
    };
    for (let i = 0; i < kvCount; i++) {
      const key = str();
      const type = u32();
      const v = value(type, 0);
      if (v !== undefined && keys.size < 4096)
        keys.set(key, typeof v === 'string' ? v.slice(0, 256) : v);
      if (key.startsWith('tokenizer.chat_template') && typeof v === 'string') {
        for (const issue of scanChatTemplate(v, key, member)) push(issue);
      } else if (typeof v === 'string' && key.includes('template')) {
        for (const issue of scanChatTemplate(v, key, member)) push(issue);
      }
    }
    return { ok: true, issues, keys };
  } catch (error) {
    if (error instanceof GgufError) return { ok: false, reason: `GGUF ${error.message}` };
    throw error;
  }
}
