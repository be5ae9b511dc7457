import SevenZip from '7z-wasm';

/** Builds a 7z archive with 7-Zip itself (wasm), from in-memory files. */
export async function build7z(files: Record<string, Uint8Array>): Promise<Uint8Array> {
  const sz = await SevenZip({ print: () => undefined, printErr: () => undefined });
  sz.FS.mkdir('/in');
  for (const [name, data] of Object.entries(files)) {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) {
      try {
        sz.FS.mkdir(`/in/${parts.slice(0, i).join('/')}`);
      } catch {
        // already there
      }
    }
    sz.FS.writeFile(`/in/${name}`, data);
  }
  const saved = process.exitCode;
  sz.callMain(['a', '/out.7z', '/in/*']);
  process.exitCode = saved;
  return sz.FS.readFile('/out.7z');
}
