import { BufferByteSource, type ByteSource } from '../byte-source.js';
import { childPath, incomplete, report, type ScanContext } from '../scan-context.js';
import { decompress } from './decompress.js';
import { memberNameProblem } from './member-name.js';
import { readSevenZip } from './seven-zip.js';
import { readTar } from './tar-reader.js';
import { crcMatches, entryRawSource, readZip, type ZipEntry } from './zip-reader.js';

export type ScanSourceFn = (
  source: ByteSource,
  member: string | undefined,
  name: string,
  depth: number,
  ctx: ScanContext,
) => Promise<string>;

const MAX_CRC_CHECK = 64 << 20;

/** PyTorch tensor storages (`archive/data/0`, `.data/serialization_id` excluded). */
function isTensorStorage(name: string): boolean {
  const slash = name.lastIndexOf('/');
  const dir = name.slice(0, slash);
  const base = name.slice(slash + 1);
  return (
    (dir.endsWith('/data') || dir === 'data') &&
    base.length > 0 &&
    [...base].every((c) => c >= '0' && c <= '9')
  );
}

function zipKind(names: readonly string[]): string {
  const has = (suffix: string) => names.some((n) => n === suffix || n.endsWith(`/${suffix}`));
  if (has('constants.pkl') || names.some((n) => n.includes('/code/__torch__')))
    return 'torchscript';
  if (has('data.pkl')) return 'pytorch';
  if (
    names.includes('config.json') &&
    (names.includes('model.weights.h5') || names.includes('metadata.json'))
  )
    return 'keras';
  if (names.length > 0 && names.every((n) => n.endsWith('.npy') || n.endsWith('/'))) return 'npz';
  return 'zip';
}

/**
 * Checks a zip or 7z member's name and kind; returns its display path when it
 * holds data to scan, or undefined for directories and symbolic links (which
 * are reported, never followed).
 */
function admitMember(
  ctx: ScanContext,
  member: string | undefined,
  entry: { name: string; isSymlink: boolean; isDirectory: boolean },
): string | undefined {
  const memberPath = childPath(member, entry.name);
  checkName(ctx, memberPath, entry.name);
  if (entry.isSymlink) {
    report(
      ctx,
      memberPath,
      'archive.symlink',
      'medium',
      `member ${JSON.stringify(entry.name)} is a symbolic link`,
      entry.name,
    );
    return undefined;
  }
  return entry.isDirectory ? undefined : memberPath;
}

function checkName(ctx: ScanContext, memberPath: string, name: string): void {
  const problem = memberNameProblem(name);
  if (problem !== undefined) {
    report(
      ctx,
      memberPath,
      'archive.path-traversal',
      'high',
      `member name ${JSON.stringify(name.slice(0, 200))} ${problem === 'absolute' ? 'is an absolute path' : 'escapes the extraction directory'}`,
      name.slice(0, 200),
    );
  }
}

/** Scans every member of a zip or tar container, reporting structural anomalies. */
export async function scanArchiveMembers(
  kind: 'zip' | 'tar' | '7z',
  source: ByteSource,
  member: string | undefined,
  _name: string,
  depth: number,
  ctx: ScanContext,
  scanSource: ScanSourceFn,
): Promise<string> {
  if (kind === '7z') return scanSevenZip(source, member, depth, ctx, scanSource);
  return kind === 'zip'
    ? scanZip(source, member, depth, ctx, scanSource)
    : scanTar(source, member, depth, ctx, scanSource);
}

async function scanZip(
  source: ByteSource,
  member: string | undefined,
  depth: number,
  ctx: ScanContext,
  scanSource: ScanSourceFn,
): Promise<string> {
  const result = readZip(source, ctx.limits.maxEntries);
  if (!result.ok) {
    incomplete(ctx, member, `zip: ${result.reason}`);
    return 'zip';
  }
  const { entries, anomalies } = result.listing;
  for (const anomaly of anomalies)
    report(ctx, member, 'archive.anomaly', 'low', `zip: ${anomaly}`, anomaly.slice(0, 200));
  const kind = zipKind(entries.map((e) => e.name));
  for (const entry of entries) {
    const memberPath = admitMember(ctx, member, entry);
    if (memberPath === undefined) continue;
    if ((kind === 'pytorch' || kind === 'torchscript') && isTensorStorage(entry.name)) {
      ctx.members.push({ path: memberPath, format: 'tensor-data' });
      continue;
    }
    const content = await openEntry(source, entry, memberPath, ctx);
    if (content === undefined) continue;
    const format = await scanSource(content, memberPath, entry.name, depth + 1, ctx);
    ctx.members.push({ path: memberPath, format });
  }
  return kind;
}

async function openEntry(
  source: ByteSource,
  entry: ZipEntry,
  memberPath: string,
  ctx: ScanContext,
): Promise<ByteSource | undefined> {
  const raw = entryRawSource(source, entry);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) {
      report(
        ctx,
        memberPath,
        'archive.anomaly',
        'low',
        'stored member sizes disagree between headers',
        `${entry.compressedSize}/${entry.size}`,
      );
    }
    if (raw.size <= MAX_CRC_CHECK && !crcMatches(entry, raw.read(0, raw.size))) {
      report(
        ctx,
        memberPath,
        'archive.anomaly',
        'low',
        'CRC-32 mismatch (loaders that ignore CRCs still read it)',
        `crc ${entry.crc.toString(16)}`,
      );
    }
    return raw;
  }
  if (entry.method !== 8) {
    incomplete(ctx, memberPath, `compression method ${entry.method} is not supported`);
    return undefined;
  }
  const ratio = entry.size / Math.max(1, entry.compressedSize);
  const budget = Math.max(
    0,
    Math.min(ctx.limits.maxMemberBytes, ctx.limits.maxTotalBytes - ctx.expandedBytes),
  );
  if (entry.size > budget || (ratio > ctx.limits.maxRatio && entry.size > 16 << 20)) {
    report(
      ctx,
      memberPath,
      'archive.bomb',
      'high',
      `member declares ${entry.size} bytes from ${entry.compressedSize} compressed (ratio ${Math.round(ratio)})`,
      `ratio ${Math.round(ratio)}`,
    );
    incomplete(ctx, memberPath, 'member exceeds the decompression limits (safety limit)');
    return undefined;
  }
  if (entry.compressedSize > ctx.limits.maxMemberBytes) {
    incomplete(ctx, memberPath, 'compressed member exceeds the in-memory limit (safety limit)');
    return undefined;
  }
  // Declared sizes can lie: cap the real output at the budget too.
  const result = await decompress('deflate-raw', raw.read(0, raw.size), Math.max(1, budget));
  if (!result.ok) {
    if (result.limit)
      report(
        ctx,
        memberPath,
        'archive.bomb',
        'high',
        'member expands beyond the decompression limits',
        'inflate limit',
      );
    incomplete(ctx, memberPath, result.reason);
    return undefined;
  }
  ctx.expandedBytes += result.bytes.length;
  if (result.bytes.length !== entry.size) {
    report(
      ctx,
      memberPath,
      'archive.anomaly',
      'low',
      `member inflates to ${result.bytes.length} bytes, headers say ${entry.size}`,
      'size mismatch',
    );
  }
  if (!crcMatches(entry, result.bytes)) {
    report(
      ctx,
      memberPath,
      'archive.anomaly',
      'low',
      'CRC-32 mismatch (loaders that ignore CRCs still read it)',
      `crc ${entry.crc.toString(16)}`,
    );
  }
  return new BufferByteSource(result.bytes);
}

async function scanTar(
  source: ByteSource,
  member: string | undefined,
  depth: number,
  ctx: ScanContext,
  scanSource: ScanSourceFn,
): Promise<string> {
  const result = readTar(source, ctx.limits.maxEntries);
  if (!result.ok) {
    incomplete(ctx, member, `tar: ${result.reason}`);
    return 'tar';
  }
  for (const anomaly of result.anomalies)
    report(ctx, member, 'archive.anomaly', 'low', `tar: ${anomaly}`, anomaly.slice(0, 200));
  const names = result.entries.map((e) => e.name);
  const kind = names.includes('pickle') && names.includes('storages') ? 'pytorch-tar' : 'tar';
  for (const entry of result.entries) {
    const memberPath = childPath(member, entry.name);
    checkName(ctx, memberPath, entry.name);
    if (entry.type === 'symlink' || entry.type === 'hardlink') {
      const target = memberNameProblem(entry.linkName) !== undefined ? ' outside the archive' : '';
      report(
        ctx,
        memberPath,
        target === '' ? 'archive.symlink' : 'archive.path-traversal',
        target === '' ? 'medium' : 'high',
        `member ${JSON.stringify(entry.name)} is a ${entry.type} to ${JSON.stringify(entry.linkName.slice(0, 200))}${target}`,
        `${entry.name} -> ${entry.linkName.slice(0, 200)}`,
      );
      continue;
    }
    if (entry.type !== 'file') continue;
    const format = await scanSource(entry.source, memberPath, entry.name, depth + 1, ctx);
    ctx.members.push({ path: memberPath, format });
  }
  return kind;
}

async function scanSevenZip(
  source: ByteSource,
  member: string | undefined,
  depth: number,
  ctx: ScanContext,
  scanSource: ScanSourceFn,
): Promise<string> {
  if (source.size > ctx.limits.maxMemberBytes) {
    incomplete(ctx, member, '7z archive exceeds the in-memory limit (safety limit)');
    return '7z';
  }
  const budget = Math.max(0, ctx.limits.maxTotalBytes - ctx.expandedBytes);
  const result = await readSevenZip(source, {
    maxEntries: ctx.limits.maxEntries,
    maxTotalBytes: budget,
    maxMemberBytes: ctx.limits.maxMemberBytes,
  });
  if (!result.ok) {
    if (result.limit)
      report(ctx, member, 'archive.bomb', 'high', `7z: ${result.reason}`, '7z limits');
    incomplete(ctx, member, result.reason);
    return '7z';
  }
  for (const entry of result.entries) {
    const memberPath = admitMember(ctx, member, entry);
    if (memberPath === undefined) continue;
    if (entry.bytes === undefined) {
      incomplete(ctx, memberPath, 'member could not be extracted');
      continue;
    }
    ctx.expandedBytes += entry.bytes.length;
    const format = await scanSource(
      new BufferByteSource(entry.bytes),
      memberPath,
      entry.name,
      depth + 1,
      ctx,
    );
    ctx.members.push({ path: memberPath, format });
  }
  return '7z';
}
