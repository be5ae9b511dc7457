import { hash as digest } from 'node:crypto';
import { GENESIS_HASH, type AuditEvent, type ChainedAuditRecord } from './audit-record.js';

/** Links events into a hash chain (tamper evidence for edits, deletions and reordering). */
export class AuditChain {
  #seq: number;
  #prev: string;

  constructor(state: { seq: number; prev: string } = { seq: 0, prev: GENESIS_HASH }) {
    this.#seq = state.seq;
    this.#prev = state.prev;
  }

  /**
   * Serialises the next record as one JSONL line (with trailing newline).
   * The JSON is exactly `JSON.stringify({ seq, time, prev, ...event })`
   * (what `verifyAuditLog` recomputes), built without copying the event.
   */
  next(event: AuditEvent, time = new Date()): string {
    const fields = JSON.stringify(event);
    const head = `{"seq":${this.#seq},"time":"${time.toISOString()}","prev":"${this.#prev}"`;
    const json = fields === '{}' ? `${head}}` : `${head},${fields.slice(1)}`;
    const hash = chainHash(this.#prev, json);
    this.#seq++;
    this.#prev = hash;
    return `${json.slice(0, -1)},"hash":"${hash}"}\n`;
  }
}

/** SHA-256 (hex) of `prev + "\n" + json`, in one call (no hash object per record). */
export function chainHash(prev: string, json: string): string {
  return digest('sha256', `${prev}\n${json}`, 'hex');
}

/** Outcome of `verifyAuditLog`. */
export type AuditVerification =
  | { ok: true; records: number; lastHash: string }
  | { ok: false; records: number; line: number; seq?: number; reason: string };

/**
 * Verifies a JSONL audit log: every line parses, `seq` runs 0,1,2…, each
 * `prev` is the previous record's `hash`, and each `hash` recomputes. Names
 * the first bad record. A truncated tail is only detectable against an
 * externally kept `lastHash`.
 */
export function verifyAuditLog(text: string): AuditVerification {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let prev = GENESIS_HASH;
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    let record: ChainedAuditRecord;
    try {
      record = JSON.parse(lines[i] ?? '') as ChainedAuditRecord;
    } catch {
      return { ok: false, records: i, line, reason: 'line is not valid JSON' };
    }
    if (typeof record !== 'object' || record === null || typeof record.hash !== 'string') {
      return { ok: false, records: i, line, reason: 'record has no hash' };
    }
    if (record.seq !== i) {
      return {
        ok: false,
        records: i,
        line,
        seq: record.seq,
        reason: `expected seq ${i}, found ${String(record.seq)} (record deleted or reordered)`,
      };
    }
    if (record.prev !== prev) {
      return {
        ok: false,
        records: i,
        line,
        seq: record.seq,
        reason: 'prev does not match the previous record hash (record deleted or reordered)',
      };
    }
    const { hash, ...rest } = record;
    if (chainHash(prev, JSON.stringify(rest)) !== hash) {
      return {
        ok: false,
        records: i,
        line,
        seq: record.seq,
        reason: 'hash does not match the record content (record edited)',
      };
    }
    prev = hash;
  }
  return { ok: true, records: lines.length, lastHash: prev };
}

/** Chain state to continue an existing log: the last complete line's seq and hash. */
export function chainStateFromTail(tail: string): { seq: number; prev: string } {
  const lines = tail.split('\n').filter((l) => l.trim() !== '');
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const record = JSON.parse(lines[i] ?? '') as Partial<ChainedAuditRecord>;
      if (typeof record.seq === 'number' && typeof record.hash === 'string') {
        return { seq: record.seq + 1, prev: record.hash };
      }
    } catch {
      // partial first line of the tail window
    }
  }
  return { seq: 0, prev: GENESIS_HASH };
}
