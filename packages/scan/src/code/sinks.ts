import { lastSegment, rootSegment, type IrCall, type IrExpr, type SourceLanguage } from './ir.js';
import { isHttpClientCall } from './ai-apis.js';
import type { FlowView } from './taint-engine.js';

/**
 * Dangerous sinks by category: each returns the arguments of `call` that must
 * not carry untrusted data, or undefined when the call is not that sink.
 * Callee paths are import-resolved (`cp.exec` -> `child_process.exec`).
 */
const first = (call: IrCall): IrExpr[] => (call.args[0] ? [call.args[0]] : []);

function lang(flow: FlowView): SourceLanguage {
  return flow.module.language;
}

export function codeExecSink(call: IrCall, flow: FlowView): IrExpr[] | undefined {
  const c = call.callee;
  if (lang(flow) === 'python') {
    if (
      [
        'eval',
        'exec',
        'compile',
        'builtins.eval',
        'builtins.exec',
        '__import__',
        'importlib.import_module',
      ].includes(c)
    )
      return first(call);
    return undefined;
  }
  if (c === 'eval' || c === 'Function' || c === 'window.eval' || c === 'globalThis.eval')
    return [...call.args];
  if (
    c.startsWith('vm.') &&
    ['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction', 'Script'].includes(
      lastSegment(c),
    )
  )
    return first(call);
  if ((c === 'setTimeout' || c === 'setInterval') && call.args[0]?.kind !== 'function')
    return first(call);
  return undefined;
}

const PY_SHELL = new Set([
  'os.system',
  'os.popen',
  'subprocess.run',
  'subprocess.call',
  'subprocess.check_call',
  'subprocess.check_output',
  'subprocess.Popen',
  'subprocess.getoutput',
  'subprocess.getstatusoutput',
  'commands.getoutput',
  'pexpect.spawn',
  'pexpect.run',
  'asyncio.create_subprocess_shell',
  'asyncio.create_subprocess_exec',
  'pty.spawn',
]);
const TS_SHELL = new Set([
  'exec',
  'execSync',
  'spawn',
  'spawnSync',
  'execFile',
  'execFileSync',
  'fork',
  'execa',
  'execaSync',
  'execaCommand',
  'execaCommandSync',
  '$',
]);

export function shellSink(call: IrCall, flow: FlowView): IrExpr[] | undefined {
  const c = call.callee;
  if (lang(flow) === 'python') {
    if (!PY_SHELL.has(c) && !/^os\.(exec|spawn)\w+$/.test(c)) return undefined;
    const arg = call.args[0] ?? call.kwargs.get('args');
    if (!arg) return [];
    // `subprocess.run(["git", x])`: only the program position is command injection.
    if (arg.kind === 'array' && call.kwargs.get('shell')?.value !== 'True')
      return arg.children[0] ? [arg.children[0]] : [];
    return [arg];
  }
  const root = rootSegment(c);
  if (
    ['child_process', 'execa', 'shelljs', 'zx', 'Bun', 'Deno'].includes(root) &&
    TS_SHELL.has(lastSegment(c))
  )
    return first(call);
  if (c === 'execa' || c === 'Bun.spawn') return first(call);
  return undefined;
}

const SQL_RECEIVER =
  /(^|_)(db|conn|connection|cursor|cur|pool|sequelize|knex|prisma|database|session|sql|pg|mysql|sqlite|duckdb|con|tx|trx|client|engine)$|[a-z](Db|DB|Conn|Cursor|Pool|Client)$/i;
const SQL_METHODS = new Set([
  'query',
  'execute',
  'executemany',
  'executescript',
  'raw',
  'exec',
  'prepare',
  '$queryRawUnsafe',
  '$executeRawUnsafe',
  'unsafe',
]);

export function sqlSink(call: IrCall): IrExpr[] | undefined {
  const c = call.callee;
  if (
    c === 'sqlalchemy.text' ||
    c === 'sqlalchemy.sql.text' ||
    /(^|\.)read_sql(_query)?$/.test(c) ||
    c === 'knex.raw' ||
    c === 'sql.raw'
  )
    return first(call);
  const last = lastSegment(c);
  if (!SQL_METHODS.has(last)) return undefined;
  const receiver = call.calleeExpr.object?.path ?? '';
  if (!SQL_RECEIVER.test(lastSegment(receiver)) && !SQL_RECEIVER.test(receiver.replace(/\.$/, '')))
    return undefined;
  if (
    /llm|chain|agent|query_?engine|chat_?engine|index|retriever|openai|anthropic|model/i.test(
      receiver,
    )
  )
    return undefined;
  return first(call);
}

export function htmlSink(call: IrCall, flow: FlowView): IrExpr[] | undefined {
  const c = call.callee;
  if (lang(flow) === 'python') {
    const last = lastSegment(c);
    if (['Markup', 'render_template_string', 'mark_safe', 'HTMLResponse', 'HTML'].includes(last)) {
      const arg =
        call.args[0] ??
        call.kwargs.get('content') ??
        call.kwargs.get('source') ??
        call.kwargs.get('value');
      return arg ? [arg] : [];
    }
    if (
      (last === 'markdown' || last === 'write') &&
      call.kwargs.get('unsafe_allow_html')?.value === 'True'
    )
      return first(call);
    if (c === 'streamlit.html' || c.endsWith('components.v1.html')) return first(call);
    return undefined;
  }
  if (c === '<jsx>.dangerouslySetInnerHTML' || c === '<vue>.v-html') return [...call.args];
  if (lastSegment(c) === 'insertAdjacentHTML') return call.args[1] ? [call.args[1]] : [];
  if (c === 'document.write' || c === 'document.writeln') return [...call.args];
  if (
    (c === '?.html' || c.endsWith('.html')) &&
    (rootSegment(c) === '$' || rootSegment(c) === 'jQuery' || c === '?.html')
  )
    return first(call);
  return undefined;
}

/** `el.innerHTML = x` and friends. */
export function isHtmlPropertyTarget(target: string): boolean {
  const last = lastSegment(target);
  return last === 'innerHTML' || last === 'outerHTML' || last === 'srcdoc';
}

const TS_FS = new Set([
  'readFile',
  'readFileSync',
  'writeFile',
  'writeFileSync',
  'appendFile',
  'appendFileSync',
  'unlink',
  'unlinkSync',
  'rm',
  'rmSync',
  'rmdir',
  'rmdirSync',
  'mkdir',
  'mkdirSync',
  'createWriteStream',
  'createReadStream',
  'rename',
  'renameSync',
  'copyFile',
  'copyFileSync',
  'open',
  'openSync',
  'readdir',
  'readdirSync',
  'cp',
  'cpSync',
  'truncate',
]);
const PY_FS = new Set([
  'os.remove',
  'os.unlink',
  'os.rmdir',
  'os.removedirs',
  'os.rename',
  'os.replace',
  'os.makedirs',
  'os.mkdir',
  'os.listdir',
  'shutil.rmtree',
  'shutil.copy',
  'shutil.copyfile',
  'shutil.copy2',
  'shutil.copytree',
  'shutil.move',
  'flask.send_file',
]);
const PATH_METHODS = new Set([
  'write_text',
  'write_bytes',
  'read_text',
  'read_bytes',
  'unlink',
  'rmdir',
  'touch',
  'mkdir',
]);

export function pathSink(call: IrCall, flow: FlowView): IrExpr[] | undefined {
  const c = call.callee;
  if (lang(flow) === 'python') {
    if (
      c === 'open' ||
      c === 'io.open' ||
      c === 'codecs.open' ||
      c === 'aiofiles.open' ||
      PY_FS.has(c)
    )
      return first(call);
    const object = call.calleeExpr.object;
    if (object && PATH_METHODS.has(lastSegment(c))) return [object];
    return undefined;
  }
  const root = rootSegment(c);
  if (
    (root === 'fs' ||
      root === 'fs/promises' ||
      root === 'fs-extra' ||
      c.startsWith('fs.promises.')) &&
    TS_FS.has(lastSegment(c))
  ) {
    return ['rename', 'renameSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync'].includes(
      lastSegment(c),
    )
      ? call.args.slice(0, 2)
      : first(call);
  }
  if (lastSegment(c) === 'sendFile' || lastSegment(c) === 'download') return first(call);
  return undefined;
}

export function urlSink(call: IrCall): IrExpr[] | undefined {
  const c = call.callee;
  if (isHttpClientCall(c)) {
    const url = call.kwargs.get('url');
    if (url) return [url];
    if (lastSegment(c) === 'request' && rootSegment(c) !== 'axios' && call.args.length >= 2)
      return call.args.slice(0, 2);
    return first(call);
  }
  const receiver = lastSegment(call.calleeExpr.object?.path ?? '');
  if (
    /^(session|client|http_?client|async_?client|http|s)$/i.test(receiver) &&
    ['get', 'post', 'put', 'delete', 'patch', 'request'].includes(lastSegment(c))
  ) {
    return first(call);
  }
  return undefined;
}

export function deserializeSink(call: IrCall, flow: FlowView): IrExpr[] | undefined {
  const c = call.callee;
  if (lang(flow) === 'python') {
    if (
      /^(pickle|_pickle|cPickle|dill|cloudpickle|marshal)\.loads?$/.test(c) ||
      c === 'jsonpickle.decode' ||
      c === 'yaml.unsafe_load' ||
      c === 'yaml.full_load' ||
      c === 'shelve.open'
    )
      return first(call);
    if (c === 'yaml.load') {
      const loader = call.kwargs.get('Loader') ?? call.args[1];
      if (loader && /Safe/.test(loader.text)) return undefined;
      return first(call);
    }
    return undefined;
  }
  const last = lastSegment(c);
  if (
    (last === 'unserialize' || c === 'v8.deserialize' || last === 'deepDeserialize') &&
    c !== last
  )
    return first(call);
  if (c === 'unserialize') return first(call);
  return undefined;
}

const LOG_ROOT =
  /^(logger|log|logging|console|winston|pino|\w*[Ll]ogger|app\.logger|self\.logger|this\.logger)$/;
const LOG_METHODS = new Set([
  'log',
  'info',
  'debug',
  'warn',
  'warning',
  'error',
  'trace',
  'fatal',
  'critical',
  'exception',
]);

export function logSink(call: IrCall): IrExpr[] | undefined {
  const c = call.callee;
  const last = lastSegment(c);
  if (!LOG_METHODS.has(last)) return undefined;
  const receiver = c.slice(0, Math.max(0, c.length - last.length - 1));
  if (!LOG_ROOT.test(receiver) && !LOG_ROOT.test(lastSegment(receiver))) return undefined;
  return [...call.args, ...call.kwargs.values()];
}
