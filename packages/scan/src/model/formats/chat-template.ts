import type { ModelIssue } from '../model-report.js';

/**
 * Checks a Jinja chat template (GGUF `tokenizer.chat_template*`,
 * `tokenizer_config.json` `chat_template`) for server-side template
 * injection: reaching Python internals through dunder attributes, the
 * `cycler`/`joiner`/`lipsum` globals, the `attr` filter or escaped
 * underscores (CVE-2024-34359 "Llama Drama"). Only text inside `{{ }}` and
 * `{% %}` is examined, with linear string searches.
 */
const DUNDER = [
  '__class__',
  '__globals__',
  '__subclasses__',
  '__mro__',
  '__base__',
  '__bases__',
  '__builtins__',
  '__import__',
  '__init__',
  '__dict__',
  '__getattribute__',
  '__reduce__',
  '__code__',
  '__func__',
  '__self__',
  '__module__',
  '__loader__',
  '__spec__',
];
const CRITICAL_WORDS = [
  'popen',
  'subprocess',
  'os.system',
  'eval(',
  'exec(',
  'import_module',
  'from_pyfile',
  '.__',
  "['__",
  '["__',
  "('__",
  '("__',
  '|attr("__',
];
const HIGH_WORDS = [
  'cycler',
  'joiner',
  'lipsum',
  'url_for',
  'get_flashed_messages',
  'request.',
  'config.',
  '|attr',
  '| attr',
  '\\x5f',
  '\\u005f',
  '\\137',
  'self._',
];
const MEDIUM_WORDS = [
  '{%- import',
  '{% import',
  '{% from',
  '{%- from',
  '{% include',
  '{%- include',
  '{% extends',
  '{%- extends',
];
export const MAX_TEMPLATE_BYTES = 4 << 20;

function tagText(template: string): string {
  let out = '';
  let pos = 0;
  for (;;) {
    const a = template.indexOf('{{', pos);
    const b = template.indexOf('{%', pos);
    const start = a < 0 ? b : b < 0 ? a : Math.min(a, b);
    if (start < 0) break;
    const closer = template[start + 1] === '{' ? '}}' : '%}';
    const end = template.indexOf(closer, start + 2);
    const stop = end < 0 ? template.length : end + 2;
    out += `${template.slice(start, stop)}\n`;
    pos = stop;
  }
  return out;
}

export function scanChatTemplate(
  template: string,
  key: string,
  member: string | undefined,
): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const push = (issue: ModelIssue) =>
    issues.push(member === undefined ? issue : { ...issue, member });
  if (template.length > MAX_TEMPLATE_BYTES) {
    push({
      ruleId: 'gguf.structure',
      severity: 'medium',
      message: `${key} is ${template.length} characters long`,
      evidence: `${key} length ${template.length}`,
    });
    return issues;
  }
  const tags = tagText(template);
  const lower = tags.toLowerCase();
  const hit = (words: readonly string[]) => words.filter((w) => lower.includes(w.toLowerCase()));
  const dunders = DUNDER.filter((d) => lower.includes(d));
  const critical = [...new Set([...dunders, ...hit(CRITICAL_WORDS)])];
  if (critical.length > 0) {
    push({
      ruleId: 'gguf.template-injection',
      severity: 'critical',
      message: `${key} reaches Python internals (${critical.join(', ')})`,
      evidence: critical.join(' '),
    });
    return issues;
  }
  const high = hit(HIGH_WORDS);
  if (high.length > 0) {
    push({
      ruleId: 'gguf.template-injection',
      severity: 'high',
      message: `${key} uses template features that escape the sandbox (${high.join(', ')})`,
      evidence: high.join(' '),
    });
    return issues;
  }
  const medium = hit(MEDIUM_WORDS);
  if (medium.length > 0) {
    push({
      ruleId: 'gguf.template-injection',
      severity: 'medium',
      message: `${key} imports or includes other templates`,
      evidence: medium.join(' '),
    });
  }
  return issues;
}
