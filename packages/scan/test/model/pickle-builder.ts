/**
 * A tiny pickle opcode writer for fixtures: tests build the exact byte
 * streams they need (protocols 0–5, tricks, broken streams) without Python.
 */
export class PickleBuilder {
  private readonly parts: number[] = [];

  raw(...bytes: number[]): this {
    this.parts.push(...bytes);
    return this;
  }
  text(value: string): this {
    for (const b of Buffer.from(value, 'latin1')) this.parts.push(b);
    return this;
  }
  proto(version: number): this {
    return this.raw(0x80, version);
  }
  global(module: string, name: string): this {
    return this.raw(0x63).text(`${module}\n${name}\n`);
  }
  inst(module: string, name: string): this {
    return this.raw(0x69).text(`${module}\n${name}\n`);
  }
  unicode(value: string): this {
    const bytes = Buffer.from(value, 'utf8');
    if (bytes.length < 256) return this.raw(0x8c, bytes.length, ...bytes);
    return this.raw(0x58, ...u32(bytes.length), ...bytes);
  }
  binunicode(value: string): this {
    const bytes = Buffer.from(value, 'utf8');
    return this.raw(0x58, ...u32(bytes.length), ...bytes);
  }
  string0(value: string): this {
    return this.raw(0x53).text(`'${value}'\n`);
  }
  bytes(value: Uint8Array): this {
    if (value.length < 256) return this.raw(0x43, value.length, ...value);
    return this.raw(0x42, ...u32(value.length), ...value);
  }
  stackGlobal(): this {
    return this.raw(0x93);
  }
  int(value: number): this {
    if (value >= 0 && value < 256) return this.raw(0x4b, value);
    return this.raw(0x4a, ...u32(value));
  }
  mark(): this {
    return this.raw(0x28);
  }
  tuple(): this {
    return this.raw(0x74);
  }
  tuple1(): this {
    return this.raw(0x85);
  }
  tuple2(): this {
    return this.raw(0x86);
  }
  emptyTuple(): this {
    return this.raw(0x29);
  }
  emptyDict(): this {
    return this.raw(0x7d);
  }
  emptyList(): this {
    return this.raw(0x5d);
  }
  reduce(): this {
    return this.raw(0x52);
  }
  build(): this {
    return this.raw(0x62);
  }
  newobj(): this {
    return this.raw(0x81);
  }
  setitem(): this {
    return this.raw(0x73);
  }
  setitems(): this {
    return this.raw(0x75);
  }
  binput(index: number): this {
    return this.raw(0x71, index);
  }
  binget(index: number): this {
    return this.raw(0x68, index);
  }
  memoize(): this {
    return this.raw(0x94);
  }
  none(): this {
    return this.raw(0x4e);
  }
  stop(): this {
    return this.raw(0x2e);
  }
  /** `module.name(arg)` with a string argument, as a `__reduce__` payload writes it. */
  callWith(module: string, name: string, arg: string): this {
    return this.global(module, name).unicode(arg).tuple1().reduce();
  }
  build_(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export function u32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

export function u64(value: number): number[] {
  const out = u32(value % 2 ** 32);
  return [...out, ...u32(Math.floor(value / 2 ** 32))];
}

export const pickle = () => new PickleBuilder();

/** A protocol-2 state_dict like `torch.save` writes into `archive/data.pkl`. */
export function torchStateDict(): Uint8Array {
  return pickle()
    .proto(2)
    .global('collections', 'OrderedDict')
    .emptyTuple()
    .reduce()
    .binput(0)
    .unicode('weight')
    .global('torch._utils', '_rebuild_tensor_v2')
    .mark()
    .mark()
    .unicode('storage')
    .global('torch', 'FloatStorage')
    .unicode('0')
    .unicode('cpu')
    .int(4)
    .tuple()
    .raw(0x51)
    .int(0)
    .int(2)
    .int(2)
    .tuple2()
    .int(2)
    .int(1)
    .tuple2()
    .raw(0x89)
    .global('collections', 'OrderedDict')
    .emptyTuple()
    .reduce()
    .tuple()
    .reduce()
    .setitem()
    .stop()
    .build_();
}
