import { isMessageRole, MESSAGE_ROLES, type MessageRole } from '@bulwark/core';
import { EVAL_LABELS, type EvalLabel } from '@bulwark/detect';
import { parseObjectLine } from './jsonl-lines.js';

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string; id: unknown };

/** A row of `bulwark detect --input`: `{"id", "text", "role"?}`. */
export interface InputRow {
  id: unknown;
  text: string;
  role: MessageRole;
}

/** A row of `bulwark detect --eval`: `{"text", "label", "role"?, "source"?}`. */
export interface EvalRow {
  text: string;
  label: EvalLabel;
  role: MessageRole;
  source: string | undefined;
}

function parseCommon(
  text: string,
): Parsed<{ object: Record<string, unknown>; text: string; role: MessageRole }> {
  const parsed = parseObjectLine(text);
  if (!parsed.ok) return { ok: false, reason: parsed.reason, id: null };
  const object = parsed.value;
  const id = object['id'] ?? null;
  if (typeof object['text'] !== 'string') {
    return { ok: false, reason: '"text" must be a string', id };
  }
  const role = object['role'] ?? 'user';
  if (!isMessageRole(role)) {
    return { ok: false, reason: `"role" must be one of ${MESSAGE_ROLES.join(', ')}`, id };
  }
  return { ok: true, value: { object, text: object['text'], role } };
}

export function parseInputRow(text: string): Parsed<InputRow> {
  const common = parseCommon(text);
  if (!common.ok) return common;
  const id = common.value.object['id'] ?? null;
  if (id !== null && typeof id !== 'string' && typeof id !== 'number') {
    return { ok: false, reason: '"id" must be a string or a number', id: null };
  }
  return { ok: true, value: { id, text: common.value.text, role: common.value.role } };
}

export function parseEvalRow(text: string): Parsed<EvalRow> {
  const common = parseCommon(text);
  if (!common.ok) return common;
  const { object } = common.value;
  const label = object['label'];
  if (typeof label !== 'string' || !(EVAL_LABELS as readonly string[]).includes(label)) {
    return {
      ok: false,
      reason: `"label" must be one of ${EVAL_LABELS.join(', ')}`,
      id: object['id'] ?? null,
    };
  }
  const source = object['source'];
  if (source !== undefined && typeof source !== 'string') {
    return { ok: false, reason: '"source" must be a string', id: object['id'] ?? null };
  }
  return {
    ok: true,
    value: { text: common.value.text, label: label as EvalLabel, role: common.value.role, source },
  };
}
