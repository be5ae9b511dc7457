import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseSource, parseSuppressions } from '../src/index.js';
import { parseMcpConfig, stripJsonComments } from '../src/configs/mcp-config.js';
import { findModelIdentifiers } from '../src/inventory/model-identifiers.js';

describe('parsers of untrusted input never throw', () => {
  it('analyses arbitrary TypeScript and Python text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 400 }),
        fc.constantFrom('a.ts', 'a.py', 'a.tsx', 'a.vue'),
        async (body, path) => {
          const result = await analyseSource(path, `import openai\n${body}`);
          expect(Array.isArray(result.hits)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('parses arbitrary MCP config and suppression text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        stripJsonComments(text);
        parseMcpConfig(text);
        parseSuppressions(`# bulwark-ignore: ${text}`);
        findModelIdentifiers(text);
      }),
      { numRuns: 300 },
    );
  });

  it('handles deeply nested and adversarial inputs quickly', async () => {
    const deep = `import openai\nx = ${'['.repeat(2000)}${']'.repeat(2000)}\n`;
    const deepTs = `import OpenAI from 'openai';\nconst x = ${'('.repeat(2000)}1${')'.repeat(2000)};\n`;
    const longLine = `import openai\ns = "${'a'.repeat(200_000)}"\n`;
    const quotes = `"${"'".repeat(50_000)}`;
    for (const [path, text] of [
      ['d.py', deep],
      ['d.ts', deepTs],
      ['l.py', longLine],
    ] as const) {
      await expect(analyseSource(path, text)).resolves.toBeDefined();
    }
    expect(findModelIdentifiers(quotes)).toEqual([]);
    expect(stripJsonComments(`/*${'*'.repeat(100_000)}`)).toBeTypeOf('string');
  });
});
