import { describe, expect, it } from 'vitest';
import { onnxModel } from './format-builders.js';
import { scanBytes } from './scan-helpers.js';

// ONNX models and their external data references.

describe('ONNX', () => {
  it('relative external data is clean; traversal and absolute paths are malicious', async () => {
    expect((await scanBytes('m.onnx', onnxModel('weights.bin'))).verdict).toBe('clean');
    expect((await scanBytes('m.onnx', onnxModel(undefined))).verdict).toBe('clean');
    expect((await scanBytes('m.onnx', onnxModel('../../../etc/passwd'))).verdict).toBe('malicious');
    expect((await scanBytes('m.onnx', onnxModel('/etc/passwd'))).verdict).toBe('malicious');
    expect((await scanBytes('m.onnx', onnxModel('a/../../x'))).verdict).toBe('malicious');
  });
  it('detected by structure without the extension', async () => {
    expect((await scanBytes('model.bin2', onnxModel('../x'))).format).toBe('onnx');
  });
  it('ONNX external data given as a URL is flagged', async () => {
    expect((await scanBytes('m.onnx', onnxModel('http://evil.example/w.bin'))).verdict).toBe(
      'malicious',
    );
  });
});
