/**
 * Detection-quality metrics over labelled texts, as `bulwark detect --eval`
 * and the benchmarks report them. Attacks (`injection`, `jailbreak`) are the
 * positive class; a text counts as detected when the guard did not allow it.
 */
export const EVAL_LABELS = ['injection', 'jailbreak', 'benign'] as const;
export type EvalLabel = (typeof EVAL_LABELS)[number];

/** One labelled text after the guard saw it. */
export interface EvalOutcome {
  label: EvalLabel;
  source?: string;
  score: number;
  detected: boolean;
}

/** Confusion counts and the rates derived from them; undefined where a denominator is 0. */
export interface EvalCounts {
  rows: number;
  positives: number;
  negatives: number;
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  precision: number | undefined;
  recall: number | undefined;
  f1: number | undefined;
  fpr: number | undefined;
  accuracy: number | undefined;
  balancedAccuracy: number | undefined;
}

export interface EvalReport {
  overall: EvalCounts & {
    tprAt1PctFpr: number | undefined;
    tprAt01PctFpr: number | undefined;
    rocAuc: number | undefined;
  };
  /** Per label: for attacks `recall` is the share detected; for benign `fpr` is. */
  byLabel: Partial<Record<EvalLabel, EvalCounts>>;
  bySource: Record<string, EvalCounts>;
}

export function computeEvalReport(outcomes: readonly EvalOutcome[]): EvalReport {
  const byLabel: Partial<Record<EvalLabel, EvalCounts>> = {};
  for (const label of EVAL_LABELS) {
    const rows = outcomes.filter((o) => o.label === label);
    if (rows.length > 0) byLabel[label] = countOutcomes(rows);
  }
  const sources = new Map<string, EvalOutcome[]>();
  for (const outcome of outcomes) {
    const key = outcome.source ?? '(none)';
    const list = sources.get(key) ?? [];
    list.push(outcome);
    sources.set(key, list);
  }
  const bySource: Record<string, EvalCounts> = {};
  for (const key of [...sources.keys()].sort())
    bySource[key] = countOutcomes(sources.get(key) ?? []);
  const positives = outcomes.filter((o) => o.label !== 'benign').map((o) => o.score);
  const negatives = outcomes.filter((o) => o.label === 'benign').map((o) => o.score);
  return {
    overall: {
      ...countOutcomes(outcomes),
      tprAt1PctFpr: tprAtFpr(positives, negatives, 0.01),
      tprAt01PctFpr: tprAtFpr(positives, negatives, 0.001),
      rocAuc: rocAuc(positives, negatives),
    },
    byLabel,
    bySource,
  };
}

function ratio(numerator: number, denominator: number): number | undefined {
  return denominator === 0 ? undefined : numerator / denominator;
}

function countOutcomes(rows: readonly EvalOutcome[]): EvalCounts {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (const row of rows) {
    const positive = row.label !== 'benign';
    if (positive && row.detected) tp++;
    else if (positive) fn++;
    else if (row.detected) fp++;
    else tn++;
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const fpr = ratio(fp, fp + tn);
  const f1 =
    precision !== undefined && recall !== undefined && precision + recall > 0
      ? (2 * precision * recall) / (precision + recall)
      : precision !== undefined && recall !== undefined
        ? 0
        : undefined;
  const balancedAccuracy =
    recall !== undefined && fpr !== undefined ? (recall + (1 - fpr)) / 2 : undefined;
  return {
    rows: rows.length,
    positives: tp + fn,
    negatives: fp + tn,
    truePositives: tp,
    falsePositives: fp,
    trueNegatives: tn,
    falseNegatives: fn,
    precision,
    recall,
    f1,
    fpr,
    accuracy: ratio(tp + tn, rows.length),
    balancedAccuracy,
  };
}

/**
 * Highest true-positive rate at a score threshold whose false-positive rate
 * does not exceed `maxFpr` (a text is positive when its score is strictly
 * above the threshold, so ties never push the FPR over the limit).
 */
export function tprAtFpr(
  positives: readonly number[],
  negatives: readonly number[],
  maxFpr: number,
): number | undefined {
  if (positives.length === 0 || negatives.length === 0) return undefined;
  const sorted = [...negatives].sort((a, b) => b - a);
  const allowed = Math.floor(maxFpr * sorted.length);
  const threshold = sorted[allowed] ?? -Infinity;
  return positives.filter((score) => score > threshold).length / positives.length;
}

/** Area under the ROC curve (Mann–Whitney U, ties count one half). */
export function rocAuc(
  positives: readonly number[],
  negatives: readonly number[],
): number | undefined {
  if (positives.length === 0 || negatives.length === 0) return undefined;
  const all = [
    ...positives.map((score) => ({ score, positive: true })),
    ...negatives.map((score) => ({ score, positive: false })),
  ].sort((a, b) => a.score - b.score);
  let rankSum = 0;
  let k = 0;
  while (k < all.length) {
    let j = k;
    while (j + 1 < all.length && all[j + 1]?.score === all[k]?.score) j++;
    const rank = (k + j + 2) / 2;
    for (let m = k; m <= j; m++) if (all[m]?.positive) rankSum += rank;
    k = j + 1;
  }
  const n1 = positives.length;
  return (rankSum - (n1 * (n1 + 1)) / 2) / (n1 * negatives.length);
}
