import { describe, expect, it } from 'vitest';
import { BufferByteSource } from '../../src/model/byte-source.js';
import { scanPickle } from '../../src/model/pickle/scan-pickle.js';
import { analysePickle } from '../../src/model/pickle/pickle-vm.js';
import { verdictOf } from '../../src/model/model-report.js';
import { pickle, torchStateDict } from './pickle-builder.js';

const verdict = (bytes: Uint8Array) =>
  verdictOf(scanPickle(new BufferByteSource(bytes), undefined));
const issues = (bytes: Uint8Array) => scanPickle(new BufferByteSource(bytes), undefined);

describe('pickle VM: benign', () => {
  it('a torch state_dict is clean', () => {
    expect(issues(torchStateDict())).toEqual([]);
  });
  it('plain protocol-0 data is clean', () => {
    const bytes = pickle().raw(0x28).text("S'a'\nI1\n").raw(0x64).stop().build_();
    expect(verdict(bytes)).toBe('clean');
  });
  it('numpy reconstruct with bytes state is clean', () => {
    const bytes = pickle()
      .proto(2)
      .global('numpy.core.multiarray', '_reconstruct')
      .global('numpy', 'ndarray')
      .int(0)
      .tuple1()
      .raw(0x43, 1, 0x62)
      .raw(0x87)
      .reduce()
      .mark()
      .int(1)
      .int(3)
      .tuple1()
      .global('numpy', 'dtype')
      .unicode('f8')
      .raw(0x89, 0x88)
      .raw(0x87)
      .reduce()
      .raw(0x89)
      .bytes(new Uint8Array(24))
      .tuple()
      .build()
      .stop()
      .build_();
    expect(issues(bytes)).toEqual([]);
  });
});

describe('pickle VM: malicious techniques', () => {
  for (const protocol of [0, 1, 2, 3, 4, 5]) {
    it(`os.system via GLOBAL+REDUCE, protocol ${protocol}`, () => {
      const b = pickle();
      if (protocol >= 2) b.proto(protocol);
      b.global('os', 'system').mark().string0('id').tuple().reduce().stop();
      expect(verdict(b.build_())).toBe('malicious');
      expect(issues(b.build_())[0]?.message).toContain('os.system');
    });
  }
  it('posix.system via STACK_GLOBAL with memoised names', () => {
    const bytes = pickle()
      .proto(4)
      .unicode('posix')
      .memoize()
      .unicode('system')
      .memoize()
      .stackGlobal()
      .unicode('id')
      .tuple1()
      .reduce()
      .stop()
      .build_();
    expect(verdict(bytes)).toBe('malicious');
  });
  it('memo tricks: name stored then fetched via BINGET', () => {
    const bytes = pickle()
      .proto(4)
      .unicode('builtins')
      .binput(1)
      .raw(0x30)
      .unicode('exec')
      .binput(2)
      .raw(0x30)
      .binget(1)
      .binget(2)
      .stackGlobal()
      .unicode('print(1)')
      .tuple1()
      .reduce()
      .stop()
      .build_();
    expect(issues(bytes).some((i) => i.message.includes('builtins.exec'))).toBe(true);
  });
  it('dotted attribute chain builtins.eval.__call__', () => {
    const bytes = pickle()
      .proto(4)
      .unicode('builtins')
      .unicode('eval.__call__')
      .stackGlobal()
      .unicode('1')
      .tuple1()
      .reduce()
      .stop()
      .build_();
    expect(verdict(bytes)).toBe('malicious');
  });
  it('getattr resolution names the attribute', () => {
    const bytes = pickle()
      .proto(2)
      .global('builtins', 'getattr')
      .global('collections', 'OrderedDict')
      .unicode('fromkeys')
      .tuple2()
      .reduce()
      .stop()
      .build_();
    expect(issues(bytes).some((i) => i.message.includes('getattr'))).toBe(true);
  });
  it('INST and OBJ opcodes count as calls', () => {
    const inst = pickle().mark().string0('id').inst('subprocess', 'getoutput').stop().build_();
    expect(verdict(inst)).toBe('malicious');
    const obj = pickle()
      .proto(1)
      .mark()
      .global('mymod', 'Runner')
      .string0('x')
      .raw(0x6f)
      .stop()
      .build_();
    expect(issues(obj)[0]?.ruleId).toBe('pickle.unsafe-call');
  });
  it('unknown callable called is malicious, imported only is suspicious', () => {
    const called = pickle().proto(2).callWith('evil_pkg.tools', 'run', 'x').stop().build_();
    expect(verdict(called)).toBe('malicious');
    const imported = pickle().proto(2).global('evil_pkg.tools', 'Thing').stop().build_();
    expect(verdict(imported)).toBe('suspicious');
  });
  it('NEWOBJ of an unknown class is suspicious', () => {
    const bytes = pickle()
      .proto(2)
      .global('__main__', 'Net')
      .emptyTuple()
      .newobj()
      .emptyDict()
      .build()
      .stop()
      .build_();
    expect(verdict(bytes)).toBe('suspicious');
  });
  it('EXT opcodes are suspicious', () => {
    const bytes = pickle().proto(2).raw(0x82, 7).emptyTuple().newobj().stop().build_();
    expect(verdict(bytes)).not.toBe('clean');
  });
  it('payload then truncated stream (nullifAI) is still malicious', () => {
    const bytes = pickle().proto(2).callWith('os', 'system', 'id').raw(0x58, 0xff, 0xff).build_();
    expect(verdict(bytes)).toBe('malicious');
  });
  it('payload after a benign STOP is found', () => {
    const bytes = pickle()
      .proto(2)
      .emptyDict()
      .stop()
      .proto(2)
      .callWith('os', 'system', 'id')
      .stop()
      .build_();
    expect(verdict(bytes)).toBe('malicious');
  });
  it('multiple pickles: second one malicious in protocol 0', () => {
    const bytes = pickle()
      .raw(0x4e)
      .stop()
      .global('os', 'system')
      .mark()
      .string0('id')
      .tuple()
      .reduce()
      .stop()
      .build_();
    expect(verdict(bytes)).toBe('malicious');
  });
  it('nested pickle in bytes, base64 and hex arguments', () => {
    const inner = pickle().proto(2).callWith('os', 'system', 'id').stop().build_();
    const asBytes = pickle()
      .proto(3)
      .global('pickle', 'loads')
      .bytes(inner)
      .tuple1()
      .reduce()
      .stop()
      .build_();
    expect(issues(asBytes).filter((i) => i.message.startsWith('nested')).length).toBeGreaterThan(0);
    const b64 = pickle()
      .proto(2)
      .global('mod', 'Holder')
      .unicode(Buffer.from(inner).toString('base64'))
      .tuple1()
      .newobj()
      .stop()
      .build_();
    expect(verdict(b64)).toBe('malicious');
    const hex = pickle()
      .proto(2)
      .global('mod', 'Holder')
      .unicode(Buffer.from(inner).toString('hex'))
      .tuple1()
      .newobj()
      .stop()
      .build_();
    expect(verdict(hex)).toBe('malicious');
  });
  it('computed STACK_GLOBAL names are flagged', () => {
    const bytes = pickle()
      .proto(4)
      .global('builtins', 'str')
      .unicode('o')
      .tuple1()
      .reduce()
      .unicode('system')
      .stackGlobal()
      .unicode('id')
      .tuple1()
      .reduce()
      .stop()
      .build_();
    expect(verdict(bytes)).toBe('malicious');
  });
  it('marshal + types.FunctionType is named', () => {
    const bytes = pickle()
      .proto(2)
      .global('types', 'FunctionType')
      .global('marshal', 'loads')
      .bytes(new Uint8Array([0xe3, 0, 0]))
      .tuple1()
      .reduce()
      .emptyDict()
      .tuple2()
      .reduce()
      .emptyTuple()
      .reduce()
      .stop()
      .build_();
    const found = issues(bytes)
      .map((i) => i.message)
      .join('\n');
    expect(found).toContain('marshal.loads');
    expect(found).toContain('types.FunctionType');
  });
});

describe('pickle VM: robustness', () => {
  it('garbage is inconclusive with a reason', () => {
    const result = issues(new Uint8Array([0x80, 0x02, 0xff, 0xfe]));
    expect(verdictOf(result)).toBe('inconclusive');
    expect(result[0]?.message).toContain('unknown opcode');
  });
  it('unsupported protocol is an error', () => {
    expect(
      analysePickle(new BufferByteSource(new Uint8Array([0x80, 9, 0x2e]))).error?.message,
    ).toContain('protocol');
  });
  it('huge lying lengths do not allocate', () => {
    const bytes = pickle().proto(4).raw(0x8e, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f, 0).build_();
    expect(verdict(bytes)).toBe('inconclusive');
  });
  it('opcode budget is a safety limit', () => {
    const b = pickle().proto(2);
    for (let i = 0; i < 100; i++) b.none().raw(0x30);
    const result = scanPickle(new BufferByteSource(b.stop().build_()), undefined, { maxOps: 50 });
    expect(verdictOf(result)).toBe('inconclusive');
  });
});

describe('pickle VM: hidden pickles after junk', () => {
  it('a payload after junk that follows STOP is found', () => {
    const payload = pickle().proto(2).callWith('os', 'system', 'id').stop().build_();
    const bytes = Uint8Array.from([
      ...pickle().proto(2).emptyDict().stop().build_(),
      0xde,
      0xad,
      0xbe,
      0xef,
      ...payload,
    ]);
    expect(verdict(bytes)).toBe('malicious');
  });
  it('random junk after STOP stays clean', () => {
    const junk = Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
    const bytes = Uint8Array.from([
      ...pickle().proto(2).emptyDict().stop().build_(),
      0x00,
      ...junk,
      0x80,
      0x02,
      0xff,
    ]);
    expect(verdict(bytes)).toBe('clean');
  });
});
