/**
 * Globals that real checkpoints need and that do nothing but rebuild data
 * when a pickle calls them. Kept as data: every entry has a test. An entry is
 * either an exact `module` + `name`, or a module prefix (`module` ending in
 * `.*`) whose `name: 'Class'` admits only CapitalisedClassNames (plain classes
 * are rebuilt through `__new__` + `__setstate__`, not called with arguments
 * that run code).
 */
export interface AllowEntry {
  module: string;
  name: string;
  why: string;
}

const each = (module: string, names: readonly string[], why: string): AllowEntry[] =>
  names.map((name) => ({ module, name, why }));

const TORCH_STORAGES = [
  'FloatStorage',
  'DoubleStorage',
  'HalfStorage',
  'BFloat16Storage',
  'LongStorage',
  'IntStorage',
  'ShortStorage',
  'CharStorage',
  'ByteStorage',
  'BoolStorage',
  'ComplexFloatStorage',
  'ComplexDoubleStorage',
  'QInt8Storage',
  'QUInt8Storage',
  'QInt32Storage',
  'QUInt4x2Storage',
  'QUInt2x4Storage',
  'UntypedStorage',
  'TypedStorage',
];
const TORCH_DTYPES = [
  'float32',
  'float',
  'float64',
  'double',
  'float16',
  'half',
  'bfloat16',
  'uint8',
  'int8',
  'int16',
  'short',
  'int32',
  'int',
  'int64',
  'long',
  'bool',
  'complex64',
  'complex128',
  'cfloat',
  'cdouble',
  'qint8',
  'quint8',
  'qint32',
  'quint4x2',
  'float8_e4m3fn',
  'float8_e5m2',
  'uint16',
  'uint32',
  'uint64',
  'Size',
  'device',
  'dtype',
  'layout',
  'strided',
  'sparse_coo',
  'sparse_csr',
  'memory_format',
  'contiguous_format',
  'channels_last',
  'preserve_format',
  'per_tensor_affine',
  'per_channel_affine',
  'per_tensor_symmetric',
  'per_channel_symmetric',
  'Tensor',
];
const TORCH_REBUILD = [
  '_rebuild_tensor',
  '_rebuild_tensor_v2',
  '_rebuild_tensor_v3',
  '_rebuild_parameter',
  '_rebuild_parameter_with_state',
  '_rebuild_sparse_tensor',
  '_rebuild_sparse_csr_tensor',
  '_rebuild_nested_tensor',
  '_rebuild_qtensor',
  '_rebuild_device_tensor_from_numpy',
  '_rebuild_meta_tensor_no_storage',
  '_rebuild_wrapper_subclass',
  '_rebuild_xla_tensor',
  '_rebuild_mlc_tensor',
  '_rebuild_device_tensor_from_cpu_tensor',
];
const SAFE_BUILTINS = [
  'set',
  'frozenset',
  'dict',
  'list',
  'tuple',
  'int',
  'float',
  'complex',
  'bool',
  'str',
  'bytes',
  'bytearray',
  'slice',
  'range',
  'object',
  'NoneType',
  'Ellipsis',
  'NotImplemented',
  'xrange',
  'unicode',
  'long',
];

export const PICKLE_ALLOW_LIST: readonly AllowEntry[] = [
  ...each('collections', ['OrderedDict', 'defaultdict', 'Counter', 'deque'], 'container types'),
  ...each('builtins', SAFE_BUILTINS, 'plain data types'),
  ...each('__builtin__', SAFE_BUILTINS, 'plain data types (Python 2 names)'),
  ...each('copyreg', ['_reconstructor'], 'rebuilds an instance of an allowed class'),
  ...each('copy_reg', ['_reconstructor'], 'rebuilds an instance (Python 2 name)'),
  ...each('_codecs', ['encode'], 'bytes written by protocol-2 pickles of numpy data'),
  ...each('torch._utils', TORCH_REBUILD, 'PyTorch tensor rebuild helpers'),
  ...each('torch', [...TORCH_STORAGES, ...TORCH_DTYPES], 'PyTorch storages, dtypes and devices'),
  ...each(
    'torch.storage',
    ['UntypedStorage', 'TypedStorage', '_load_from_bytes'],
    'PyTorch storages (nested bytes are scanned)',
  ),
  ...each('torch._tensor', ['_rebuild_from_type_v2', 'Tensor'], 'PyTorch tensor subclass rebuild'),
  ...each(
    'torch.nn.parameter',
    ['Parameter', 'UninitializedParameter', 'Buffer'],
    'PyTorch parameters',
  ),
  ...each('torch.serialization', ['_get_layout'], 'PyTorch layout lookup'),
  ...each('torch.nn.modules.*', ['Class'], 'PyTorch built-in layers in whole-model pickles'),
  ...each(
    '__torch__.*',
    ['Class'],
    'TorchScript classes (resolved from the archive code, not imported)',
  ),
  ...each(
    'torch.jit._pickle',
    [
      'build_intlist',
      'build_floatlist',
      'build_boollist',
      'build_doublelist',
      'build_tensorlist',
      'build_tensor_from_id',
      'restore_type_tag',
    ],
    'TorchScript pickle helpers',
  ),
  ...each('numpy.core.multiarray', ['_reconstruct', 'scalar'], 'numpy 1.x array rebuild'),
  ...each('numpy._core.multiarray', ['_reconstruct', 'scalar'], 'numpy 2.x array rebuild'),
  ...each('numpy.core.numeric', ['_frombuffer'], 'numpy 1.x array rebuild'),
  ...each('numpy._core.numeric', ['_frombuffer'], 'numpy 2.x array rebuild'),
  ...each(
    'numpy',
    ['ndarray', 'dtype', 'bool_', 'float64', 'float32', 'int64', 'int32', 'uint8'],
    'numpy types',
  ),
  ...each('numpy.dtypes', ['Class'], 'numpy 2.x dtype classes'),
  ...each('numpy.ma.core', ['_mareconstruct', 'MaskedArray'], 'numpy masked arrays'),
  ...each(
    'numpy.random._pickle',
    ['__randomstate_ctor', '__bit_generator_ctor', '__generator_ctor'],
    'numpy RNG state',
  ),
  ...each('numpy.random', ['__RandomState_ctor'], 'numpy RNG state (numpy < 1.17)'),
  ...each('numpy.random.mtrand', ['RandomState'], 'numpy RNG state'),
  ...each('numpy.random._mt19937', ['MT19937'], 'numpy bit generator'),
  ...each('numpy.random._pcg64', ['PCG64', 'PCG64DXSM'], 'numpy bit generator'),
  ...each('numpy.random._philox', ['Philox'], 'numpy bit generator'),
  ...each('numpy.random._sfc64', ['SFC64'], 'numpy bit generator'),
  ...each('numpy.random._generator', ['Generator'], 'numpy generator'),
  ...each(
    'numpy.random.bit_generator',
    ['SeedSequence', '__pyx_unpickle_SeedSequence'],
    'numpy seed sequence',
  ),
  ...each('numpy.ma', ['MaskedArray'], 'numpy masked arrays'),
  ...each('argparse', ['Namespace'], 'training arguments'),
  ...each(
    'pathlib',
    ['Path', 'PosixPath', 'WindowsPath', 'PurePath', 'PurePosixPath', 'PureWindowsPath'],
    'paths as data',
  ),
  ...each('datetime', ['datetime', 'date', 'time', 'timedelta', 'timezone'], 'timestamps'),
  ...each('decimal', ['Decimal'], 'numbers'),
  ...each('fractions', ['Fraction'], 'numbers'),
  ...each('uuid', ['UUID'], 'identifiers'),
  ...each('joblib.numpy_pickle', ['NumpyArrayWrapper'], 'joblib array wrapper'),
  ...each(
    'joblib.numpy_pickle_compat',
    ['NDArrayWrapper', 'ZNDArrayWrapper'],
    'joblib legacy wrappers',
  ),
  ...each(
    'sklearn.externals.joblib.numpy_pickle',
    ['NumpyArrayWrapper'],
    'old sklearn-bundled joblib',
  ),
  ...each('sklearn.*', ['Class'], 'scikit-learn estimators and their state classes'),
  ...each('scipy.sparse.*', ['Class'], 'scipy sparse matrices'),
  ...['_csr', '_csc', '_coo', '_lil', '_dok', '_bsr', '_dia', 'csr', 'csc', 'coo'].flatMap((m) =>
    each(
      `scipy.sparse.${m}`,
      [`${m.replace('_', '')}_matrix`, `${m.replace('_', '')}_array`],
      'scipy sparse matrices',
    ),
  ),
  ...each('torchvision.*', ['Class'], 'torchvision model classes in whole-model pickles'),
  ...each('xgboost.*', ['Class'], 'XGBoost estimators'),
  ...each('lightgbm.*', ['Class'], 'LightGBM estimators'),
  ...each('transformers.*', ['Class'], 'Hugging Face training arguments and enums'),
  ...each('accelerate.*', ['Class'], 'Hugging Face Accelerate enums'),
  ...each('tokenizers', ['Tokenizer', 'AddedToken'], 'tokenizer state'),
  ...each('pytorch_lightning.*', ['Class'], 'Lightning checkpoint hyper-parameters'),
  ...each('lightning.*', ['Class'], 'Lightning checkpoint hyper-parameters'),
  ...each('lightning_fabric.*', ['Class'], 'Lightning checkpoint hyper-parameters'),
  ...each('omegaconf.*', ['Class'], 'Hydra/OmegaConf configs in checkpoints'),
  ...each('typing', ['Any'], 'OmegaConf type annotations'),
  ...each('timm.*', ['Class'], 'timm model classes in whole-model pickles'),
];

const CLASS_NAME = /^[A-Z][A-Za-z0-9_]{0,127}$/;

function moduleMatches(pattern: string, module: string): boolean {
  if (!pattern.endsWith('.*')) return pattern === module;
  const prefix = pattern.slice(0, -2);
  return module === prefix || module.startsWith(`${prefix}.`);
}

/** The allow-list entry admitting `module.name`, if any. */
export function allowEntryFor(
  module: string,
  name: string,
  list: readonly AllowEntry[] = PICKLE_ALLOW_LIST,
): AllowEntry | undefined {
  for (const entry of list) {
    if (!moduleMatches(entry.module, module)) continue;
    if (entry.name === 'Class') {
      if (CLASS_NAME.test(name)) return entry;
    } else if (entry.name === name) {
      return entry;
    }
  }
  return undefined;
}
