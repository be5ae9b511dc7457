import type { ByteSource } from '../byte-source.js';
import type { PickleAnalysis, PickleVmOptions } from './pickle-analysis.js';
import { Cursor } from './pickle-cursor.js';
import { runPickle } from './pickle-interpreter.js';
import { PICKLE_START } from './pickle-opcodes.js';
import { PickleParseError } from './pickle-parse-error.js';
import { DEFAULT_MAX_OPS } from './pickle-vm-limits.js';

/**
 * Entry of the symbolic pickle VM (see `PickleVmOptions` in
 * `pickle-analysis.ts`): walks the pickles of one source one after another,
 * decides whether bytes after a STOP are another pickle or junk, and keeps
 * everything found before a parse error.
 */
export function analysePickle(
  source: ByteSource,
  options: PickleVmOptions = {},
  start = 0,
): PickleAnalysis {
  const analysis: PickleAnalysis = {
    globals: [],
    nested: [],
    pickles: 0,
    end: start,
    trailingBytes: 0,
    opcodes: new Set(),
  };
  const maxPickles = options.maxPickles ?? Number.POSITIVE_INFINITY;
  const budget = { ops: options.maxOps ?? DEFAULT_MAX_OPS };
  let pos = start;
  while (pos < source.size && analysis.pickles < maxPickles) {
    const trailing = analysis.pickles > 0;
    if (trailing) {
      const first = source.read(pos, 2);
      const head = first[0] ?? 0;
      const validProto = head !== 0x80 || ((first[1] ?? 0) >= 1 && (first[1] ?? 0) <= 5);
      if (!PICKLE_START.has(head) || !validProto) break;
    }
    const globalsBefore = analysis.globals.length;
    const nestedBefore = analysis.nested.length;
    const cursor = new Cursor(source, pos);
    try {
      runPickle(cursor, analysis, budget, trailing, analyseInlinePickle);
      analysis.pickles++;
      pos = cursor.pos;
      analysis.end = pos;
    } catch (error) {
      if (!(error instanceof PickleParseError)) throw error;
      if (trailing && analysis.globals.length === globalsBefore) {
        // Junk after the last STOP that is not a pickle: drop what it produced.
        analysis.nested.length = nestedBefore;
        break;
      }
      analysis.error = { message: error.message, offset: error.offset };
      analysis.end = cursor.pos;
      return analysis;
    }
  }
  analysis.trailingBytes = source.size - analysis.end;
  return analysis;
}

/** A complete pickle inside the stream (joblib object arrays), with its own budget. */
function analyseInlinePickle(source: ByteSource, start: number): PickleAnalysis {
  return analysePickle(source, { maxPickles: 1 }, start);
}
