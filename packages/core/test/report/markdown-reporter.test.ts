import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MARKDOWN_TOP_FINDINGS, MarkdownReporter, createReporter } from '../../src/index.js';
import { escapeMarkdown } from '../../src/report/markdown-escape.js';
import { makeFinding, sampleReport } from './sample-report.js';

const write = (report = sampleReport(), failOn: 'high' | 'critical' | 'info' = 'high') =>
  new MarkdownReporter().write(report, { failOn, color: false });

/** Table rows under a heading, split on unescaped pipes. */
function rowsAfter(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (rows.length > 0 && !line.startsWith('|')) break;
    if (!line.startsWith('|')) continue;
    rows.push(
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows.slice(2);
}

describe('MarkdownReporter', () => {
  it('is registered as the markdown format', () => {
    expect(createReporter('markdown')).toBeInstanceOf(MarkdownReporter);
  });

  it('states the verdict against the threshold', () => {
    expect(write()).toContain('**Failed:** 2 findings at or above `high`.');
    expect(write(sampleReport(), 'critical')).toContain(
      '**Failed:** 1 finding at or above `critical`.',
    );
    expect(write(sampleReport({ findings: [] }))).toContain(
      '**Passed:** no findings at or above `high`.',
    );
  });

  it('counts findings by severity, suppressed apart', () => {
    const markdown = write();
    const lines = markdown.split('\n');
    const counts = lines.filter((line) =>
      /^\| (Critical|High|Medium|Low|Info|Suppressed) \| \d+ \|$/.test(line),
    );
    expect(counts).toEqual([
      '| Critical | 1 |',
      '| High | 1 |',
      '| Medium | 1 |',
      '| Low | 0 |',
      '| Info | 0 |',
      '| Suppressed | 1 |',
    ]);
  });

  it('lists the top findings, most severe first, without suppressed ones', () => {
    const rows = rowsAfter(write(), '### Top findings');
    expect(rows.map((row) => row[0])).toEqual(['Critical', 'High', 'Medium']);
    expect(rows[0]?.[1]).toBe('<code>pickle.dangerous-call</code>');
    expect(rows[0]?.[2]).toBe('<code>models/model.pt!/archive/data.pkl</code>');
    expect(rows.every((row) => row.length === 5)).toBe(true);
  });

  it('shows at most the top findings and counts the rest', () => {
    const findings = Array.from({ length: MARKDOWN_TOP_FINDINGS + 5 }, (_, i) =>
      makeFinding({ location: { kind: 'file', path: `f${i}.ts` } }),
    );
    const markdown = write(sampleReport({ findings }));
    expect(rowsAfter(markdown, '### Top findings')).toHaveLength(MARKDOWN_TOP_FINDINGS);
    expect(markdown).toContain('…and 5 more not shown; see the full report.');
  });

  it('escapes pipes, backticks, HTML, links and math in finding text', () => {
    const evidence =
      'a|b `code` <img src=x onerror=alert(1)> [link](https://e.t) ![i](https://e.t/?q=s) $x$ &amp; *bold* _u_ ~~s~~ \\';
    const report = sampleReport({
      findings: [
        makeFinding({
          location: { kind: 'file', path: 'src/a|b.ts' },
          message: 'first line\nsecond | line <b>bold</b>',
          evidence,
        }),
      ],
    });
    const markdown = write(report);
    const rows = rowsAfter(markdown, '### Top findings');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveLength(5);
    expect(markdown).not.toMatch(/<(img|b)\b/);
    const cell = rows[0]?.[4] ?? '';
    expect(cell).toBe(
      '<code>a\\|b \\`code\\` &lt;img src=x onerror=alert(1)&gt; \\[link\\](https://e.t) !\\[i\\](https://e.t/?q=s) \\$x\\$ &amp;amp; \\*bold\\* \\_u\\_ \\~\\~s\\~\\~ \\\\</code>',
    );
    expect(rows[0]?.[3]).toBe('first line second \\| line &lt;b&gt;bold&lt;/b&gt;');
    expect(rows[0]?.[2]).toBe('<code>src/a\\|b.ts</code>');
  });

  it('cuts long text without splitting characters', () => {
    const escaped = escapeMarkdown('😀'.repeat(300), 10);
    expect(Array.from(escaped)).toHaveLength(10);
    expect(escaped.endsWith('…')).toBe(true);
    expect(escaped).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('lists notices in a collapsed section', () => {
    const markdown = write();
    expect(markdown).toContain('<details><summary>Notices (1)</summary>');
    expect(markdown).toContain(
      '- warning: skipped a file larger than 10 MB (<code>data/huge.bin</code>)',
    );
  });

  it('keeps the table shape and emits no HTML of its own for any finding text', () => {
    const ours = /^<\/?(code|details|summary|sub)>$/;
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 80 }),
        fc.string({ unit: 'binary', maxLength: 80 }),
        (message, evidence) => {
          const report = sampleReport({
            findings: [
              makeFinding({
                location: { kind: 'file', path: message || 'x' },
                ruleId: evidence || 'r',
                message,
                evidence,
              }),
            ],
            notices: [{ level: 'note', message: evidence }],
          });
          const markdown = write(report);
          const rows = rowsAfter(markdown, '### Top findings');
          expect(rows).toHaveLength(1);
          expect(rows[0]).toHaveLength(5);
          for (const tag of markdown.match(/<[^>]*>/g) ?? []) expect(tag).toMatch(ours);
        },
      ),
      { numRuns: 200 },
    );
  });
});
