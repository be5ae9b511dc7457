import { describe, expect, it } from 'vitest';
import { buildZip } from './archive-builders.js';
import { hdf5WithConfig } from './format-builders.js';
import { rules } from './format-fixtures.js';
import { scanBytes } from './scan-helpers.js';

// Keras 3 .keras archives, Keras 2 HDF5 configs and Keras JSON configs.

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
});
