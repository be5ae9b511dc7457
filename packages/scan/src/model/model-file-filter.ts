import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Decides which files of a repository-wide `bulwark scan` go to the model
 * scanner: files with a model or archive extension, and any file whose first
 * bytes carry a model or pickle magic. Source, config and documentation files
 * are left to the code, config and secrets scanners. `bulwark scan model`
 * itself does not filter: there every file is sniffed.
 */
const MODEL_EXTENSIONS = [
  '.pkl',
  '.pickle',
  '.pt',
  '.pth',
  '.bin',
  '.ckpt',
  '.joblib',
  '.npy',
  '.npz',
  '.h5',
  '.hdf5',
  '.keras',
  '.pb',
  '.onnx',
  '.ort',
  '.gguf',
  '.ggml',
  '.safetensors',
  '.tflite',
  '.mlmodel',
  '.sav',
  '.model',
  '.7z',
  '.tar',
  '.tgz',
  '.gz',
  '.bz2',
  '.xz',
  '.zip',
];

const MAGICS: readonly (readonly number[])[] = [
  [0x80, 0x02],
  [0x80, 0x03],
  [0x80, 0x04],
  [0x80, 0x05],
  [0x47, 0x47, 0x55, 0x46], // GGUF
  [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59], // \x93NUMPY
  [0x89, 0x48, 0x44, 0x46], // HDF5
];

export function looksLikeModelArtifact(absolutePath: string): boolean {
  const lower = absolutePath.toLowerCase();
  if (MODEL_EXTENSIONS.some((ext) => lower.endsWith(ext))) return true;
  let fd: number | undefined;
  try {
    fd = openSync(absolutePath, 'r');
    const head = Buffer.alloc(8);
    const read = readSync(fd, head, 0, head.length, 0);
    return MAGICS.some((magic) => read >= magic.length && magic.every((b, i) => head[i] === b));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
