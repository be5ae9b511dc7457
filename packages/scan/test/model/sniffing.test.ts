import { describe, expect, it } from 'vitest';
import { pickle } from './pickle-builder.js';
import { scanBytes } from './scan-helpers.js';

// Format sniffing of files without a telling header or extension.

describe('sniffing without headers or extensions', () => {
  it('a protocol-4 pickle without PROTO is found by probing', async () => {
    const bytes = pickle()
      .unicode('posix')
      .unicode('system')
      .stackGlobal()
      .unicode('id')
      .tuple1()
      .reduce()
      .stop()
      .build_();
    const r = await scanBytes('weights', bytes);
    expect(r.format).toBe('pickle');
    expect(r.verdict).toBe('malicious');
  });
  it('text that happens to start like GLOBAL is not a pickle', async () => {
    const r = await scanBytes('notes.txt', Buffer.from('cat\nfoo\nsome notes\n'));
    expect(r.verdict).toBe('clean');
  });
  it('random binary data is unknown and clean', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24);
    expect((await scanBytes('blob.dat2', bytes)).verdict).toBe('clean');
  });
  it('text-format SavedModel graphs', async () => {
    expect(
      (
        await scanBytes(
          'saved_model.pbtxt',
          Buffer.from('node {\n  name: "a"\n  op: "EagerPyFunc"\n}\n'),
        )
      ).verdict,
    ).toBe('malicious');
    expect(
      (await scanBytes('saved_model.pbtxt', Buffer.from('node {\n  name: "a"\n  op: "Const"\n}\n')))
        .verdict,
    ).toBe('clean');
  });
});
