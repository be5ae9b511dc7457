import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { BulwarkError } from '@bulwark/core';

/** One non-blank line of a JSONL file with its 1-based line number. */
export interface NumberedLine {
  line: number;
  text: string;
}

/**
 * Reads a JSONL file (or stdin for `-`) line by line without loading it
 * whole; blank lines are skipped (they carry no row), every other line is
 * yielded with its number so errors can point at it.
 */
export async function* readJsonlLines(
  path: string,
  stdin: NodeJS.ReadableStream,
): AsyncGenerator<NumberedLine> {
  const stream: NodeJS.ReadableStream =
    path === '-' ? stdin : createReadStream(path, { encoding: 'utf8' });
  const failure = new Promise<never>((_, reject) => {
    stream.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new BulwarkError(
          error.code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
          `Cannot read ${path}: ${error.code ?? error.message}`,
          { hint: 'check the path passed to --input/--eval' },
        ),
      );
    });
  });
  failure.catch(() => undefined);
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  let number = 0;
  for (;;) {
    const next = await Promise.race([iterator.next(), failure]);
    if (next.done) return;
    number++;
    const text = next.value.replace(/^\uFEFF/, '');
    if (text.trim() !== '') yield { line: number, text };
  }
}

/** Parses one JSONL line as an object, or returns why it is malformed. */
export function parseObjectLine(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      reason: `invalid JSON (${error instanceof Error ? error.message : 'parse error'})`,
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'expected a JSON object' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
