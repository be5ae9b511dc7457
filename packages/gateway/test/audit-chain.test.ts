import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AuditChain } from '../src/audit/audit-chain.js';
import type { AuditEvent } from '../src/audit/audit-record.js';
import { AUDIT_FLUSH_EVENTS, AUDIT_FLUSH_MS } from '../src/audit/audit-sink.js';
import { fileAuditSink, verifyAuditLog } from '../src/index.js';

async function writeLog(records: number): Promise<{ path: string; lines: string[] }> {
  const path = join(mkdtempSync(join(tmpdir(), 'bulwark-audit-')), 'audit.jsonl');
  let sink = fileAuditSink(path);
  for (let i = 0; i < records; i++) {
    if (i === 2) {
      // Reopening continues the chain of the existing file.
      await sink.close();
      sink = fileAuditSink(path);
    }
    sink.write({ type: 'request', requestId: `r${i}`, status: 200, route: '/v1/chat/completions' });
  }
  await sink.close();
  return { path, lines: readFileSync(path, 'utf8').trimEnd().split('\n') };
}

describe('file audit sink batching', () => {
  const event = (i: number) => ({
    type: 'request' as const,
    requestId: `r${i}`,
    status: 200,
    route: '/v1/chat/completions',
  });
  const freshPath = () => join(mkdtempSync(join(tmpdir(), 'bulwark-audit-')), 'audit.jsonl');
  const lines = (path: string) =>
    existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter(Boolean).length : 0;
  const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('writes pending records within the flush interval without waiting for close', async () => {
    const path = freshPath();
    const sink = fileAuditSink(path);
    for (let i = 0; i < 3; i++) sink.write(event(i));
    expect(lines(path)).toBe(0);
    // The timer fires after AUDIT_FLUSH_MS; the stream write lands shortly after.
    for (let waited = 0; lines(path) < 3 && waited < 2000; waited += 10) await settle(10);
    expect(lines(path)).toBe(3);
    expect(verifyAuditLog(readFileSync(path, 'utf8'))).toMatchObject({ ok: true, records: 3 });
    await sink.close();
    expect(AUDIT_FLUSH_MS).toBeLessThanOrEqual(100);
  });

  /** Waits (event-loop turns, not time) until the file has records or gives up. */
  const firstWrite = async (path: string) => {
    for (let turns = 0; lines(path) === 0 && turns < 10_000; turns++)
      await new Promise((r) => setImmediate(r));
    return lines(path);
  };

  it('writes at once when records with content grow large, and close writes the rest in order', async () => {
    // The flush timer never fires here: only the size trigger can write before close.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const path = freshPath();
      const sink = fileAuditSink(path);
      const big = 'x'.repeat(1000);
      const content = { request: big, response: '', lengths: { request: 1000, response: 0 } };
      // Small events wait to be chained; the content events after them are chained in order.
      for (let i = 0; i < 3; i++) sink.write(event(i));
      for (let i = 3; i < 80; i++) sink.write({ ...event(i), content });
      const early = await firstWrite(path);
      expect(early).toBeGreaterThan(0);
      expect(early).toBeLessThan(80);
      sink.write(event(80));
      await sink.close();
      const text = readFileSync(path, 'utf8');
      expect(verifyAuditLog(text)).toMatchObject({ ok: true, records: 81 });
      const ids = text
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { requestId: string }).requestId);
      expect(ids).toEqual(Array.from({ length: 81 }, (_, i) => `r${i}`));
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes at once when many small events wait, each stamped with the time it was written', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const path = freshPath();
      const sink = fileAuditSink(path);
      const start = Date.now();
      for (let i = 0; i < AUDIT_FLUSH_EVENTS; i++) {
        vi.setSystemTime(start + i * 1000);
        sink.write(event(i));
      }
      expect(await firstWrite(path)).toBe(AUDIT_FLUSH_EVENTS);
      await sink.close();
      const records = readFileSync(path, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { time: string });
      expect(records[0]?.time).toBe(new Date(start).toISOString());
      expect(records.at(-1)?.time).toBe(
        new Date(start + (AUDIT_FLUSH_EVENTS - 1) * 1000).toISOString(),
      );
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('hash-chained audit log', () => {
  it('verifies an intact log, across reopen', async () => {
    const { path } = await writeLog(5);
    expect(verifyAuditLog(readFileSync(path, 'utf8'))).toMatchObject({ ok: true, records: 5 });
  });

  it('names the first bad record on edit, deletion and reordering', async () => {
    const { lines } = await writeLog(5);
    const edited = [...lines];
    edited[2] = (edited[2] ?? '').replace('"status":200', '"status":201');
    expect(verifyAuditLog(edited.join('\n'))).toMatchObject({
      ok: false,
      line: 3,
      reason: expect.stringContaining('edited'),
    });

    const deleted = lines.filter((_, i) => i !== 1);
    expect(verifyAuditLog(deleted.join('\n'))).toMatchObject({
      ok: false,
      line: 2,
      reason: expect.stringContaining('deleted'),
    });

    const swapped = [lines[0], lines[2], lines[1], lines[3]];
    expect(verifyAuditLog(swapped.join('\n'))).toMatchObject({ ok: false, line: 2 });

    const firstGone = lines.slice(1);
    expect(verifyAuditLog(firstGone.join('\n'))).toMatchObject({ ok: false, line: 1 });

    expect(verifyAuditLog(`${lines[0]}\nnot json\n`)).toMatchObject({
      ok: false,
      line: 2,
      reason: 'line is not valid JSON',
    });
  });

  it('detects a recomputed hash that breaks the link to the next record', async () => {
    const { path, lines } = await writeLog(3);
    const record = JSON.parse(lines[1] ?? '{}') as Record<string, unknown>;
    record.status = 500;
    record.hash = 'f'.repeat(64);
    lines[1] = JSON.stringify(record);
    writeFileSync(path, lines.join('\n'));
    expect(verifyAuditLog(readFileSync(path, 'utf8'))).toMatchObject({ ok: false, line: 2 });
  });

  it('writes each record as the JSON of seq, time, prev and the event fields, in that order', () => {
    const chain = new AuditChain();
    const time = new Date('2026-01-02T03:04:05.678Z');
    const events: AuditEvent[] = [
      { type: 'approval' },
      {
        type: 'request',
        requestId: 'r"1',
        status: 200,
        content: {
          request: [{ role: 'user', content: 'naïve \u2028 "quoted" \n' }],
          lengths: { request: 3, response: 0 },
        },
      },
    ];
    const lines = events.map((event) => chain.next(event, time));
    const first = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    const { hash, ...rest } = first;
    expect(JSON.stringify(rest)).toBe(
      JSON.stringify({ seq: 0, time: time.toISOString(), prev: '0'.repeat(64), type: 'approval' }),
    );
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const second = JSON.parse(lines[1] ?? '') as Record<string, unknown>;
    expect(Object.keys(second)).toEqual([
      'seq',
      'time',
      'prev',
      'type',
      'requestId',
      'status',
      'content',
      'hash',
    ]);
    expect(second.prev).toBe(hash);
    expect(verifyAuditLog(lines.join(''))).toMatchObject({ ok: true, records: 2 });
  });
});
