import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  LOG_BATCH_CHARS,
  LOG_FLUSH_MS,
  LogLineBatcher,
  type BatchWriter,
} from '../src/observability/log-line-batcher.js';
import { bufferedLogDestination, createLogger } from '../src/observability/logger.js';

/** A writer that records what it was handed. */
function recorder(): BatchWriter & { batches: string[]; syncs: number } {
  const batches: string[] = [];
  return {
    batches,
    syncs: 0,
    write(batch) {
      batches.push(batch);
    },
    flush(cb) {
      cb?.();
    },
    flushSync() {
      this.syncs++;
    },
    end() {},
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('LogLineBatcher', () => {
  it('hands lines over in order, in one batch, once the batch size is reached', () => {
    const writer = recorder();
    const batcher = new LogLineBatcher(writer);
    const line = `${'x'.repeat(99)}\n`;
    const count = Math.ceil(LOG_BATCH_CHARS / line.length);
    for (let i = 0; i < count - 1; i++) batcher.write(line);
    expect(writer.batches).toEqual([]);
    batcher.write(line);
    expect(writer.batches).toEqual([line.repeat(count)]);
    batcher.end();
  });

  it('hands a quiet batch over after the flush interval', () => {
    vi.useFakeTimers();
    const writer = recorder();
    const batcher = new LogLineBatcher(writer);
    batcher.write('a\n');
    batcher.write('b\n');
    vi.advanceTimersByTime(LOG_FLUSH_MS - 1);
    expect(writer.batches).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writer.batches).toEqual(['a\nb\n']);
    batcher.end();
  });

  it('writes what is gathered on flushSync and flush, and never throws from flushSync', () => {
    const writer = recorder();
    const batcher = new LogLineBatcher(writer);
    batcher.write('a\n');
    batcher.flushSync();
    expect(writer.batches).toEqual(['a\n']);
    expect(writer.syncs).toBe(1);
    const done = vi.fn();
    batcher.write('b\n');
    batcher.flush(done);
    expect(writer.batches).toEqual(['a\n', 'b\n']);
    expect(done).toHaveBeenCalledOnce();
    const broken = new LogLineBatcher({
      ...recorder(),
      write: () => {
        throw new Error('destroyed');
      },
    });
    broken.write('c\n');
    expect(() => broken.flushSync()).not.toThrow();
    batcher.end();
    broken.end();
  });

  it('writes what is gathered straight to the descriptor on flushSync when given one', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bulwark-log-')), 'out.log');
    const fd = openSync(file, 'a');
    try {
      const writer = recorder();
      const batcher = new LogLineBatcher(writer, fd);
      batcher.write('a\n');
      batcher.write('b\n');
      batcher.flushSync();
      expect(readFileSync(file, 'utf8')).toBe('a\nb\n');
      expect(writer.batches).toEqual([]);
      expect(writer.syncs).toBe(1);
      batcher.end();
    } finally {
      closeSync(fd);
    }
  });

  it('calls a flush callback only once every line is in the file, in order', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bulwark-log-')), 'out.log');
    const logger = createLogger({ destination: bufferedLogDestination(file) });
    const count = 400; // several batches, so writes are in flight when flush is called
    for (let n = 0; n < count; n++) logger.info({ n, pad: 'x'.repeat(100) }, 'line');
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { n: number }).n)).toEqual(
      Array.from({ length: count }, (_, n) => n),
    );
  });

  it.each(['natural', 'exit'])(
    'loses no line when the process ends (%s)',
    (how) => {
      const file = join(mkdtempSync(join(tmpdir(), 'bulwark-log-')), 'out.log');
      const script = fileURLToPath(new URL('./fixtures/log-then-exit.ts', import.meta.url));
      const result = spawnSync(process.execPath, ['--import', 'tsx', script, file, how], {
        encoding: 'utf8',
      });
      expect(result.status, result.stderr).toBe(0);
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      expect(lines.map((l) => (JSON.parse(l) as { n: number }).n)).toEqual([1, 2, 3]);
    },
    30_000,
  );
});
