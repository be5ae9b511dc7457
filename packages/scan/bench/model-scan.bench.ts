import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { fmt, markdownTable, type BenchSuite } from '../../../scripts/bench-kit.js';

/**
 * Model scanning on large benign artifacts, each scanned in a child process
 * that reports its own wall time and peak RSS: a 1.5 GiB PyTorch zip
 * checkpoint (stored tensor entries), a 1 GiB raw pickle full of arrays, and
 * SHA-256 hashing of the checkpoint (`--hash`).
 */
const root = new URL('../../../', import.meta.url).pathname;
const bundle = join(root, 'packages/scan/dist/index.js');
const child = new URL('./model-scan-child.mjs', import.meta.url).pathname;
const CHUNK = 64 << 20;

function le(n: number, bytes: 2 | 4): Buffer {
  const b = Buffer.alloc(bytes);
  if (bytes === 2) b.writeUInt16LE(n);
  else b.writeUInt32LE(n >>> 0);
  return b;
}

function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}

function stateDictPickle(tensors: number): Buffer {
  const parts: Buffer[] = [
    Buffer.from('\x80\x02ccollections\nOrderedDict\nq\x00)Rq\x01', 'latin1'),
  ];
  for (let i = 0; i < tensors; i++) {
    const key = Buffer.from(`layer.${i}.weight`);
    const id = Buffer.from(String(i));
    parts.push(
      Buffer.from([0x8c, key.length]),
      key,
      Buffer.from(
        'ctorch._utils\n_rebuild_tensor_v2\n((X\x07\x00\x00\x00storagectorch\nFloatStorage\n',
        'latin1',
      ),
      Buffer.from([0x8c, id.length]),
      id,
      Buffer.from('X\x03\x00\x00\x00cpu', 'latin1'),
      Buffer.from([0x4a, ...le(CHUNK / 4, 4)]),
      Buffer.from('tQK\x00J', 'latin1'),
      le(CHUNK / 4, 4),
      Buffer.from('\x85K\x01\x85\x89ccollections\nOrderedDict\n)RtRs', 'latin1'),
    );
  }
  parts.push(Buffer.from('.'));
  return Buffer.concat(parts);
}

/** Writes a PyTorch-style zip with `count` stored 64 MiB tensor entries (zip64 when needed). */
function writeTorchZip(path: string, count: number): void {
  const fd = openSync(path, 'w');
  const data = Buffer.alloc(CHUNK);
  for (let i = 0; i < data.length; i += 4) data.writeFloatLE(Math.sin(i), i);
  const chunkCrc = crc32(data);
  const central: Buffer[] = [];
  let offset = 0;
  const add = (name: string, body: Buffer | null, size: number, crc: number) => {
    const nameBytes = Buffer.from(name);
    const zip64 = Buffer.concat([le(1, 2), le(16, 2), u64(size), u64(size)]);
    const local = Buffer.concat([
      le(0x04034b50, 4),
      le(45, 2),
      le(0, 2),
      le(0, 2),
      le(0, 2),
      le(0, 2),
      le(crc, 4),
      le(0xffffffff, 4),
      le(0xffffffff, 4),
      le(nameBytes.length, 2),
      le(zip64.length, 2),
      nameBytes,
      zip64,
    ]);
    writeSync(fd, local);
    if (body !== null) writeSync(fd, body);
    else writeSync(fd, data);
    const centralZip64 = Buffer.concat([le(1, 2), le(24, 2), u64(size), u64(size), u64(offset)]);
    central.push(
      Buffer.concat([
        le(0x02014b50, 4),
        le(45, 2),
        le(45, 2),
        le(0, 2),
        le(0, 2),
        le(0, 2),
        le(0, 2),
        le(crc, 4),
        le(0xffffffff, 4),
        le(0xffffffff, 4),
        le(nameBytes.length, 2),
        le(centralZip64.length, 2),
        le(0, 2),
        le(0, 2),
        le(0, 2),
        le(0, 4),
        le(0xffffffff, 4),
        nameBytes,
        centralZip64,
      ]),
    );
    offset += local.length + size;
  };
  const pkl = stateDictPickle(count);
  add('archive/data.pkl', pkl, pkl.length, crc32(pkl));
  add('archive/byteorder', Buffer.from('little'), 6, crc32(Buffer.from('little')));
  for (let i = 0; i < count; i++) add(`archive/data/${i}`, null, CHUNK, chunkCrc);
  add('archive/version', Buffer.from('3\n'), 2, crc32(Buffer.from('3\n')));
  const cd = Buffer.concat(central);
  writeSync(fd, cd);
  const cdOffset = offset;
  const zip64End = Buffer.concat([
    le(0x06064b50, 4),
    u64(44),
    le(45, 2),
    le(45, 2),
    le(0, 4),
    le(0, 4),
    u64(central.length),
    u64(central.length),
    u64(cd.length),
    u64(cdOffset),
  ]);
  writeSync(fd, zip64End);
  writeSync(fd, Buffer.concat([le(0x07064b50, 4), le(0, 4), u64(cdOffset + cd.length), le(1, 4)]));
  writeSync(
    fd,
    Buffer.concat([
      le(0x06054b50, 4),
      le(0, 2),
      le(0, 2),
      le(0xffff, 2),
      le(0xffff, 2),
      le(0xffffffff, 4),
      le(0xffffffff, 4),
      le(0, 2),
    ]),
  );
  closeSync(fd);
}

/** Writes a protocol-4 pickle: a list of numpy arrays whose data are BINBYTES8 payloads. */
function writeArrayPickle(path: string, count: number): void {
  const fd = openSync(path, 'w');
  const data = Buffer.alloc(CHUNK, 0x3f);
  writeSync(fd, Buffer.from('\x80\x04]\x94(', 'latin1'));
  for (let i = 0; i < count; i++) {
    writeSync(
      fd,
      Buffer.from(
        '\x8c\x15numpy.core.multiarray\x94\x8c\x0c_reconstruct\x94\x93\x94\x8c\x05numpy\x94\x8c\x07ndarray\x94\x93\x94K\x00\x85\x94C\x01b\x94\x87\x94R\x94(K\x01J',
        'latin1',
      ),
    );
    writeSync(fd, le(CHUNK / 8, 4));
    writeSync(
      fd,
      Buffer.from(
        '\x85\x94\x8c\x05numpy\x94\x8c\x05dtype\x94\x93\x94\x8c\x02f8\x94\x89\x88\x87\x94R\x94\x89\x8e',
        'latin1',
      ),
    );
    writeSync(fd, u64(CHUNK));
    writeSync(fd, data);
    writeSync(fd, Buffer.from('t\x94b', 'latin1'));
  }
  writeSync(fd, Buffer.from('e.', 'latin1'));
  closeSync(fd);
}

function measure(
  file: string,
  hash: boolean,
): { ms: number; maxRssMb: number; verdict: string; format: string } {
  const run = spawnSync(process.execPath, [child, bundle, file, hash ? 'hash' : ''], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (run.status !== 0) throw new Error(`scan child failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as {
    ms: number;
    maxRssMb: number;
    verdict: string;
    format: string;
  };
}

const suite: BenchSuite = {
  name: 'scan-model',
  title: 'Scan: model artifacts (large benign files)',
  async run() {
    if (!existsSync(bundle))
      spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-bench-model-'));
    try {
      const zipPath = join(dir, 'checkpoint.pt');
      const picklePath = join(dir, 'arrays.pkl');
      writeTorchZip(zipPath, 24);
      writeArrayPickle(picklePath, 16);
      const rows: (string | number)[][] = [];
      for (const [label, path, hash] of [
        ['PyTorch zip checkpoint, 24 stored tensors', zipPath, false],
        ['raw pickle of numpy arrays (BINBYTES8)', picklePath, false],
        ['PyTorch zip checkpoint with --hash (SHA-256)', zipPath, true],
      ] as const) {
        const size = statSync(path).size;
        const runs = [measure(path, hash), measure(path, hash), measure(path, hash)];
        const best = runs.reduce((a, b) => (a.ms <= b.ms ? a : b));
        const peak = Math.max(...runs.map((r) => r.maxRssMb));
        rows.push([
          label,
          fmt(size / 2 ** 30, 2),
          best.format,
          best.verdict,
          fmt(best.ms / 1000, 3),
          fmt(size / 1e6 / (best.ms / 1000), 0),
          fmt(peak, 0),
        ]);
      }
      // End to end through the CLI binary: Node start-up and module loading included.
      const cli = join(root, 'packages/cli/bin/bulwark.js');
      const walls: number[] = [];
      for (let i = 0; i < 3; i++) {
        const started = process.hrtime.bigint();
        spawnSync(process.execPath, [cli, 'scan', 'model', zipPath, '--format', 'json'], {
          encoding: 'utf8',
        });
        walls.push(Number(process.hrtime.bigint() - started) / 1e9);
      }
      const size = statSync(zipPath).size;
      rows.push([
        '`bulwark scan model checkpoint.pt --format json` (whole CLI process)',
        fmt(size / 2 ** 30, 2),
        'pytorch',
        'clean',
        fmt(Math.min(...walls), 3),
        fmt(size / 1e6 / Math.min(...walls), 0),
        '—',
      ]);
      return [
        markdownTable(
          [
            'artifact',
            'GiB',
            'format',
            'verdict',
            'wall s (best of 3)',
            'MB/s',
            'peak RSS MB (child)',
          ],
          rows,
        ),
        '',
        'Each scan runs in a fresh child process (`packages/scan/bench/model-scan-child.mjs`, built bundle) that reports its own wall time and `maxRSS`; file creation is not timed. Tensor payloads are never read: zip tensor storages are skipped by name after the central directory is parsed, pickle BINBYTES8 payloads are skipped by length. The machine is shared (2 cores), so numbers are noisy; page cache is warm after the first run.',
      ].join('\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default suite;
