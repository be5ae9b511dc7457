import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@bulwark/gateway';
import { evaluateModelAccess } from '@bulwark/policy';
import { policyReloader } from '../src/gateway/policy-reloader.js';

describe('policy hot reload', () => {
  it('swaps in a valid new policy on SIGHUP and keeps the old one when the new file is invalid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulwark-policy-'));
    const path = join(dir, 'policy.yaml');
    const rule = (model: string) =>
      `version: 1\nmodels:\n  - { id: m, models: [{ equals: ${model} }], effect: allow }\n`;
    writeFileSync(path, rule('a'));
    const lines: string[] = [];
    const logger = createLogger({
      destination: new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) as never,
    });
    const reloader = policyReloader(path, logger);
    const subject = { tenant: 't', roles: [] };
    try {
      expect(evaluateModelAccess(reloader.current(), subject, 'a').outcome).toBe('allow');
      writeFileSync(path, rule('b'));
      process.emit('SIGHUP', 'SIGHUP');
      expect(evaluateModelAccess(reloader.current(), subject, 'b').outcome).toBe('allow');
      writeFileSync(path, 'version: 1\nmodels: [ { id: 1 }\n');
      process.emit('SIGHUP', 'SIGHUP');
      expect(evaluateModelAccess(reloader.current(), subject, 'b').outcome).toBe('allow');
      expect(lines.join('')).toContain('keeping the previous policy');
    } finally {
      reloader.stop();
    }
  });
});
