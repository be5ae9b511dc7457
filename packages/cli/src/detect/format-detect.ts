import type { Detection, Verdict } from '@bulwark/core';
import type { EvalCounts, EvalReport } from '@bulwark/detect';

/** The per-detection fields of a `--input` output line. */
export function detectionRecord(detection: Detection): Record<string, unknown> {
  return {
    detector: detection.detector,
    category: detection.category,
    type: detection.type,
    score: detection.score,
    severity: detection.severity,
    start: detection.start,
    end: detection.end,
    signals: detection.signals ?? [],
  };
}

/** Human-readable verdict for one text. */
export function formatVerdict(verdict: Verdict, text: string): string {
  const lines = [`${verdict.action.toUpperCase()}  score ${verdict.score.toFixed(3)}`];
  for (const d of verdict.detections) {
    lines.push(
      `  ${d.detector}  ${d.type}  ${d.score.toFixed(3)} ${d.severity}  [${d.start}, ${d.end})  ${d.refs.join(' ')}`,
    );
    if (d.signals && d.signals.length > 0) lines.push(`    signals: ${d.signals.join(', ')}`);
    if (d.message) lines.push(`    ${d.message}`);
    lines.push(`    text: ${JSON.stringify(snippet(text.slice(d.start, d.end)))}`);
  }
  if (verdict.detections.length === 0) lines.push('  no detections');
  return `${lines.join('\n')}\n`;
}

function snippet(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 77)}...`;
}

function pct(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${(value * 100).toFixed(2)}%`;
}

function num(value: number | undefined): string {
  return value === undefined ? 'n/a' : value.toFixed(4);
}

function countsLine(name: string, c: EvalCounts): string {
  return `  ${name.padEnd(44)} rows ${String(c.rows).padStart(6)}  precision ${pct(c.precision).padStart(7)}  recall ${pct(c.recall).padStart(7)}  F1 ${num(c.f1)}  FPR ${pct(c.fpr).padStart(7)}`;
}

/** Human-readable evaluation report. */
export function formatEvalReport(report: EvalReport, malformed: number): string {
  const o = report.overall;
  const lines = [
    `rows ${o.rows} (${o.positives} attacks, ${o.negatives} benign)${malformed ? `, ${malformed} malformed lines skipped` : ''}`,
    `precision ${pct(o.precision)}  recall ${pct(o.recall)}  F1 ${num(o.f1)}  FPR ${pct(o.fpr)}  balanced accuracy ${pct(o.balancedAccuracy)}`,
    `TPR at 1% FPR ${pct(o.tprAt1PctFpr)}  TPR at 0.1% FPR ${pct(o.tprAt01PctFpr)}  ROC AUC ${num(o.rocAuc)}`,
    `confusion: TP ${o.truePositives}  FP ${o.falsePositives}  TN ${o.trueNegatives}  FN ${o.falseNegatives}`,
    '',
    'by label:',
    ...Object.entries(report.byLabel).map(([label, counts]) => countsLine(label, counts)),
    '',
    'by source:',
    ...Object.entries(report.bySource).map(([source, counts]) => countsLine(source, counts)),
  ];
  return `${lines.join('\n')}\n`;
}
