import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BulwarkError } from '@bulwark/core';
import type { ApiKeyRecord } from './api-keys.js';

/** Looks up API key records by id; the gateway's only read of key state. */
export interface KeyStore {
  get(id: string): ApiKeyRecord | undefined;
}

/** A key store over a fixed list (tests, embedded demo keys). */
export function memoryKeyStore(
  records: readonly ApiKeyRecord[],
): KeyStore & { add(r: ApiKeyRecord): void } {
  const byId = new Map(records.map((r) => [r.id, r]));
  return { get: (id) => byId.get(id), add: (r) => void byId.set(r.id, r) };
}

export const KEYS_FILE = 'keys.json';

/**
 * Keys persisted as JSON under the data dir (hashes only, mode 0600). The
 * gateway re-reads the file when its mtime changes (checked at most once a
 * second), so `bulwark keys create` and `revoke` take effect without a restart.
 */
export function fileKeyStore(dataDir: string): KeyStore & {
  list(): ApiKeyRecord[];
  save(records: ApiKeyRecord[]): void;
} {
  const path = join(dataDir, KEYS_FILE);
  let loadedMtime = -1;
  let byId = new Map<string, ApiKeyRecord>();
  let checkedAt = 0;
  const load = (): void => {
    // At most one stat per second: changes (revocations) apply within a second.
    const now = Date.now();
    if (now - checkedAt < 1000 && loadedMtime !== -1) return;
    checkedAt = now;
    if (!existsSync(path)) {
      byId = new Map();
      loadedMtime = 0;
      return;
    }
    const mtime = statSync(path).mtimeMs;
    if (mtime === loadedMtime) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new BulwarkError('FILE_UNREADABLE', `Cannot read key store ${path}`, { cause: error });
    }
    const records = Array.isArray((parsed as { keys?: unknown }).keys)
      ? (parsed as { keys: ApiKeyRecord[] }).keys
      : [];
    byId = new Map(records.map((r) => [r.id, r]));
    loadedMtime = mtime;
  };
  return {
    get(id) {
      load();
      return byId.get(id);
    },
    list() {
      load();
      return [...byId.values()];
    },
    save(records) {
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, `${JSON.stringify({ keys: records }, null, 2)}\n`, { mode: 0o600 });
      renameSync(tmp, path);
      loadedMtime = -1;
      checkedAt = 0;
    },
  };
}
