/**
 * Minimal protobuf wire-format reader (protobuf.dev/programming-guides/encoding):
 * varints, fixed32/64 and length-delimited fields. Group wire types are
 * rejected. Every read is bounds-checked; nothing is allocated beyond
 * subarray views.
 */
export interface WireField {
  field: number;
  wire: 0 | 1 | 2 | 5;
  /** Varint / fixed value (wire 0, 1, 5); 0 for length-delimited. */
  value: number;
  /** Payload of a length-delimited field. */
  bytes: Uint8Array;
}

export class WireError extends Error {}

const EMPTY = new Uint8Array(0);

export function* wireFields(buffer: Uint8Array): Generator<WireField> {
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= buffer.length) throw new WireError('truncated varint');
      const b = buffer[pos++] ?? 0;
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
    }
    throw new WireError('varint longer than 10 bytes');
  };
  while (pos < buffer.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 0) throw new WireError('field number 0');
    switch (wire) {
      case 0:
        yield { field, wire, value: varint(), bytes: EMPTY };
        break;
      case 1:
        if (pos + 8 > buffer.length) throw new WireError('truncated fixed64');
        pos += 8;
        yield { field, wire, value: 0, bytes: EMPTY };
        break;
      case 5:
        if (pos + 4 > buffer.length) throw new WireError('truncated fixed32');
        pos += 4;
        yield { field, wire, value: 0, bytes: EMPTY };
        break;
      case 2: {
        const length = varint();
        if (pos + length > buffer.length)
          throw new WireError(`length ${length} runs past the message`);
        yield { field, wire, value: 0, bytes: buffer.subarray(pos, pos + length) };
        pos += length;
        break;
      }
      default:
        throw new WireError(`unsupported wire type ${wire}`);
    }
  }
}

export function utf8(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('utf8');
}
