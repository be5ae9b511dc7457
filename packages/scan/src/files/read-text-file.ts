import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import { join } from 'node:path';
import type { RunNotice } from '@bulwark/core';

/** Default per-file size cap for parsing source (minified bundles above it are skipped). */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

export type ReadTextResult =
  | { ok: true; text: string; bytes: number }
  | { ok: false; notice: RunNotice | undefined; reason: 'too-large' | 'binary' | 'unreadable' };

/**
 * Reads a file as UTF-8 text with a size cap and a binary check (a NUL byte
 * in the first 8 KiB). Never throws: problems come back as notices.
 */
export function readTextFile(
  root: string,
  rel: string,
  maxBytes = DEFAULT_MAX_FILE_BYTES,
  warnBinary = false,
): ReadTextResult {
  let fd: number | undefined;
  try {
    fd = openSync(join(root, rel), 'r');
    const size = fstatSync(fd).size;
    if (size > maxBytes) {
      return {
        ok: false,
        reason: 'too-large',
        notice: {
          level: 'warning',
          message: `File skipped: ${size} bytes exceeds the ${maxBytes}-byte limit`,
          path: rel,
        },
      };
    }
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    const head = buffer.subarray(0, Math.min(read, 8192));
    if (head.includes(0)) {
      return {
        ok: false,
        reason: 'binary',
        notice: warnBinary
          ? {
              level: 'warning',
              message: 'File skipped: binary content in a source file',
              path: rel,
            }
          : undefined,
      };
    }
    return { ok: true, text: buffer.toString('utf8', 0, read), bytes: read };
  } catch (error) {
    return {
      ok: false,
      reason: 'unreadable',
      notice: {
        level: 'warning',
        message: `File skipped: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`,
        path: rel,
      },
    };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
