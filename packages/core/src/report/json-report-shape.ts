import { SEVERITIES } from '../severity.js';
import {
  arrayOf,
  number,
  object,
  oneOf,
  recordOf,
  scalar,
  string,
  taggedUnion,
  type Shape,
} from './json-shape.js';

// The layout of a version 1.x JSON report, as checks. It mirrors
// packages/core/schemas/bulwark-report.schema.json; change both together
// (test/report/json-report-schema.test.ts fails when they disagree).

const text = string();
const nonEmpty = string({ minLength: 1 });
const strings = arrayOf(text);
const severity = oneOf(SEVERITIES);
const count = number({ integer: true, minimum: 0 });
const position = number({ integer: true, minimum: 1 });

const region = object(
  { startLine: position },
  { startColumn: position, endLine: position, endColumn: position },
);

const location = taggedUnion('kind', {
  file: object({ kind: oneOf(['file']), path: nonEmpty }, { region, snippet: text }),
  artifact: object({ kind: oneOf(['artifact']), path: nonEmpty }, { member: text }),
  endpoint: object({ kind: oneOf(['endpoint']), url: nonEmpty }, { method: text }),
});

const finding = object(
  {
    ruleId: nonEmpty,
    title: text,
    message: text,
    severity,
    confidence: oneOf(['low', 'medium', 'high']),
    location,
    refs: strings,
    fingerprint: nonEmpty,
  },
  {
    evidence: text,
    remediation: text,
    tags: strings,
    properties: recordOf(scalar),
    suppression: object({ kind: oneOf(['inline', 'baseline']), reason: text }),
  },
);

const rule = object(
  { id: nonEmpty, title: text, description: text, help: text, severity, refs: strings },
  { tags: strings, cwe: strings, precision: oneOf(['very-high', 'high', 'medium', 'low']) },
);

const notice = object(
  { level: oneOf(['warning', 'error', 'note']), message: text },
  { path: text },
);

/** Checks everything but `version`, which the reader checks first for a clearer message. */
export const jsonReportShape: Shape = object(
  {
    version: text,
    tool: object({ name: nonEmpty, version: text }, { informationUri: text }),
    command: text,
    startedAt: string({ format: 'date-time' }),
    durationMs: number({ minimum: 0 }),
    targets: strings,
    summary: object({
      findings: count,
      suppressed: count,
      bySeverity: recordOf(count, SEVERITIES),
    }),
    findings: arrayOf(finding),
    notices: arrayOf(notice),
  },
  { root: text, rules: arrayOf(rule) },
);
