import { describe, expect, it } from 'vitest';
import { BufferByteSource } from '../../src/model/byte-source.js';
import { PICKLE_ALLOW_LIST, allowEntryFor } from '../../src/model/pickle/allow-list.js';
import { dangerReason } from '../../src/model/pickle/dangerous-callables.js';
import { scanPickle } from '../../src/model/pickle/scan-pickle.js';
import { pickle } from './pickle-builder.js';

function concrete(module: string, name: string): [string, string] {
  return [
    module.endsWith('.*') ? `${module.slice(0, -2)}.sub` : module,
    name === 'Class' ? 'SomeClass' : name,
  ];
}

describe('pickle allow-list (one case per entry)', () => {
  for (const entry of PICKLE_ALLOW_LIST) {
    const [module, name] = concrete(entry.module, entry.name);
    it(`${entry.module}.${entry.name} is allowed when called`, () => {
      const bytes = pickle().proto(2).global(module, name).emptyTuple().reduce().stop().build_();
      expect(scanPickle(new BufferByteSource(bytes), undefined)).toEqual([]);
    });
  }
  it('class wildcards admit only class names', () => {
    expect(allowEntryFor('sklearn.linear_model', 'LogisticRegression')).toBeDefined();
    expect(allowEntryFor('sklearn.utils', 'load_evil')).toBeUndefined();
    expect(allowEntryFor('sklearn.utils', 'Cls.__call__')).toBeUndefined();
    expect(allowEntryFor('torch.nn.modules.linear', 'Linear')).toBeDefined();
    expect(allowEntryFor('torchx', 'Linear')).toBeUndefined();
  });
  it('no allowed entry is on the dangerous list', () => {
    for (const entry of PICKLE_ALLOW_LIST) {
      const [module, name] = concrete(entry.module, entry.name);
      if (
        module === 'torch.serialization' ||
        module === 'torch.jit._pickle' ||
        module.startsWith('joblib') ||
        module.startsWith('sklearn.externals')
      )
        continue;
      expect(dangerReason(module, name), `${module}.${name}`).toBeUndefined();
    }
  });
});

describe('dangerous callables are named', () => {
  const cases: [string, string][] = [
    ['os', 'system'],
    ['posix', 'system'],
    ['nt', 'system'],
    ['subprocess', 'Popen'],
    ['builtins', 'exec'],
    ['builtins', 'eval'],
    ['__builtin__', 'eval'],
    ['builtins', '__import__'],
    ['runpy', 'run_path'],
    ['importlib', 'import_module'],
    ['marshal', 'loads'],
    ['types', 'FunctionType'],
    ['pip', 'main'],
    ['ensurepip', 'bootstrap'],
    ['code', 'InteractiveInterpreter'],
    ['pdb', 'run'],
    ['pydoc', 'pipepager'],
    ['socket', 'create_connection'],
    ['webbrowser', 'open'],
    ['urllib.request', 'urlopen'],
    ['shutil', 'rmtree'],
    ['pty', 'spawn'],
    ['ctypes', 'CDLL'],
    ['multiprocessing.util', 'spawnv_passfds'],
    ['torch', 'load'],
    ['numpy.testing._private.utils', 'runstring'],
    ['operator', 'attrgetter'],
    ['functools', 'partial'],
    ['collections', 'OrderedDict.__class__'],
  ];
  for (const [module, name] of cases) {
    it(`${module}.${name}`, () => {
      expect(dangerReason(module, name)).toBeDefined();
      const bytes = pickle().proto(2).global(module, name).stop().build_();
      const found = scanPickle(new BufferByteSource(bytes), undefined);
      expect(found[0]?.ruleId).toBe('pickle.dangerous-global');
      expect(found[0]?.message).toContain(`${module}.${name}`);
    });
  }
  it('harmless names are not dangerous', () => {
    expect(dangerReason('collections', 'OrderedDict')).toBeUndefined();
    expect(dangerReason('builtins', 'set')).toBeUndefined();
  });
});
