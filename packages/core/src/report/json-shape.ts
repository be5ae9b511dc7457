import { isDateTime } from './date-time.js';

// A few combinators that check parsed JSON against a shape and collect every
// issue with its JSON path. They mirror the JSON Schema keywords the report
// schema uses (type, const, enum, minLength, minimum, required,
// additionalProperties: false, format: date-time), so the reader and
// `bulwark-report.schema.json` accept the same documents; a test holds them
// to that.

export interface ShapeIssue {
  /** JSON path from the document root, e.g. `findings[3].location.kind`. */
  path: string;
  message: string;
}

/** Stops collecting after this many issues; a broken file gets a readable list. */
export const MAX_SHAPE_ISSUES = 50;

export type Shape = (value: unknown, path: string, issues: ShapeIssue[]) => void;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function report(issues: ShapeIssue[], path: string, message: string): void {
  if (issues.length < MAX_SHAPE_ISSUES) issues.push({ path: path || '(root)', message });
}

function expectType(value: unknown, type: string, path: string, issues: ShapeIssue[]): boolean {
  const actual = typeOf(value);
  if (actual === type) return true;
  report(issues, path, `expected ${type}, found ${actual}`);
  return false;
}

function child(path: string, key: string): string {
  const safe = /^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key) ? key : JSON.stringify(key);
  if (safe === key) return path === '' ? key : `${path}.${key}`;
  return `${path}[${safe}]`;
}

export function string(options: { minLength?: number; format?: 'date-time' } = {}): Shape {
  return (value, path, issues) => {
    if (!expectType(value, 'string', path, issues)) return;
    const text = value as string;
    if (options.minLength !== undefined && text.length < options.minLength) {
      report(issues, path, 'must not be empty');
    } else if (options.format === 'date-time' && !isDateTime(text)) {
      report(
        issues,
        path,
        `expected an RFC 3339 date-time such as 2026-01-31T12:00:00Z, found ${JSON.stringify(text.slice(0, 40))}`,
      );
    }
  };
}

export function number(options: { integer?: boolean; minimum?: number } = {}): Shape {
  return (value, path, issues) => {
    if (!expectType(value, 'number', path, issues)) return;
    const n = value as number;
    if (options.integer && !Number.isInteger(n))
      report(issues, path, `expected an integer, found ${n}`);
    else if (options.minimum !== undefined && n < options.minimum) {
      report(issues, path, `must be at least ${options.minimum}, found ${n}`);
    }
  };
}

export function oneOf(values: readonly string[]): Shape {
  return (value, path, issues) => {
    if (!expectType(value, 'string', path, issues)) return;
    if (!values.includes(value as string)) {
      report(
        issues,
        path,
        `must be one of ${values.join(', ')}; found ${JSON.stringify(String(value).slice(0, 40))}`,
      );
    }
  };
}

export const scalar: Shape = (value, path, issues) => {
  const type = typeOf(value);
  if (!['string', 'number', 'boolean', 'null'].includes(type)) {
    report(issues, path, `expected a string, number, boolean or null, found ${type}`);
  }
};

export function arrayOf(item: Shape): Shape {
  return (value, path, issues) => {
    if (!expectType(value, 'array', path, issues)) return;
    const items = value as unknown[];
    for (let i = 0; i < items.length && issues.length < MAX_SHAPE_ISSUES; i++) {
      item(items[i], `${path}[${i}]`, issues);
    }
  };
}

/** An object with these required and optional properties and no others. */
export function object(
  required: Record<string, Shape>,
  optional: Record<string, Shape> = {},
): Shape {
  return (value, path, issues) => {
    if (!expectType(value, 'object', path, issues)) return;
    const record = value as Record<string, unknown>;
    for (const [key, shape] of Object.entries(required)) {
      if (Object.hasOwn(record, key)) shape(record[key], child(path, key), issues);
      else report(issues, path, `missing required property "${key}"`);
    }
    for (const [key, shape] of Object.entries(optional)) {
      if (Object.hasOwn(record, key)) shape(record[key], child(path, key), issues);
    }
    for (const key of Object.keys(record)) {
      if (!Object.hasOwn(required, key) && !Object.hasOwn(optional, key)) {
        report(issues, child(path, key), `unknown property "${key.slice(0, 40)}"`);
      }
    }
  };
}

/** An object whose values all match `shape`; keys limited to `keys` when given. */
export function recordOf(shape: Shape, keys?: readonly string[]): Shape {
  return (value, path, issues) => {
    if (!expectType(value, 'object', path, issues)) return;
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (issues.length >= MAX_SHAPE_ISSUES) return;
      if (keys && !keys.includes(key)) {
        report(
          issues,
          child(path, key),
          `unknown key "${key.slice(0, 40)}"; expected one of ${keys.join(', ')}`,
        );
      } else {
        shape(item, child(path, key), issues);
      }
    }
  };
}

/** Objects told apart by a string property (`kind`), each with its own shape. */
export function taggedUnion(tag: string, variants: Record<string, Shape>): Shape {
  return (value, path, issues) => {
    if (!expectType(value, 'object', path, issues)) return;
    const record = value as Record<string, unknown>;
    const kind = record[tag];
    const names = Object.keys(variants);
    const variant =
      typeof kind === 'string' && Object.hasOwn(variants, kind) ? variants[kind] : undefined;
    if (!variant) {
      report(issues, child(path, tag), `must be one of ${names.join(', ')}`);
      return;
    }
    variant(value, path, issues);
  };
}
