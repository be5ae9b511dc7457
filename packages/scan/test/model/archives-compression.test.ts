import { describe, expect, it } from 'vitest';
import { bzip2, xz } from './bzip2-fixture.js';
import { deflateSync } from 'node:zlib';
import { pickle, torchStateDict } from './pickle-builder.js';
import { buildTar, gzip, torchZip } from './archive-builders.js';
import { lz4Frame, lz4FrameCompressed } from './format-builders.js';
import { evil, rules } from './format-fixtures.js';
import { scanBytes } from './scan-helpers.js';
import { build7z } from './seven-zip-builder.js';

// Tar, 7z and compression wrappers (gzip, zlib, lz4, bzip2, xz, LZMA-alone, joblib ZF) around pickles.

describe('archives and compression wrappers', () => {
  it('tar.gz holding a zip holding a pickle (nesting)', async () => {
    const inner = torchZip(evil());
    const r = await scanBytes(
      'bundle.tar.gz',
      gzip(buildTar([{ name: 'models/model.pt', data: inner }])),
    );
    expect(r.verdict).toBe('malicious');
    expect(r.issues[0]?.member).toBe('bundle.tar!/models/model.pt!/archive/data.pkl');
  });
  it('tar symlink and traversal', async () => {
    const r = await scanBytes(
      'x.tar',
      buildTar([
        { name: 'a', link: '../../etc/passwd' },
        { name: 'ok.pkl', data: torchStateDict() },
      ]),
    );
    expect(rules(r)).toContain('archive.path-traversal');
  });
  it('legacy torch tar layout', async () => {
    const r = await scanBytes(
      'old.tar',
      buildTar([
        { name: 'sys_info', data: pickle().proto(2).emptyDict().stop().build_() },
        { name: 'pickle', data: evil() },
        { name: 'storages', data: pickle().proto(2).int(0).stop().build_() },
      ]),
    );
    expect(r.format).toBe('pytorch-tar');
    expect(r.verdict).toBe('malicious');
  });
  it('joblib zlib, gzip, lz4 and bzip2 wrappers', async () => {
    expect((await scanBytes('m.joblib', deflateSync(evil()))).verdict).toBe('malicious');
    expect((await scanBytes('m.joblib', gzip(evil()))).verdict).toBe('malicious');
    expect((await scanBytes('m.joblib', lz4Frame(evil()))).verdict).toBe('malicious');
    expect((await scanBytes('m.joblib', lz4FrameCompressed(evil()))).verdict).toBe('malicious');
    expect((await scanBytes('m.joblib', bzip2())).verdict).toBe('malicious');
    expect((await scanBytes('m.pkl.xz', xz())).verdict).toBe('malicious');
    expect((await scanBytes('ok.joblib', gzip(torchStateDict()))).verdict).toBe('clean');
  });
  it('old joblib ZF zfile', async () => {
    const body = deflateSync(evil());
    const header = Buffer.from(`ZF0x${body.length.toString(16)}`.padEnd(20, ' '));
    expect((await scanBytes('m.pkl.z', Buffer.concat([header, body]))).verdict).toBe('malicious');
  });
  it('a broken 7z is inconclusive, never clean', async () => {
    const r = await scanBytes('m.7z', Uint8Array.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]));
    expect(r.verdict).toBe('inconclusive');
  });
  it('7z members are extracted and scanned', async () => {
    const bad = await build7z({
      'models/model.pt': torchZip(evil()),
      'README.md': Buffer.from('# hi'),
    });
    const r = await scanBytes('m.7z', bad);
    expect(r.format).toBe('7z');
    expect(r.verdict).toBe('malicious');
    expect(r.issues[0]?.member).toBe('models/model.pt!/archive/data.pkl');
    const ok = await build7z({ 'model.pt': torchZip(torchStateDict()) });
    expect((await scanBytes('ok.7z', ok)).verdict).toBe('clean');
  });
  it('7z over the expansion limit is a bomb', async () => {
    const big = await build7z({ 'zeros.bin': new Uint8Array(2 << 20) });
    const r = await scanBytes('b.7z', big, { limits: { maxMemberBytes: 1 << 20 } });
    expect(r.issues.map((i) => i.ruleId)).toContain('archive.bomb');
    expect(r.verdict).not.toBe('clean');
  });
  it('LZMA-alone (joblib lzma) payloads are decompressed and scanned', async () => {
    const { compress } = (await import('lzma')) as unknown as {
      compress(input: number[], mode: number): number[];
    };
    const packed = Uint8Array.from(compress(Array.from(evil()), 1), (b) => b & 0xff);
    expect((await scanBytes('m.joblib', packed)).verdict).toBe('malicious');
  });
  it('a broken LZMA-alone stream is inconclusive, never clean', async () => {
    const head = Uint8Array.from([
      0x5d, 0, 0, 0x80, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x01, 0x02,
    ]);
    expect((await scanBytes('m.joblib', head)).verdict).toBe('inconclusive');
  });
});
