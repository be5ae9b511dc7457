import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanModelBytes } from '../../src/model/scan-model.js';
import { pickle, torchStateDict } from './pickle-builder.js';
import { buildTar, buildZip, gzip, torchZip } from './archive-builders.js';
import { gguf, npy, onnxModel, safetensors, savedModel } from './format-builders.js';

const evil = pickle().proto(2).callWith('os', 'system', 'id').stop().build_();

const fixtures: [string, Uint8Array][] = [
  ['data.pkl', torchStateDict()],
  ['evil.pkl', evil],
  ['model.pt', torchZip(torchStateDict(), 2)],
  ['evil.pt', torchZip(evil)],
  ['a.tar', buildTar([{ name: 'x.pkl', data: evil }])],
  ['a.tar.gz', gzip(buildTar([{ name: 'x.pt', data: torchZip(evil) }]))],
  ['a.zip', buildZip([{ name: 'x.pkl', data: evil, deflate: true }])],
  ['m.gguf', gguf({ 'tokenizer.chat_template': '{{ messages }}' })],
  ['m.safetensors', safetensors({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, 8)],
  ['m.onnx', onnxModel('w.bin')],
  ['saved_model.pb', savedModel(['Const', 'PyFunc'])],
  ['a.npy', npy('|O', evil)],
];

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: number[] };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    bit: fc.integer({ min: 0, max: 7 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('set' as const),
    at: fc.nat(),
    value: fc.constantFrom(0, 0xff, 0x7f, 0x80, 0x2e, 0x28),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 12 }),
  }),
);

function apply(bytes: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let out = Buffer.from(bytes);
  for (const m of mutations) {
    if (out.length === 0) break;
    const at = m.at % out.length;
    if (m.kind === 'flip') out[at] = (out[at] ?? 0) ^ (1 << m.bit);
    else if (m.kind === 'set') out[at] = m.value;
    else if (m.kind === 'truncate') out = out.subarray(0, at);
    else out = Buffer.concat([out.subarray(0, at), Buffer.from(m.bytes), out.subarray(at)]);
  }
  return out;
}

describe('parsers survive mutated fixtures', () => {
  for (const [name, bytes] of fixtures) {
    it(`${name}: no crash, hang or reasonless inconclusive`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (mutations) => {
          const report = await scanModelBytes(apply(bytes, mutations), name, {
            limits: { maxMemberBytes: 8 << 20 },
          });
          expect(['malicious', 'suspicious', 'clean', 'inconclusive']).toContain(report.verdict);
          if (report.verdict === 'inconclusive') {
            const reasons = report.issues.filter((i) => i.ruleId === 'model.scan-incomplete');
            expect(reasons.length).toBeGreaterThan(0);
            expect(reasons.every((r) => r.message.length > 0)).toBe(true);
            expect(reasons.every((r) => !r.message.includes('scan failed'))).toBe(true);
          }
        }),
        { numRuns: 60 },
      );
    });
  }
  it('truncating a malicious pickle anywhere after the REDUCE keeps it malicious', async () => {
    const reduceAt = evil.indexOf(0x52);
    for (let cut = reduceAt + 1; cut < evil.length; cut++) {
      expect((await scanModelBytes(evil.subarray(0, cut), 'evil.pkl')).verdict).toBe('malicious');
    }
  });
  it('truncated benign pickles are never clean', async () => {
    const benign = torchStateDict();
    for (let cut = 3; cut < benign.length - 1; cut += 7) {
      expect((await scanModelBytes(benign.subarray(0, cut), 'data.pkl')).verdict).not.toBe('clean');
    }
  });
  it('deep nesting of gzip layers ends inconclusive', async () => {
    let bytes: Uint8Array = evil;
    for (let i = 0; i < 10; i++) bytes = gzip(bytes);
    const report = await scanModelBytes(bytes, 'x.gz', { limits: { maxDepth: 4 } });
    expect(report.verdict).toBe('inconclusive');
  });
  it('huge declared zip entry counts are a limit, not an allocation', async () => {
    const zip = Buffer.from(buildZip([{ name: 'a', data: evil }]));
    zip.writeUInt16LE(0xfffe, zip.length - 12);
    const report = await scanModelBytes(zip, 'x.zip', { limits: { maxEntries: 1000 } });
    expect(report.verdict).toBe('inconclusive');
  });
});

describe('adversarial repetition stays bounded', () => {
  it('an HDF5 file full of unterminated config needles finishes', async () => {
    const sig = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);
    const needles = Buffer.from('{"class_name" '.repeat(200_000));
    const report = await scanModelBytes(Buffer.concat([sig, needles]), 'm.h5');
    expect(report.verdict).toBe('clean');
  });
  it('junk after STOP full of PROTO headers finishes', async () => {
    const junk = Buffer.alloc(1 << 20);
    for (let i = 0; i + 1 < junk.length; i += 2) {
      junk[i] = 0x80;
      junk[i + 1] = 0x04;
    }
    const report = await scanModelBytes(
      Buffer.concat([Buffer.from([0x80, 2, 0x7d, 0x2e, 0]), junk]),
      'x.pkl',
    );
    expect(report.verdict).toBe('clean');
  });
});
