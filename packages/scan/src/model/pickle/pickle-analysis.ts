import type { NestedPayload } from './nested-payload.js';
import type { PickleGlobal } from './pickle-values.js';

/**
 * Symbolic pickle virtual machine. It walks every opcode of the pickle
 * protocols 0–5 (CPython `Lib/pickletools.py` is the reference for opcode
 * arguments) with a stack, a memo and a mark stack, and records which globals
 * the stream imports and whether it calls them. Nothing is ever executed or
 * imported. Parse errors end the walk but keep everything found before them,
 * so a payload followed by a deliberately broken stream is still reported.
 */
export interface PickleVmOptions {
  /** Stop after this many top-level pickles (legacy PyTorch files hold exactly 5). */
  maxPickles?: number;
  /** Opcode budget (guards against hostile streams); default 200 million. */
  maxOps?: number;
}

/** What one walk found: the VM's whole output, read by `scan-pickle.ts`. */
export interface PickleAnalysis {
  globals: PickleGlobal[];
  nested: NestedPayload[];
  /** Complete pickles (terminated by STOP) read. */
  pickles: number;
  /** Offset just after the last opcode consumed. */
  end: number;
  /** Bytes after the last STOP that did not form another pickle. */
  trailingBytes: number;
  /** First parse error, with where it happened. */
  error?: { message: string; offset: number };
  /** Opcode names seen at least once (for findings about rare opcodes). */
  opcodes: Set<string>;
}
