import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SECRET_DETECTOR,
  SCANNER_NAMES,
  createScanner,
  isScannerName,
  scannerRegistry,
} from '../src/index.js';

describe('scanner registry', () => {
  it('lists the repository scanners in run order', () => {
    expect(SCANNER_NAMES).toEqual(['code', 'secrets', 'configs', 'inventory', 'model']);
    expect(Object.keys(scannerRegistry)).toEqual(SCANNER_NAMES);
    expect(isScannerName('code')).toBe(true);
    expect(isScannerName('toString')).toBe(false);
  });

  it('rejects unknown names with the known ones in the hint', () => {
    expect(() => createScanner('modle')).toThrowError(/Unknown scanner "modle"/);
    try {
      createScanner('modle');
    } catch (error) {
      expect((error as { hint?: string }).hint).toBe(
        'known scanners: code, secrets, configs, inventory, model',
      );
    }
  });

  it.skipIf(DEFAULT_SECRET_DETECTOR !== undefined)(
    'says so when no secret detector is configured instead of silently finding nothing',
    async () => {
      const result = await createScanner('secrets').scan({ root: '/nonexistent', files: [] });
      expect(result.notices[0]?.message).toMatch(/no secret detector/);
    },
  );
});
