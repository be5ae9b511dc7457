import { BufferByteSource, SliceByteSource, readAll, type ByteSource } from './byte-source.js';
import { scanArchiveMembers } from './containers/scan-archive.js';
import { decompress, type Codec } from './containers/decompress.js';
import { hasZipEnd } from './containers/zip-reader.js';
import { scanChatTemplate } from './formats/chat-template.js';
import { scanGguf } from './formats/gguf.js';
import { findHdf5JsonAttributes } from './formats/hdf5.js';
import { scanKerasConfig } from './formats/keras-config.js';
import { readNpyHeader } from './formats/numpy.js';
import { scanOnnx } from './formats/onnx.js';
import { scanSafetensors } from './formats/safetensors.js';
import { scanTensorflowGraph, scanTensorflowText } from './formats/savedmodel.js';
import { scanPickle } from './pickle/scan-pickle.js';
import { incomplete, report, type ScanContext } from './scan-context.js';
import { hasPickleExtension, sniffFormat } from './sniff-format.js';

const MAX_JSON = 64 << 20;

function stripExtension(name: string): string {
  const base = name.split('/').pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : `${base}.out`;
}

function loadBounded(
  source: ByteSource,
  ctx: ScanContext,
  member: string | undefined,
  what: string,
): Uint8Array | undefined {
  if (source.size > ctx.limits.maxMemberBytes) {
    incomplete(
      ctx,
      member,
      `${what} of ${source.size} bytes exceeds the in-memory limit of ${ctx.limits.maxMemberBytes} bytes (safety limit)`,
    );
    return undefined;
  }
  return readAll(source);
}

/**
 * Scans one byte source (a file or a container member): sniffs its format
 * and runs the matching checks, recursing into containers. Returns the
 * format name reported for it.
 */
export async function scanSource(
  source: ByteSource,
  member: string | undefined,
  name: string,
  depth: number,
  ctx: ScanContext,
): Promise<string> {
  if (depth > ctx.limits.maxDepth) {
    incomplete(
      ctx,
      member,
      `containers nested deeper than ${ctx.limits.maxDepth} levels (safety limit)`,
    );
    return 'nested';
  }
  const format = sniffFormat(source, name);
  switch (format) {
    case 'pickle':
      return scanPickleLike(source, member, name, depth, ctx);
    case 'pytorch-legacy':
      ctx.issues.push(
        ...scanPickle(source, member, { maxPickles: 5, maxOps: ctx.limits.maxPickleOps }),
      );
      return 'pytorch-legacy';
    case 'zip':
    case 'tar':
    case '7z':
      return scanArchiveMembers(format, source, member, name, depth, ctx, scanSource);
    case 'gzip':
    case 'bzip2':
    case 'xz':
    case 'lz4':
    case 'zlib':
    case 'lzma':
      return scanCompressed(format, source, member, name, depth, ctx);
    case 'joblib-zfile': {
      const head = source.read(0, 32);
      // joblib's ZF header: "ZF" + hex length padded to 18 bytes, then a zlib stream.
      let start = -1;
      for (let i = 4; i + 1 < head.length && start < 0; i++) {
        if (head[i] === 0x78 && (0x78 * 256 + (head[i + 1] ?? 0)) % 31 === 0) start = i;
      }
      if (start < 0) {
        incomplete(ctx, member, 'joblib zfile without a zlib stream');
        return 'joblib-zfile';
      }
      await scanCompressed(
        'zlib',
        new SliceByteSource(source, start, source.size - start),
        member,
        name,
        depth,
        ctx,
      );
      return 'joblib-zfile';
    }
    case 'zstd':
      incomplete(ctx, member, `${format} containers are not supported; contents were not analysed`);
      return format;
    case 'npy': {
      const header = readNpyHeader(source);
      if (!header.ok) {
        incomplete(ctx, member, header.reason);
        return 'npy';
      }
      if (header.objectDtype) {
        report(
          ctx,
          member,
          'numpy.object-array',
          'info',
          'object array data is a pickle; analysed it',
          header.descr,
        );
        const data = new SliceByteSource(
          source,
          header.dataOffset,
          source.size - header.dataOffset,
        );
        ctx.issues.push(...scanPickle(data, member, { maxOps: ctx.limits.maxPickleOps }));
      }
      return 'npy';
    }
    case 'hdf5': {
      for (const config of findHdf5JsonAttributes(source))
        ctx.issues.push(...scanKerasConfig(config, member));
      return 'hdf5';
    }
    case 'gguf': {
      const result = scanGguf(source, member);
      if (result.ok) ctx.issues.push(...result.issues);
      else incomplete(ctx, member, result.reason);
      return 'gguf';
    }
    case 'safetensors':
      ctx.issues.push(...scanSafetensors(source, member));
      return 'safetensors';
    case 'onnx':
    case 'savedmodel':
    case 'tf-graph':
      return scanProtobuf(format, source, member, name, ctx);
    case 'json':
      return scanJson(source, member, name, ctx);
    case 'jinja': {
      const text = loadBounded(source, ctx, member, 'template');
      if (text !== undefined)
        ctx.issues.push(...scanChatTemplate(Buffer.from(text).toString('utf8'), name, member));
      return 'jinja';
    }
    case 'tf-text': {
      const text = loadBounded(source, ctx, member, 'text graph');
      if (text !== undefined)
        ctx.issues.push(...scanTensorflowText(Buffer.from(text).toString('utf8'), member));
      return 'tf-text';
    }
    case 'unknown':
      return 'unknown';
  }
}

async function scanPickleLike(
  source: ByteSource,
  member: string | undefined,
  name: string,
  depth: number,
  ctx: ScanContext,
): Promise<string> {
  const issues = scanPickle(source, member, { maxOps: ctx.limits.maxPickleOps });
  const onlyBroken = issues.every(
    (i) => i.ruleId === 'model.scan-incomplete' || i.ruleId === 'pickle.parse-error',
  );
  if (issues.length > 0 && onlyBroken && member !== undefined && !hasPickleExtension(name)) {
    // A member that merely starts like a pickle (tensor bytes) and does not parse is data.
    return 'data';
  }
  ctx.issues.push(...issues);
  if (hasZipEnd(source)) {
    report(
      ctx,
      member,
      'archive.polyglot',
      'medium',
      'file is a pickle and also ends with a zip directory',
      'pickle+zip',
    );
    await scanArchiveMembers('zip', source, member, name, depth, ctx, scanSource);
    return 'pickle+zip';
  }
  return 'pickle';
}

async function scanCompressed(
  codec: Codec,
  source: ByteSource,
  member: string | undefined,
  name: string,
  depth: number,
  ctx: ScanContext,
): Promise<string> {
  const input = loadBounded(source, ctx, member, `${codec} stream`);
  if (input === undefined) return codec;
  const budget = Math.max(
    0,
    Math.min(ctx.limits.maxMemberBytes, ctx.limits.maxTotalBytes - ctx.expandedBytes),
  );
  const result = await decompress(codec, input, budget);
  if (!result.ok) {
    if (result.limit && budget / Math.max(1, input.length) > ctx.limits.maxRatio) {
      report(
        ctx,
        member,
        'archive.bomb',
        'high',
        `${codec} stream expands beyond ${budget} bytes from ${input.length}`,
        `${codec} ratio>${Math.floor(budget / Math.max(1, input.length))}`,
      );
    }
    incomplete(ctx, member, result.reason);
    return codec;
  }
  ctx.expandedBytes += result.bytes.length;
  const inner = stripExtension(name);
  const innerMember = member === undefined ? inner : `${member}!/${inner}`;
  const innerFormat = await scanSource(
    new BufferByteSource(result.bytes),
    innerMember,
    inner,
    depth + 1,
    ctx,
  );
  ctx.members.push({ path: innerMember, format: innerFormat });
  return `${codec}`;
}

function scanProtobuf(
  format: 'onnx' | 'savedmodel' | 'tf-graph',
  source: ByteSource,
  member: string | undefined,
  name: string,
  ctx: ScanContext,
): string {
  const bytes = loadBounded(source, ctx, member, format);
  if (bytes === undefined) return format;
  try {
    if (format === 'onnx')
      ctx.issues.push(...scanOnnx(bytes, member, member === undefined ? ctx.directory : undefined));
    else if (name.toLowerCase().endsWith('keras_metadata.pb')) {
      for (const config of findHdf5JsonAttributes(new BufferByteSource(bytes)))
        ctx.issues.push(...scanKerasConfig(config, member));
    } else ctx.issues.push(...scanTensorflowGraph(bytes, member, format === 'tf-graph'));
  } catch (error) {
    incomplete(
      ctx,
      member,
      `${format} protobuf is malformed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return format;
}

function scanJson(
  source: ByteSource,
  member: string | undefined,
  name: string,
  ctx: ScanContext,
): string {
  if (source.size > MAX_JSON) return 'json';
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(readAll(source)).toString('utf8'));
  } catch {
    return name.toLowerCase().endsWith('.json') ? 'json' : 'unknown';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'json';
  const record = value as Record<string, unknown>;
  const template = record['chat_template'];
  if (typeof template === 'string')
    ctx.issues.push(...scanChatTemplate(template, 'chat_template', member));
  if (Array.isArray(template)) {
    for (const entry of template) {
      const t = (entry as Record<string, unknown> | null)?.['template'];
      if (typeof t === 'string') ctx.issues.push(...scanChatTemplate(t, 'chat_template', member));
    }
  }
  const keras = 'class_name' in record || 'module' in record || 'keras_version' in record;
  if (keras) {
    try {
      ctx.issues.push(...scanKerasConfig(record, member));
    } catch (error) {
      incomplete(ctx, member, error instanceof Error ? error.message : String(error));
    }
    return 'keras-config';
  }
  return typeof template === 'undefined' ? 'json' : 'tokenizer-config';
}
