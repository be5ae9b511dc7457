import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineColumnAt, locateJsonSyntaxError } from '../../src/report/json-syntax.js';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('locateJsonSyntaxError', () => {
  it('points at the offending character', () => {
    expect(locateJsonSyntaxError('{"a": tru}')).toEqual({
      offset: 6,
      message: "unexpected 't', expected a value",
    });
    expect(locateJsonSyntaxError('[1, 2,]')).toEqual({
      offset: 6,
      message: "unexpected ']', expected a value",
    });
    expect(locateJsonSyntaxError('{"a" 1}')).toEqual({
      offset: 5,
      message: "expected ':' after the property name, found '1'",
    });
    expect(locateJsonSyntaxError("{'a': 1}")?.message).toMatch(/property name in double quotes/);
    expect(locateJsonSyntaxError('"abc')).toEqual({ offset: 0, message: 'unterminated string' });
    expect(locateJsonSyntaxError('"a\nb"')?.message).toMatch(/line break inside a string/);
    expect(locateJsonSyntaxError('"\\x"')?.message).toMatch(/invalid escape/);
    expect(locateJsonSyntaxError('{} {}')?.message).toMatch(/after the end of the JSON value/);
    expect(locateJsonSyntaxError('[01]')?.offset).toBe(2);
    expect(locateJsonSyntaxError('{"a": [1, {"b": null}]}')).toBeUndefined();
  });

  it('agrees with JSON.parse on valid and corrupted JSON', () => {
    const corrupted = fc
      .tuple(
        fc.json({ maxDepth: 3 }),
        fc.nat(),
        fc.constantFrom('', '}', ']', ',', ':', '"', '\\', 'x', '0', ' ', '\n'),
      )
      .map(([json, at, insert]) => {
        const i = at % (json.length + 1);
        return json.slice(0, i) + insert + json.slice(i + (insert === '' ? 1 : 0));
      });
    fc.assert(
      fc.property(
        fc.oneof(fc.json({ maxDepth: 3 }), corrupted, fc.string({ maxLength: 30 })),
        (text) => {
          expect(locateJsonSyntaxError(text) === undefined).toBe(parses(text));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('counts lines and columns from 1 across LF, CRLF and CR', () => {
    expect(lineColumnAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt('ab\r\ncd', 5)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt('ab\rcd', 3)).toEqual({ line: 2, column: 1 });
    expect(lineColumnAt('abc', 0)).toEqual({ line: 1, column: 1 });
  });
});
