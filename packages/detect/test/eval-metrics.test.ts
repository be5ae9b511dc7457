import { describe, expect, it } from 'vitest';
import { computeEvalReport, rocAuc, tprAtFpr, type EvalOutcome } from '../src/eval/eval-metrics.js';

describe('evaluation metrics', () => {
  it('computes confusion-based metrics per label and source', () => {
    const outcomes: EvalOutcome[] = [
      { label: 'injection', source: 'a', score: 0.9, detected: true },
      { label: 'injection', source: 'a', score: 0.4, detected: false },
      { label: 'jailbreak', source: 'b', score: 0.95, detected: true },
      { label: 'benign', source: 'a', score: 0.6, detected: true },
      { label: 'benign', source: 'b', score: 0.1, detected: false },
      { label: 'benign', source: 'b', score: 0.05, detected: false },
    ];
    const report = computeEvalReport(outcomes);
    expect(report.overall.truePositives).toBe(2);
    expect(report.overall.falseNegatives).toBe(1);
    expect(report.overall.falsePositives).toBe(1);
    expect(report.overall.precision).toBeCloseTo(2 / 3);
    expect(report.overall.recall).toBeCloseTo(2 / 3);
    expect(report.overall.fpr).toBeCloseTo(1 / 3);
    expect(report.overall.balancedAccuracy).toBeCloseTo((2 / 3 + 2 / 3) / 2);
    expect(report.byLabel.jailbreak?.recall).toBe(1);
    expect(report.byLabel.benign?.fpr).toBeCloseTo(1 / 3);
    expect(report.bySource['b']?.rows).toBe(3);
  });

  it('computes TPR at a maximum FPR without exceeding it on ties', () => {
    expect(tprAtFpr([0.9, 0.8, 0.3], [0.1, 0.2, 0.5], 0)).toBeCloseTo(2 / 3);
    expect(tprAtFpr([0.5, 0.5], [0.5, 0.1], 0)).toBe(0);
    expect(tprAtFpr([], [0.1], 0.01)).toBeUndefined();
  });

  it('computes ROC AUC', () => {
    expect(rocAuc([0.9, 0.8], [0.1, 0.2])).toBe(1);
    expect(rocAuc([0.5], [0.5])).toBe(0.5);
  });
});
