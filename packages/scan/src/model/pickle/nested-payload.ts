import { BufferByteSource, SliceByteSource, type ByteSource } from '../byte-source.js';
import type { PickleValue } from './pickle-values.js';

/** A pickle hidden inside a value of another pickle. */
export interface NestedPayload {
  offset: number;
  encoding: 'bytes' | 'base64' | 'hex' | 'latin1';
  source: ByteSource;
}

const MAX_TEXT_DECODE = 64 << 20;

function looksLikePickleHeader(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x80 && (bytes[1] ?? 0) >= 1 && (bytes[1] ?? 0) <= 5;
}

// Linear scans over the text; no regular expressions on attacker data.
function isBase64(text: string): boolean {
  if (text.length < 12) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ok =
      (c >= 65 && c <= 90) ||
      (c >= 97 && c <= 122) ||
      (c >= 48 && c <= 57) ||
      c === 43 ||
      c === 47 ||
      c === 45 ||
      c === 95 ||
      c === 61 ||
      c === 10 ||
      c === 13;
    if (!ok) return false;
  }
  return true;
}

function isHex(text: string): boolean {
  if (text.length < 8 || text.length % 2 !== 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/**
 * Finds a nested pickle in a bytes or string value: raw bytes starting with a
 * PROTO opcode, or text that decodes (base64, hex, latin-1) to one.
 */
export function nestedPayloadOf(value: PickleValue, offset: number): NestedPayload | undefined {
  if (value.k === 'bytes') {
    if (!looksLikePickleHeader(value.head)) return undefined;
    return {
      offset,
      encoding: 'bytes',
      source: new SliceByteSource(value.source, value.offset, value.size),
    };
  }
  if (value.k !== 'str' || value.v.length > MAX_TEXT_DECODE) return undefined;
  const text = value.v;
  if (text.charCodeAt(0) === 0x80 && text.charCodeAt(1) >= 1 && text.charCodeAt(1) <= 5) {
    return {
      offset,
      encoding: 'latin1',
      source: new BufferByteSource(Buffer.from(text, 'latin1')),
    };
  }
  const trimmed = text.trim();
  if (isHex(trimmed)) {
    const bytes = Buffer.from(trimmed, 'hex');
    if (looksLikePickleHeader(bytes)) {
      return { offset, encoding: 'hex', source: new BufferByteSource(bytes) };
    }
  }
  if (isBase64(trimmed)) {
    const normalised = trimmed.replaceAll('-', '+').replaceAll('_', '/');
    const bytes = Buffer.from(normalised, 'base64');
    if (looksLikePickleHeader(bytes)) {
      return { offset, encoding: 'base64', source: new BufferByteSource(bytes) };
    }
  }
  return undefined;
}
