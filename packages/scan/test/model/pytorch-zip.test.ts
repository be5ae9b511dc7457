import { describe, expect, it } from 'vitest';
import { pickle, torchStateDict } from './pickle-builder.js';
import { buildZip, torchZip } from './archive-builders.js';
import { evil, rules } from './format-fixtures.js';
import { scanBytes } from './scan-helpers.js';

// PyTorch zip/TorchScript/legacy checkpoints and zip container checks.

describe('PyTorch and zip containers', () => {
  it('benign torch zip is clean and skips tensor storages', async () => {
    const r = await scanBytes('model.pt', torchZip(torchStateDict(), 3));
    expect(r.format).toBe('pytorch');
    expect(r.verdict).toBe('clean');
    expect(r.members.filter((m) => m.format === 'tensor-data')).toHaveLength(3);
  });
  it('malicious data.pkl is reported with the member path', async () => {
    const r = await scanBytes('model.pt', torchZip(evil()));
    expect(r.verdict).toBe('malicious');
    expect(r.issues[0]?.member).toBe('archive/data.pkl');
  });
  it('deflated member, bad CRC and a corrupt sibling are tolerated and reported', async () => {
    const zip = buildZip([
      { name: 'archive/data.pkl', data: evil(), deflate: true, crc: 1234 },
      { name: 'archive/version', data: Buffer.from('3') },
    ]);
    const broken = Buffer.from(zip);
    // Corrupt the second local header signature.
    const second = broken.indexOf(Buffer.from('PK\x03\x04'), 4);
    broken[second] = 0;
    const r = await scanBytes('x.pt', broken);
    expect(r.verdict).toBe('malicious');
    expect(r.issues.filter((i) => i.ruleId === 'archive.anomaly').length).toBeGreaterThanOrEqual(2);
  });
  it('payload in a member not named .pkl is found (every member is sniffed)', async () => {
    const r = await scanBytes('x.zip', buildZip([{ name: 'weights/readme', data: evil() }]));
    expect(r.verdict).toBe('malicious');
  });
  it('local/central name mismatch is an anomaly and the central name is used', async () => {
    const r = await scanBytes(
      'x.pt',
      buildZip([
        { name: 'archive/data.pkl', localName: 'archive/other.pkl', data: torchStateDict() },
      ]),
    );
    expect(rules(r)).toContain('archive.anomaly');
    expect(r.verdict).toBe('clean');
  });
  it('zip-slip, absolute paths and symlinks are flagged', async () => {
    const r = await scanBytes(
      'x.zip',
      buildZip([
        { name: '../../etc/cron.d/x', data: Buffer.from('a') },
        { name: '/abs/path', data: Buffer.from('a') },
        { name: 'link', data: Buffer.from('/etc/passwd'), symlink: true },
      ]),
    );
    expect(rules(r).filter((x) => x === 'archive.path-traversal')).toHaveLength(2);
    expect(rules(r)).toContain('archive.symlink');
    expect(r.verdict).toBe('malicious');
  });
  it('a decompression bomb is flagged and inconclusive, not clean', async () => {
    const r = await scanBytes(
      'bomb.zip',
      buildZip([{ name: 'a.pkl', data: new Uint8Array(4 << 20), deflate: true }]),
      { limits: { maxMemberBytes: 1 << 20 } },
    );
    expect(rules(r)).toContain('archive.bomb');
    expect(rules(r)).toContain('model.scan-incomplete');
    expect(r.verdict).not.toBe('clean');
  });
  it('prefix before the zip (polyglot) is read and reported', async () => {
    const r = await scanBytes(
      'poly.pt',
      buildZip(
        [{ name: 'archive/data.pkl', data: evil() }],
        pickle().proto(2).emptyDict().stop().build_(),
      ),
    );
    expect(r.verdict).toBe('malicious');
    expect(rules(r)).toContain('archive.polyglot');
  });
  it('TorchScript archive constants.pkl is scanned', async () => {
    const r = await scanBytes(
      'ts.pt',
      buildZip([
        { name: 'ts/code/__torch__/m.py', data: Buffer.from('def forward(self):\n  return 1\n') },
        { name: 'ts/constants.pkl', data: evil() },
        { name: 'ts/data.pkl', data: torchStateDict() },
      ]),
    );
    expect(r.format).toBe('torchscript');
    expect(r.verdict).toBe('malicious');
  });
  it('legacy torch stacked pickles', async () => {
    const magic = pickle()
      .raw(0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19)
      .stop()
      .build_();
    const proto = pickle().proto(2).int(100).stop().build_();
    const sys = pickle().proto(2).emptyDict().stop().build_();
    const keys = pickle().proto(2).emptyList().stop().build_();
    const raw = new Uint8Array(64).fill(7);
    const benign = Buffer.concat([magic, proto, sys, torchStateDict(), keys, raw]);
    expect((await scanBytes('old.pt', benign)).verdict).toBe('clean');
    const bad = Buffer.concat([magic, proto, sys, evil(), keys, raw]);
    const r = await scanBytes('old.pt', bad);
    expect(r.format).toBe('pytorch-legacy');
    expect(r.verdict).toBe('malicious');
  });
  it('Lightning and OmegaConf checkpoint classes are allowed', async () => {
    const bytes = pickle()
      .proto(2)
      .global('pytorch_lightning.utilities.parsing', 'AttributeDict')
      .emptyTuple()
      .newobj()
      .emptyDict()
      .build()
      .stop()
      .build_();
    expect((await scanBytes('m.ckpt', bytes)).verdict).toBe('clean');
  });
  it('TorchScript data.pkl with __torch__ classes and jit helpers is clean', async () => {
    const data = pickle()
      .proto(2)
      .global('__torch__.torch.nn.modules.linear', 'Linear')
      .emptyTuple()
      .newobj()
      .emptyDict()
      .build()
      .global('torch.jit._pickle', 'build_intlist')
      .emptyList()
      .tuple1()
      .reduce()
      .raw(0x86)
      .stop()
      .build_();
    const r = await scanBytes(
      'ts.pt',
      buildZip([
        { name: 'ts/code/__torch__/m.py', data: Buffer.from('x') },
        { name: 'ts/data.pkl', data },
        { name: 'ts/constants.pkl', data: torchStateDict() },
      ]),
    );
    expect(r.verdict).toBe('clean');
  });
});
