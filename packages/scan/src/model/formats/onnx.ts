import { lstatSync } from 'node:fs';
import { resolve } from 'node:path';
import { memberNameProblem } from '../containers/member-name.js';
import type { ModelIssue } from '../model-report.js';
import { wireFields, utf8 } from './protobuf-wire.js';

/**
 * ONNX external data (onnx.proto TensorProto.external_data=13, key
 * "location"): the location must be a relative path that stays inside the
 * model directory after normalisation and is not a link (the checks ONNX's
 * own `external_data_helper` added after CVE-2022-25882 / CVE-2024-27318).
 */
const MAX_DEPTH = 64;

export function collectExternalLocations(bytes: Uint8Array): string[] {
  const out: string[] = [];
  const tensor = (b: Uint8Array) => {
    for (const f of wireFields(b)) {
      if (f.field !== 13 || f.wire !== 2) continue;
      let key = '';
      let value = '';
      for (const kv of wireFields(f.bytes)) {
        if (kv.field === 1 && kv.wire === 2) key = utf8(kv.bytes);
        if (kv.field === 2 && kv.wire === 2) value = utf8(kv.bytes);
      }
      if (key === 'location') out.push(value);
    }
  };
  const graph = (b: Uint8Array, depth: number): void => {
    if (depth > MAX_DEPTH) throw new Error('ONNX graphs nested deeper than the safety limit');
    for (const f of wireFields(b)) {
      if (f.wire !== 2) continue;
      if (f.field === 5) tensor(f.bytes);
      if (f.field === 15)
        for (const s of wireFields(f.bytes))
          if (s.wire === 2 && (s.field === 1 || s.field === 2)) tensor(s.bytes);
      if (f.field === 1) nodeAttributes(f.bytes, depth);
    }
  };
  const nodeAttributes = (b: Uint8Array, depth: number) => {
    for (const f of wireFields(b)) {
      if (f.field !== 5 || f.wire !== 2) continue;
      for (const a of wireFields(f.bytes)) {
        if (a.wire !== 2) continue;
        if (a.field === 5 || a.field === 9) tensor(a.bytes);
        if (a.field === 6 || a.field === 10) graph(a.bytes, depth + 1);
      }
    }
  };
  for (const f of wireFields(bytes)) {
    if (f.wire !== 2) continue;
    if (f.field === 7) graph(f.bytes, 0);
    if (f.field === 25)
      for (const fn of wireFields(f.bytes))
        if (fn.field === 7 && fn.wire === 2) nodeAttributes(fn.bytes, 0);
  }
  return out;
}

/** True when the top-level fields look like an ONNX ModelProto (graph=7 or opset_import=8). */
export function looksLikeOnnx(bytes: Uint8Array): boolean {
  try {
    let graph = false;
    let irVersion = false;
    for (const f of wireFields(bytes)) {
      if (f.field === 1 && f.wire === 0) irVersion = true;
      if ((f.field === 7 || f.field === 8) && f.wire === 2) graph = true;
    }
    return graph && irVersion;
  } catch {
    return false;
  }
}

export function scanOnnx(
  bytes: Uint8Array,
  member: string | undefined,
  directory: string | undefined,
): ModelIssue[] {
  const issues: ModelIssue[] = [];
  for (const location of new Set(collectExternalLocations(bytes))) {
    const problem = memberNameProblem(location);
    let reason: string | undefined =
      problem === 'absolute'
        ? 'is an absolute path'
        : problem === 'traversal'
          ? 'escapes the model directory'
          : undefined;
    if (reason === undefined && (location.includes('://') || location.includes('\0'))) {
      reason = 'is a URL or contains a NUL byte';
    }
    if (reason === undefined && directory !== undefined) {
      try {
        if (lstatSync(resolve(directory, location)).isSymbolicLink()) reason = 'is a symbolic link';
      } catch {
        // A missing external file is the loader's error, not a security finding.
      }
    }
    if (reason === undefined) continue;
    const issue: ModelIssue = {
      ruleId: 'onnx.external-data-path',
      severity: 'high',
      message: `external data location ${JSON.stringify(location.slice(0, 200))} ${reason}`,
      evidence: `location=${location.slice(0, 200)}`,
    };
    issues.push(member === undefined ? issue : { ...issue, member });
  }
  return issues;
}
