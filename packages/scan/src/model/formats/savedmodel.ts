import type { ModelIssue } from '../model-report.js';
import { wireFields, utf8 } from './protobuf-wire.js';

/**
 * TensorFlow graph ops that read or write files or run Python when the graph
 * executes (tensorflow/core/ops/io_ops.cc, script_ops.cc). Checkpoint ops
 * every SavedModel has (SaveV2, RestoreV2, MergeV2Checkpoints) are not here.
 */
export const DANGEROUS_TF_OPS: Readonly<Record<string, 'critical' | 'high'>> = {
  PyFunc: 'critical',
  PyFuncStateless: 'critical',
  EagerPyFunc: 'critical',
  ReadFile: 'high',
  WriteFile: 'high',
  MatchingFiles: 'high',
  ImmutableConst: 'high',
  DebugIdentityV3: 'high',
};

const MAX_NODES = 5_000_000;

/**
 * Collects op names from a SavedModel (`saved_model.proto`: meta_graphs=2 →
 * graph_def=2 → node=1 / library=2 → function=1 → node_def=3) or a bare
 * GraphDef, and reports dangerous ones.
 */
export function scanTensorflowGraph(
  bytes: Uint8Array,
  member: string | undefined,
  bareGraph: boolean,
): ModelIssue[] {
  const ops = new Map<string, number>();
  let nodes = 0;
  const node = (b: Uint8Array) => {
    if (++nodes > MAX_NODES) throw new Error('more graph nodes than the safety limit');
    for (const f of wireFields(b))
      if (f.field === 2 && f.wire === 2) {
        const op = utf8(f.bytes);
        ops.set(op, (ops.get(op) ?? 0) + 1);
      }
  };
  const graph = (b: Uint8Array) => {
    for (const f of wireFields(b)) {
      if (f.wire !== 2) continue;
      if (f.field === 1) node(f.bytes);
      if (f.field === 2) {
        for (const fn of wireFields(f.bytes)) {
          if (fn.field !== 1 || fn.wire !== 2) continue;
          for (const part of wireFields(fn.bytes))
            if (part.field === 3 && part.wire === 2) node(part.bytes);
        }
      }
    }
  };
  if (bareGraph) graph(bytes);
  else {
    for (const f of wireFields(bytes)) {
      if (f.field !== 2 || f.wire !== 2) continue;
      for (const m of wireFields(f.bytes)) if (m.field === 2 && m.wire === 2) graph(m.bytes);
    }
  }
  const issues: ModelIssue[] = [];
  for (const [op, count] of ops) {
    const severity = DANGEROUS_TF_OPS[op];
    if (severity === undefined) continue;
    const issue: ModelIssue = {
      ruleId: 'savedmodel.dangerous-op',
      severity,
      message: `graph uses op ${op} (${count}×), which ${severity === 'critical' ? 'runs Python code' : 'touches the file system'}`,
      evidence: `op ${op}`,
    };
    issues.push(member === undefined ? issue : { ...issue, member });
  }
  return issues;
}

/** The same check for text-format graphs (`saved_model.pbtxt`): `op: "Name"` fields. */
export function scanTensorflowText(text: string, member: string | undefined): ModelIssue[] {
  const issues: ModelIssue[] = [];
  for (const [op, severity] of Object.entries(DANGEROUS_TF_OPS)) {
    if (!text.includes(`op: "${op}"`)) continue;
    const issue: ModelIssue = {
      ruleId: 'savedmodel.dangerous-op',
      severity,
      message: `text graph uses op ${op}, which ${severity === 'critical' ? 'runs Python code' : 'touches the file system'}`,
      evidence: `op ${op}`,
    };
    issues.push(member === undefined ? issue : { ...issue, member });
  }
  return issues;
}
