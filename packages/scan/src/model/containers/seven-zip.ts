import type { ByteSource } from '../byte-source.js';

/**
 * 7z archives through 7-Zip compiled to WebAssembly (7z-wasm, in-memory
 * file system, no native code). The listing (`7zz l -slt`) is read first so
 * declared sizes are checked against the limits before anything is
 * extracted; entries are then extracted into the wasm memory file system.
 */
export interface SevenZipEntry {
  name: string;
  size: number;
  isDirectory: boolean;
  isSymlink: boolean;
  bytes: Uint8Array | undefined;
}

export type SevenZipResult =
  { ok: true; entries: SevenZipEntry[] } | { ok: false; reason: string; limit: boolean };

interface SevenZipFs {
  writeFile(path: string, data: Uint8Array): void;
  readFile(path: string): Uint8Array;
}
interface SevenZipModule {
  FS: SevenZipFs;
  callMain(args: string[]): number;
}
type Factory = (options: {
  print(line: string): void;
  printErr(line: string): void;
}) => Promise<SevenZipModule>;

function parseListing(
  lines: readonly string[],
): { name: string; size: number; isDirectory: boolean; isSymlink: boolean }[] {
  const entries: { name: string; size: number; isDirectory: boolean; isSymlink: boolean }[] = [];
  let current: Record<string, string> | undefined;
  let started = false;
  const flush = () => {
    const path = current?.['Path'];
    if (current !== undefined && path !== undefined) {
      const attributes = current['Attributes'] ?? '';
      entries.push({
        name: path,
        size: Number(current['Size'] ?? '0') || 0,
        isDirectory: current['Folder'] === '+' || attributes.startsWith('D'),
        isSymlink: attributes.includes(' l') || (current['Symbolic Link'] ?? '') !== '',
      });
    }
    current = undefined;
  };
  for (const line of lines) {
    if (line.startsWith('----------')) {
      started = true;
      continue;
    }
    if (!started) continue;
    if (line.trim() === '') {
      flush();
      continue;
    }
    const eq = line.indexOf(' = ');
    if (eq < 0) continue;
    current ??= {};
    current[line.slice(0, eq)] = line.slice(eq + 3);
  }
  flush();
  return entries;
}

async function runSevenZip(
  input: Uint8Array,
  args: (archive: string) => string[],
  module?: SevenZipModule,
): Promise<{ module: SevenZipModule; code: number; lines: string[] }> {
  const lines: string[] = [];
  const factory = ((await import('7z-wasm')) as unknown as { default: Factory }).default;
  const sz =
    module ?? (await factory({ print: (line) => lines.push(line), printErr: () => undefined }));
  if (module === undefined) sz.FS.writeFile('/archive.7z', input);
  const saved = process.exitCode;
  let code: number;
  try {
    code = sz.callMain(args('/archive.7z'));
  } finally {
    process.exitCode = saved;
  }
  return { module: sz, code, lines };
}

export async function readSevenZip(
  source: ByteSource,
  limits: { maxEntries: number; maxTotalBytes: number; maxMemberBytes: number },
): Promise<SevenZipResult> {
  try {
    const input = source.read(0, source.size);
    const listing = await runSevenZip(input, (archive) => ['l', '-slt', '-p', archive]);
    if (listing.code !== 0)
      return {
        ok: false,
        reason: `7z archive is corrupt or encrypted (7-Zip exit ${listing.code})`,
        limit: false,
      };
    const listed = parseListing(listing.lines);
    if (listed.length > limits.maxEntries)
      return {
        ok: false,
        reason: `7z archive has ${listed.length} entries, over the limit`,
        limit: true,
      };
    const total = listed.reduce((sum, e) => sum + e.size, 0);
    const largest = listed.reduce((max, e) => Math.max(max, e.size), 0);
    if (total > limits.maxTotalBytes || largest > limits.maxMemberBytes) {
      return {
        ok: false,
        reason: `7z archive expands to ${total} bytes, over the decompression limits (safety limit)`,
        limit: true,
      };
    }
    const extracted = await runSevenZip(
      input,
      (archive) => ['x', archive, '-o/out', '-y', '-p', '-snl'],
      listing.module,
    );
    if (extracted.code !== 0)
      return {
        ok: false,
        reason: `7z extraction failed (7-Zip exit ${extracted.code})`,
        limit: false,
      };
    return {
      ok: true,
      entries: listed.map((e) => {
        let bytes: Uint8Array | undefined;
        if (!e.isDirectory && !e.isSymlink) {
          try {
            bytes = listing.module.FS.readFile(`/out/${e.name}`);
          } catch {
            bytes = undefined;
          }
        }
        return { ...e, bytes };
      }),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `7z could not be read: ${message.slice(0, 200)}`, limit: false };
  }
}
