import { bzip2, xz } from './bzip2-fixture.js';
import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { pickle, torchStateDict } from './pickle-builder.js';
import { buildTar, buildZip, gzip, torchZip } from './archive-builders.js';
import {
  gguf,
  hdf5WithConfig,
  lz4Frame,
  lz4FrameCompressed,
  npy,
  onnxModel,
  safetensors,
  savedModel,
} from './format-builders.js';
import { scanBytes } from './scan-helpers.js';
import { build7z } from './seven-zip-builder.js';

const evil = () => pickle().proto(2).callWith('os', 'system', 'touch /tmp/x').stop().build_();
const rules = (r: { issues: { ruleId: string }[] }) => r.issues.map((i) => i.ruleId);

describe('PyTorch and zip containers', () => {
  it('benign torch zip is clean and skips tensor storages', async () => {
    const r = await scanBytes('model.pt', torchZip(torchStateDict(), 3));
    expect(r.format).toBe('pytorch');
    expect(r.verdict).toBe('clean');
    expect(r.members.filter((m) => m.format === 'tensor-data')).toHaveLength(3);
  });
  it('malicious data.pkl is reported with the member path', async () => {
    const r = await scanBytes('model.pt', torchZip(evil()));
    expect(r.verdict).toBe('malicious');
    expect(r.issues[0]?.member).toBe('archive/data.pkl');
  });
  it('deflated member, bad CRC and a corrupt sibling are tolerated and reported', async () => {
    const zip = buildZip([
      { name: 'archive/data.pkl', data: evil(), deflate: true, crc: 1234 },
      { name: 'archive/version', data: Buffer.from('3') },
    ]);
    const broken = Buffer.from(zip);
    // Corrupt the second local header signature.
    const second = broken.indexOf(Buffer.from('PK\x03\x04'), 4);
    broken[second] = 0;
    const r = await scanBytes('x.pt', broken);
    expect(r.verdict).toBe('malicious');
    expect(r.issues.filter((i) => i.ruleId === 'archive.anomaly').length).toBeGreaterThanOrEqual(2);
  });
  it('payload in a member not named .pkl is found (every member is sniffed)', async () => {
    const r = await scanBytes('x.zip', buildZip([{ name: 'weights/readme', data: evil() }]));
    expect(r.verdict).toBe('malicious');
  });
  it('local/central name mismatch is an anomaly and the central name is used', async () => {
    const r = await scanBytes(
      'x.pt',
      buildZip([
        { name: 'archive/data.pkl', localName: 'archive/other.pkl', data: torchStateDict() },
      ]),
    );
    expect(rules(r)).toContain('archive.anomaly');
    expect(r.verdict).toBe('clean');
  });
  it('zip-slip, absolute paths and symlinks are flagged', async () => {
    const r = await scanBytes(
      'x.zip',
      buildZip([
        { name: '../../etc/cron.d/x', data: Buffer.from('a') },
        { name: '/abs/path', data: Buffer.from('a') },
        { name: 'link', data: Buffer.from('/etc/passwd'), symlink: true },
      ]),
    );
    expect(rules(r).filter((x) => x === 'archive.path-traversal')).toHaveLength(2);
    expect(rules(r)).toContain('archive.symlink');
    expect(r.verdict).toBe('malicious');
  });
  it('a decompression bomb is flagged and inconclusive, not clean', async () => {
    const r = await scanBytes(
      'bomb.zip',
      buildZip([{ name: 'a.pkl', data: new Uint8Array(4 << 20), deflate: true }]),
      { limits: { maxMemberBytes: 1 << 20 } },
    );
    expect(rules(r)).toContain('archive.bomb');
    expect(rules(r)).toContain('model.scan-incomplete');
    expect(r.verdict).not.toBe('clean');
  });
  it('prefix before the zip (polyglot) is read and reported', async () => {
    const r = await scanBytes(
      'poly.pt',
      buildZip(
        [{ name: 'archive/data.pkl', data: evil() }],
        pickle().proto(2).emptyDict().stop().build_(),
      ),
    );
    expect(r.verdict).toBe('malicious');
    expect(rules(r)).toContain('archive.polyglot');
  });
  it('TorchScript archive constants.pkl is scanned', async () => {
    const r = await scanBytes(
      'ts.pt',
      buildZip([
        { name: 'ts/code/__torch__/m.py', data: Buffer.from('def forward(self):\n  return 1\n') },
        { name: 'ts/constants.pkl', data: evil() },
        { name: 'ts/data.pkl', data: torchStateDict() },
      ]),
    );
    expect(r.format).toBe('torchscript');
    expect(r.verdict).toBe('malicious');
  });
  it('legacy torch stacked pickles', async () => {
    const magic = pickle()
      .raw(0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19)
      .stop()
      .build_();
    const proto = pickle().proto(2).int(100).stop().build_();
    const sys = pickle().proto(2).emptyDict().stop().build_();
    const keys = pickle().proto(2).emptyList().stop().build_();
    const raw = new Uint8Array(64).fill(7);
    const benign = Buffer.concat([magic, proto, sys, torchStateDict(), keys, raw]);
    expect((await scanBytes('old.pt', benign)).verdict).toBe('clean');
    const bad = Buffer.concat([magic, proto, sys, evil(), keys, raw]);
    const r = await scanBytes('old.pt', bad);
    expect(r.format).toBe('pytorch-legacy');
    expect(r.verdict).toBe('malicious');
  });
});

describe('archives and compression wrappers', () => {
  it('tar.gz holding a zip holding a pickle (nesting)', async () => {
    const inner = torchZip(evil());
    const r = await scanBytes(
      'bundle.tar.gz',
      gzip(buildTar([{ name: 'models/model.pt', data: inner }])),
    );
    expect(r.verdict).toBe('malicious');
    expect(r.issues[0]?.member).toBe('bundle.tar!/models/model.pt!/archive/data.pkl');
  });
  it('tar symlink and traversal', async () => {
    const r = await scanBytes(
      'x.tar',
      buildTar([
        { name: 'a', link: '../../etc/passwd' },
        { name: 'ok.pkl', data: torchStateDict() },
      ]),
    );
    expect(rules(r)).toContain('archive.path-traversal');
  });
  it('legacy torch tar layout', async () => {
    const r = await scanBytes(
      'old.tar',
      buildTar([
        { name: 'sys_info', data: pickle().proto(2).emptyDict().stop().build_() },
        { name: 'pickle', data: evil() },
        { name: 'storages', data: pickle().proto(2).int(0).stop().build_() },
      ]),
    );
    expect(r.format).toBe('pytorch-tar');
    expect(r.verdict).toBe('malicious');
  });
  it('joblib zlib, gzip, lz4 and bzip2 wrappers', async () => {
    expect((await scanBytes('m.joblib', deflateSync(evil()))).verdict).toBe('malicious');
    expect((await scanBytes('m.joblib', gzip(evil()))).verdict).toBe('malicious');
    expect((await scanBytes('m.joblib', lz4Frame(evil()))).verdict).toBe('malicious');
    expect((await scanBytes('m.joblib', lz4FrameCompressed(evil()))).verdict).toBe('malicious');
    expect((await scanBytes('m.joblib', bzip2())).verdict).toBe('malicious');
    expect((await scanBytes('m.pkl.xz', xz())).verdict).toBe('malicious');
    expect((await scanBytes('ok.joblib', gzip(torchStateDict()))).verdict).toBe('clean');
  });
  it('old joblib ZF zfile', async () => {
    const body = deflateSync(evil());
    const header = Buffer.from(`ZF0x${body.length.toString(16)}`.padEnd(20, ' '));
    expect((await scanBytes('m.pkl.z', Buffer.concat([header, body]))).verdict).toBe('malicious');
  });
  it('a broken 7z is inconclusive, never clean', async () => {
    const r = await scanBytes('m.7z', Uint8Array.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]));
    expect(r.verdict).toBe('inconclusive');
  });
  it('7z members are extracted and scanned', async () => {
    const bad = await build7z({
      'models/model.pt': torchZip(evil()),
      'README.md': Buffer.from('# hi'),
    });
    const r = await scanBytes('m.7z', bad);
    expect(r.format).toBe('7z');
    expect(r.verdict).toBe('malicious');
    expect(r.issues[0]?.member).toBe('models/model.pt!/archive/data.pkl');
    const ok = await build7z({ 'model.pt': torchZip(torchStateDict()) });
    expect((await scanBytes('ok.7z', ok)).verdict).toBe('clean');
  });
  it('7z over the expansion limit is a bomb', async () => {
    const big = await build7z({ 'zeros.bin': new Uint8Array(2 << 20) });
    const r = await scanBytes('b.7z', big, { limits: { maxMemberBytes: 1 << 20 } });
    expect(r.issues.map((i) => i.ruleId)).toContain('archive.bomb');
    expect(r.verdict).not.toBe('clean');
  });
});

describe('joblib array payloads', () => {
  const wrapper = (tail: (b: ReturnType<typeof pickle>) => void) => {
    const b = pickle()
      .proto(4)
      .global('joblib.numpy_pickle', 'NumpyArrayWrapper')
      .emptyTuple()
      .newobj()
      .emptyDict()
      .mark()
      .unicode('subclass')
      .global('numpy', 'ndarray')
      .unicode('shape')
      .int(4)
      .tuple1()
      .unicode('order')
      .unicode('C')
      .unicode('dtype')
      .global('numpy', 'dtype')
      .unicode('f8')
      .raw(0x89, 0x88)
      .raw(0x87)
      .reduce()
      .unicode('allow_mmap')
      .raw(0x88)
      .unicode('numpy_array_alignment_bytes')
      .int(16)
      .setitems()
      .build()
      .raw(3, 0xff, 0xff, 0xff)
      .raw(...new Array(32).fill(0x63));
    tail(b);
    return b.build_();
  };
  it('benign joblib with raw array bytes is clean', async () => {
    expect(
      (
        await scanBytes(
          'm.joblib',
          wrapper((b) => b.stop()),
        )
      ).verdict,
    ).toBe('clean');
  });
  it('payload after the array bytes is found', async () => {
    const r = await scanBytes(
      'm.joblib',
      wrapper((b) => b.raw(0x30).callWith('os', 'system', 'id').stop()),
    );
    expect(r.verdict).toBe('malicious');
  });
});

describe('numpy', () => {
  it('float npy is clean; object npy with payload is malicious', async () => {
    expect((await scanBytes('a.npy', npy('<f8', new Uint8Array(24)))).verdict).toBe('clean');
    const r = await scanBytes('a.npy', npy('|O', evil()));
    expect(r.verdict).toBe('malicious');
  });
  it('npz member', async () => {
    const r = await scanBytes(
      'a.npz',
      buildZip([{ name: 'x.npy', data: npy('|O', evil()), deflate: true }]),
    );
    expect(r.format).toBe('npz');
    expect(r.verdict).toBe('malicious');
  });
});

describe('Keras', () => {
  const dense = {
    class_name: 'Sequential',
    module: 'keras',
    config: { layers: [{ class_name: 'Dense', module: 'keras.layers', config: { units: 2 } }] },
  };
  const keras = (config: unknown) =>
    buildZip([
      { name: 'metadata.json', data: Buffer.from('{"keras_version":"3.9.0"}') },
      { name: 'config.json', data: Buffer.from(JSON.stringify(config)) },
      { name: 'model.weights.h5', data: new Uint8Array(8) },
    ]);
  it('benign .keras is clean', async () => {
    const r = await scanBytes('m.keras', keras(dense));
    expect(r.format).toBe('keras');
    expect(r.verdict).toBe('clean');
  });
  const cases: [string, unknown, string][] = [
    [
      'Lambda layer',
      {
        class_name: 'Sequential',
        config: {
          layers: [
            {
              class_name: 'Lambda',
              config: { function: { class_name: '__lambda__', config: { code: 'YQ==' } } },
            },
          ],
        },
      },
      'keras.lambda-layer',
    ],
    [
      'module os',
      {
        class_name: 'Functional',
        config: { layers: [{ module: 'os', class_name: 'system', config: {} }] },
      },
      'keras.unsafe-reference',
    ],
    [
      'get_file',
      {
        class_name: 'Functional',
        config: {
          layers: [
            { module: 'keras.utils', class_name: 'get_file', config: { origin: 'http://x' } },
          ],
        },
      },
      'keras.unsafe-feature',
    ],
    [
      'unsafe deserialization',
      {
        class_name: 'Functional',
        config: { x: { module: 'keras.config', class_name: 'enable_unsafe_deserialization' } },
      },
      'keras.unsafe-feature',
    ],
    [
      'TFSMLayer',
      {
        class_name: 'Sequential',
        config: {
          layers: [
            { class_name: 'TFSMLayer', module: 'keras.layers', config: { filepath: '/tmp/evil' } },
          ],
        },
      },
      'keras.unsafe-feature',
    ],
    [
      'TorchModuleWrapper',
      {
        class_name: 'Sequential',
        config: {
          layers: [
            {
              class_name: 'TorchModuleWrapper',
              module: 'keras.layers',
              config: { module: 'gASV' },
            },
          ],
        },
      },
      'keras.unsafe-feature',
    ],
  ];
  for (const [label, config, rule] of cases) {
    it(`${label} in .keras is malicious`, async () => {
      const r = await scanBytes('m.keras', keras(config));
      expect(rules(r)).toContain(rule);
      expect(r.verdict).toBe('malicious');
    });
  }
  it('Lambda in an HDF5 model_config (Keras 2) is malicious', async () => {
    const r = await scanBytes(
      'm.h5',
      hdf5WithConfig({
        class_name: 'Sequential',
        config: {
          layers: [
            {
              class_name: 'Lambda',
              config: { function: ['4wEAAA==', null, null], function_type: 'lambda' },
            },
          ],
        },
        keras_version: '2.0.0',
      }),
    );
    expect(r.format).toBe('hdf5');
    expect(r.verdict).toBe('malicious');
  });
  it('benign HDF5 config is clean', async () => {
    expect((await scanBytes('m.h5', hdf5WithConfig(dense))).verdict).toBe('clean');
  });
  it('custom module outside Keras is suspicious', async () => {
    const r = await scanBytes(
      'config.json',
      Buffer.from(
        JSON.stringify({
          class_name: 'Functional',
          config: { layers: [{ module: 'my_layers', class_name: 'Attn', config: {} }] },
        }),
      ),
    );
    expect(r.verdict).toBe('suspicious');
  });
});

describe('TensorFlow SavedModel', () => {
  it('PyFunc / ReadFile ops are flagged, checkpoint ops are not', async () => {
    expect(
      (await scanBytes('saved_model.pb', savedModel(['Const', 'MatMul', 'SaveV2', 'RestoreV2'])))
        .verdict,
    ).toBe('clean');
    expect((await scanBytes('saved_model.pb', savedModel(['Const', 'PyFunc']))).verdict).toBe(
      'malicious',
    );
    expect((await scanBytes('saved_model.pb', savedModel(['ReadFile'], true))).verdict).toBe(
      'malicious',
    );
  });
  it('malformed protobuf is inconclusive', async () => {
    expect(
      (await scanBytes('saved_model.pb', Uint8Array.from([0x12, 0xff, 0x01, 0x00]))).verdict,
    ).toBe('inconclusive');
  });
});

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
});

describe('GGUF', () => {
  const benign =
    "{% for message in messages %}{{ '<|' + message['role'] + '|>' + message['content'] }}{% endfor %}";
  it('benign template is clean', async () => {
    const r = await scanBytes(
      'm.gguf',
      gguf({ 'general.name': 'x', 'tokenizer.chat_template': benign }),
    );
    expect(r.format).toBe('gguf');
    expect(r.verdict).toBe('clean');
  });
  const attacks = [
    "{{ self.__init__.__globals__.__builtins__.__import__('os').popen('id').read() }}",
    "{{ cycler.__init__.__globals__.os.popen('id') }}",
    "{% set x = lipsum|attr('\\x5f\\x5fglobals\\x5f\\x5f') %}{{ x }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ joiner|attr('x') }}",
  ];
  for (const attack of attacks) {
    it(`flags ${attack.slice(0, 40)}`, async () => {
      const r = await scanBytes('m.gguf', gguf({ 'tokenizer.chat_template.tool_use': attack }));
      expect(r.verdict).toBe('malicious');
    });
  }
  it('implausible counts are suspicious; truncation is inconclusive', async () => {
    expect((await scanBytes('m.gguf', gguf({ a: 'b' }, { kvCount: 2 ** 40 }))).verdict).toBe(
      'suspicious',
    );
    expect((await scanBytes('m.gguf', gguf({ a: 'b' }, { kvCount: 3 }))).verdict).toBe(
      'inconclusive',
    );
  });
  it('tokenizer_config.json chat_template is checked too', async () => {
    const r = await scanBytes(
      'tokenizer_config.json',
      Buffer.from(JSON.stringify({ chat_template: attacks[0] })),
    );
    expect(r.verdict).toBe('malicious');
    expect(
      (
        await scanBytes(
          'tokenizer_config.json',
          Buffer.from(JSON.stringify({ chat_template: benign })),
        )
      ).verdict,
    ).toBe('clean');
  });
});

describe('safetensors', () => {
  const ok = {
    __metadata__: { format: 'pt' },
    a: { dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] },
    b: { dtype: 'I64', shape: [1], data_offsets: [16, 24] },
  };
  it('valid header is clean', async () => {
    const r = await scanBytes('m.safetensors', safetensors(ok, 24));
    expect(r.format).toBe('safetensors');
    expect(r.verdict).toBe('clean');
  });
  const bad: [string, unknown, number][] = [
    [
      'overlap',
      {
        a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
        b: { dtype: 'F32', shape: [2], data_offsets: [4, 12] },
      },
      12,
    ],
    ['shape mismatch', { a: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, 8],
    ['unknown dtype', { a: { dtype: 'PYOBJ', shape: [1], data_offsets: [0, 8] } }, 8],
    ['gap / no coverage', { a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, 100],
    [
      'metadata not string',
      { __metadata__: { x: 1 }, a: { dtype: 'U8', shape: [1], data_offsets: [0, 1] } },
      1,
    ],
    ['extra field', { a: { dtype: 'U8', shape: [1], data_offsets: [0, 1], code: 'x' } }, 1],
  ];
  for (const [label, header, len] of bad) {
    it(`${label} is suspicious`, async () => {
      const r = await scanBytes('m.safetensors', safetensors(header, len));
      expect(rules(r)).toContain('safetensors.invalid-header');
      expect(r.verdict).toBe('suspicious');
    });
  }
  it('header size beyond the file', async () => {
    const bytes = Buffer.from(safetensors(ok, 24));
    bytes.writeBigUInt64LE(10n ** 9n);
    expect((await scanBytes('m.safetensors', bytes)).verdict).toBe('suspicious');
  });
});

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

describe('ModelScanner (Scanner role)', () => {
  it('returns findings, rules and inconclusive notices for target files', async () => {
    const { ModelScanner } = await import('../../src/model/model-scanner.js');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const root = mkdtempSync(join(tmpdir(), 'bulwark-scanner-'));
    writeFileSync(join(root, 'evil.pkl'), evil());
    writeFileSync(join(root, 'broken.pkl'), Uint8Array.from([0x80, 2, 0xff]));
    const result = await new ModelScanner().scan({ root, files: ['evil.pkl', 'broken.pkl'] });
    expect(
      result.findings.some(
        (f) => f.ruleId === 'pickle.dangerous-global' && f.location.kind === 'artifact',
      ),
    ).toBe(true);
    expect(
      result.findings.every((f) => f.refs.includes('LLM03:2025') && f.fingerprint.length === 32),
    ).toBe(true);
    expect(result.notices.map((n) => n.path)).toEqual(['broken.pkl']);
    expect(result.rules.length).toBeGreaterThan(10);
  });
});

describe('more techniques', () => {
  it('Keras 3 serialised function reference outside Keras', async () => {
    const config = {
      class_name: 'Functional',
      config: {
        layers: [
          {
            class_name: 'Dense',
            module: 'keras.layers',
            config: {
              activation: {
                module: 'os',
                class_name: 'function',
                config: 'system',
                registered_name: 'system',
              },
            },
          },
        ],
      },
    };
    const r = await scanBytes('config.json', Buffer.from(JSON.stringify(config)));
    expect(r.verdict).toBe('malicious');
    expect(r.issues[0]?.message).toContain('os.system');
  });
  it('Keras function reference to keras load_model is unsafe', async () => {
    const config = {
      class_name: 'Functional',
      config: {
        x: { module: 'keras.src.saving.saving_api', class_name: 'function', config: 'load_model' },
      },
    };
    expect((await scanBytes('config.json', Buffer.from(JSON.stringify(config)))).verdict).toBe(
      'malicious',
    );
  });
  it('benign Keras 3 built-in function reference is clean', async () => {
    const config = {
      class_name: 'Functional',
      config: {
        x: {
          module: 'keras.src.activations.activations',
          class_name: 'function',
          config: 'relu',
          registered_name: 'relu',
        },
      },
    };
    expect((await scanBytes('config.json', Buffer.from(JSON.stringify(config)))).verdict).toBe(
      'clean',
    );
  });
  it('templates with double underscores in plain text are not flagged', async () => {
    const r = await scanBytes(
      'm.gguf',
      gguf({
        'tokenizer.chat_template':
          "{{ '<|reserved__token|>' }}{% for m in messages %}{{ m['content'] }}{% endfor %}",
      }),
    );
    expect(r.verdict).toBe('clean');
  });
  it('ONNX external data given as a URL is flagged', async () => {
    expect((await scanBytes('m.onnx', onnxModel('http://evil.example/w.bin'))).verdict).toBe(
      'malicious',
    );
  });
  it('Lightning and OmegaConf checkpoint classes are allowed', async () => {
    const bytes = pickle()
      .proto(2)
      .global('pytorch_lightning.utilities.parsing', 'AttributeDict')
      .emptyTuple()
      .newobj()
      .emptyDict()
      .build()
      .stop()
      .build_();
    expect((await scanBytes('m.ckpt', bytes)).verdict).toBe('clean');
  });
});

describe('TorchScript pickles and rarer wrappers', () => {
  it('TorchScript data.pkl with __torch__ classes and jit helpers is clean', async () => {
    const data = pickle()
      .proto(2)
      .global('__torch__.torch.nn.modules.linear', 'Linear')
      .emptyTuple()
      .newobj()
      .emptyDict()
      .build()
      .global('torch.jit._pickle', 'build_intlist')
      .emptyList()
      .tuple1()
      .reduce()
      .raw(0x86)
      .stop()
      .build_();
    const r = await scanBytes(
      'ts.pt',
      buildZip([
        { name: 'ts/code/__torch__/m.py', data: Buffer.from('x') },
        { name: 'ts/data.pkl', data },
        { name: 'ts/constants.pkl', data: torchStateDict() },
      ]),
    );
    expect(r.verdict).toBe('clean');
  });
  it('sub-byte safetensors dtypes are sized in bits', async () => {
    expect(
      (
        await scanBytes(
          'm.safetensors',
          safetensors({ a: { dtype: 'F4', shape: [4], data_offsets: [0, 2] } }, 2),
        )
      ).verdict,
    ).toBe('clean');
  });
  it('LZMA-alone (joblib lzma) payloads are decompressed and scanned', async () => {
    const { compress } = (await import('lzma')) as unknown as {
      compress(input: number[], mode: number): number[];
    };
    const packed = Uint8Array.from(compress(Array.from(evil()), 1), (b) => b & 0xff);
    expect((await scanBytes('m.joblib', packed)).verdict).toBe('malicious');
  });
  it('a broken LZMA-alone stream is inconclusive, never clean', async () => {
    const head = Uint8Array.from([
      0x5d, 0, 0, 0x80, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x01, 0x02,
    ]);
    expect((await scanBytes('m.joblib', head)).verdict).toBe('inconclusive');
  });
});

describe('standalone chat templates', () => {
  it('chat_template.jinja files are checked', async () => {
    expect(
      (
        await scanBytes(
          'chat_template.jinja',
          Buffer.from("{{ cycler.__init__.__globals__.os.popen('id').read() }}"),
        )
      ).verdict,
    ).toBe('malicious');
    expect(
      (
        await scanBytes(
          'chat_template.jinja',
          Buffer.from('{% for m in messages %}{{ m.content }}{% endfor %}'),
        )
      ).verdict,
    ).toBe('clean');
  });
});
