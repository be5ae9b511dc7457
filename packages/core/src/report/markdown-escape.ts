import { singleLine } from './plain-text.js';

/**
 * Escapes untrusted text for one GitHub-flavoured Markdown table cell or list
 * item: one line, `&`, `<` and `>` as entities (no raw HTML, so no images or
 * scripts), and a backslash before every character that starts emphasis,
 * code, links, strikethrough, math or a table column (`\` `` ` `` `*` `_`
 * `[` `]` `~` `|` `$`). Text is cut to `max` code points first.
 */
export function escapeMarkdown(text: string, max = 500): string {
  return singleLine(text, max)
    .replace(/[\\`*_[\]~|$]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Untrusted text shown as code: `<code>` around escaped text. Unlike a
 * backtick span it needs no fence-length games, keeps `|` escapable inside
 * tables, and GitHub does not turn `@name` or URLs in it into mentions or
 * links.
 */
export function markdownCode(text: string, max = 500): string {
  return `<code>${escapeMarkdown(text, max)}</code>`;
}
