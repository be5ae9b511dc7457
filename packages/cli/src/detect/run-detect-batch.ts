import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { BulwarkError } from '@bulwark/core';
import type { Guard } from '@bulwark/detect';
import type { CliContext } from '../cli-io.js';
import { parseEvalRow, parseInputRow } from './detect-rows.js';
import { detectionRecord } from './format-detect.js';
import { readJsonlLines } from './jsonl-lines.js';
import { computeEvalReport, type EvalOutcome, type EvalReport } from '@bulwark/detect';

/** Where batch output lines go: --output FILE or stdout. */
interface LineSink {
  write(line: string): Promise<void>;
  close(): Promise<void>;
}

function openSink(path: string | undefined, ctx: CliContext): LineSink {
  if (path === undefined) {
    return { write: async (line) => void ctx.io.stdout.write(line), close: async () => undefined };
  }
  let stream: WriteStream;
  try {
    stream = createWriteStream(path, { encoding: 'utf8' });
  } catch (error) {
    throw new BulwarkError('FILE_UNWRITABLE', `Cannot write ${path}`, { cause: error });
  }
  let failed: Error | undefined;
  stream.on('error', (error) => (failed = error));
  return {
    async write(line) {
      if (failed)
        throw new BulwarkError('FILE_UNWRITABLE', `Cannot write ${path}: ${failed.message}`);
      if (!stream.write(line)) await once(stream, 'drain');
    },
    async close() {
      stream.end();
      await once(stream, 'finish').catch(() => undefined);
      if (failed)
        throw new BulwarkError('FILE_UNWRITABLE', `Cannot write ${path}: ${failed.message}`);
    },
  };
}

/**
 * `--input FILE.jsonl`: one output line per input line, in order. A malformed
 * line produces `{"id", "line", "error"}` in its place and a message on
 * stderr; returns how many lines were malformed.
 */
export async function runDetectBatch(
  guard: Guard,
  inputPath: string,
  outputPath: string | undefined,
  ctx: CliContext,
): Promise<number> {
  const sink = openSink(outputPath, ctx);
  let malformed = 0;
  try {
    for await (const { line, text } of readJsonlLines(inputPath, ctx.io.stdin)) {
      const row = parseInputRow(text);
      if (!row.ok) {
        malformed++;
        ctx.io.stderr.write(`bulwark: ${inputPath}:${line}: ${row.reason}\n`);
        await sink.write(`${JSON.stringify({ id: row.id, line, error: row.reason })}\n`);
        continue;
      }
      const verdict = guard.check({ text: row.value.text, role: row.value.role });
      await sink.write(
        `${JSON.stringify({
          id: row.value.id,
          action: verdict.action,
          score: verdict.score,
          detections: verdict.detections.map(detectionRecord),
        })}\n`,
      );
    }
  } finally {
    await sink.close();
  }
  return malformed;
}

/** `--eval FILE.jsonl`: scores labelled rows and computes the quality report. */
export async function runDetectEval(
  guard: Guard,
  path: string,
  ctx: CliContext,
): Promise<{ report: EvalReport; malformed: number }> {
  const outcomes: EvalOutcome[] = [];
  let malformed = 0;
  for await (const { line, text } of readJsonlLines(path, ctx.io.stdin)) {
    const row = parseEvalRow(text);
    if (!row.ok) {
      malformed++;
      ctx.io.stderr.write(`bulwark: ${path}:${line}: ${row.reason}\n`);
      continue;
    }
    const verdict = guard.check({ text: row.value.text, role: row.value.role });
    outcomes.push({
      label: row.value.label,
      ...(row.value.source !== undefined ? { source: row.value.source } : {}),
      score: verdict.score,
      detected: verdict.action !== 'allow',
    });
  }
  return { report: computeEvalReport(outcomes), malformed };
}
