/**
 * Callables whose mere presence in a pickle means code execution, file or
 * network access, or loading more code. A module listed with `*` is dangerous
 * as a whole. Names are matched on the module and the first segment of the
 * (possibly dotted) name, so `builtins.eval.__call__` is still `eval`.
 */
export const DANGEROUS_MODULES: Readonly<Record<string, string>> = {
  os: 'operating-system access (os.system, os.popen, exec*, spawn*)',
  posix: 'operating-system access',
  nt: 'operating-system access',
  subprocess: 'runs programs',
  pty: 'spawns shells',
  commands: 'runs shell commands (Python 2)',
  popen2: 'runs shell commands (Python 2)',
  runpy: 'runs Python modules',
  importlib: 'imports arbitrary code',
  imp: 'imports arbitrary code',
  pkgutil: 'imports arbitrary code',
  zipimport: 'imports arbitrary code',
  marshal: 'loads code objects',
  types: 'builds functions from code objects',
  code: 'interactive interpreter',
  codeop: 'compiles code',
  pdb: 'debugger that runs code',
  bdb: 'debugger that runs code',
  pydoc: 'imports and runs arbitrary objects',
  timeit: 'runs code strings',
  trace: 'runs code',
  profile: 'runs code strings',
  cProfile: 'runs code strings',
  socket: 'network access',
  ssl: 'network access',
  http: 'network access',
  'http.client': 'network access',
  urllib: 'network access',
  'urllib.request': 'network access',
  urllib2: 'network access',
  requests: 'network access',
  httplib: 'network access',
  ftplib: 'network access',
  smtplib: 'network access',
  telnetlib: 'network access',
  webbrowser: 'opens URLs and runs browsers',
  shutil: 'file-system changes',
  tempfile: 'file-system access',
  glob: 'file-system access',
  io: 'file access',
  fileinput: 'file access',
  ctypes: 'native code and memory access',
  cffi: 'native code',
  multiprocessing: 'spawns processes',
  'multiprocessing.util': 'spawns processes',
  concurrent: 'spawns processes',
  asyncio: 'spawns processes and network access',
  threading: 'runs callables on threads',
  signal: 'process control',
  sys: 'interpreter internals',
  gc: 'interpreter internals',
  inspect: 'interpreter internals',
  pickle: 'nested unpickling',
  _pickle: 'nested unpickling',
  cPickle: 'nested unpickling',
  dill: 'nested unpickling of code',
  cloudpickle: 'nested unpickling of code',
  shelve: 'nested unpickling',
  joblib: 'nested loading (joblib.load)',
  pip: 'installs packages',
  ensurepip: 'installs packages',
  setuptools: 'builds and installs packages',
  distutils: 'builds packages',
  venv: 'creates environments',
  operator: 'attribute and method access gadgets (attrgetter, methodcaller)',
  functools: 'callable composition gadgets (partial, reduce)',
  itertools: 'callable iteration gadgets (starmap)',
  site: 'interpreter start-up hooks',
  sysconfig: 'interpreter internals',
  platform: 'runs programs (platform.popen)',
  'numpy.testing._private.utils': 'runs code strings (runstring)',
  'torch.hub': 'downloads and runs code',
  'torch.jit': 'loads TorchScript code',
  'torch.serialization': 'nested torch.load',
  'tensorflow.io': 'file access',
  _io: 'file access',
  _posixsubprocess: 'runs programs',
  _socket: 'network access',
  _thread: 'runs callables on threads',
  _operator: 'attribute and method access gadgets',
  _functools: 'callable composition gadgets',
  _ctypes: 'native code and memory access',
  _winapi: 'runs programs (Windows)',
  msvcrt: 'Windows runtime access',
  winreg: 'Windows registry access',
  'logging.config': 'starts a configuration server / imports by name',
  xmlrpc: 'network access',
  paramiko: 'network access',
  httpx: 'network access',
  aiohttp: 'network access',
  idlelib: 'runs code',
  lib2to3: 'runs code',
  'keras.utils': 'downloads files (get_file)',
};

export const DANGEROUS_BUILTINS: Readonly<Record<string, string>> = {
  eval: 'evaluates code',
  exec: 'executes code',
  execfile: 'executes a file',
  compile: 'compiles code',
  open: 'opens files',
  file: 'opens files',
  __import__: 'imports arbitrary modules',
  getattr: 'reaches arbitrary attributes',
  setattr: 'changes arbitrary attributes',
  delattr: 'removes attributes',
  globals: 'interpreter internals',
  locals: 'interpreter internals',
  vars: 'interpreter internals',
  input: 'reads input and, in Python 2, evaluates it',
  breakpoint: 'starts a debugger',
  apply: 'calls arbitrary callables (Python 2)',
  reload: 'reloads modules',
  help: 'imports modules',
  memoryview: 'raw memory access',
  type: 'builds new classes',
  super: 'interpreter internals',
  classmethod: 'descriptor gadgets',
  staticmethod: 'descriptor gadgets',
  property: 'descriptor gadgets',
  map: 'calls a callable lazily',
  filter: 'calls a callable lazily',
  print: 'writes output',
};

const BUILTIN_MODULES = new Set(['builtins', '__builtin__', '__builtins__']);

/** Why `module.name` is dangerous, or undefined when it is not on the lists. */
export function dangerReason(module: string, name: string): string | undefined {
  const first = name.split('.')[0] ?? name;
  if (BUILTIN_MODULES.has(module)) return DANGEROUS_BUILTINS[first];
  const segments = name.split('.');
  if (
    segments.some((s) => s.startsWith('__') && s.endsWith('__') && s.length > 4 && s !== '__init__')
  ) {
    return 'reaches Python internals through a dunder attribute';
  }
  const parts = module.split('.');
  for (let i = parts.length; i >= 1; i--) {
    const reason = DANGEROUS_MODULES[parts.slice(0, i).join('.')];
    if (reason !== undefined) return reason;
  }
  if (module === 'torch' && (first === 'load' || first === 'hub')) return 'nested torch.load';
  if (module === 'numpy' && first === 'load') return 'numpy.load with pickles allowed';
  return undefined;
}
