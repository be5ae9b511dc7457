/* eslint-disable no-useless-escape -- hyphens and slashes in character classes are escaped on purpose, for readability. */
import type { Detection, FrameworkId, Severity } from '@bulwark/core';
import type { Detector, DetectorInput } from '../detector.js';
import { exfiltrationSignals, hostAllowed } from './url-exfiltration.js';

/** Options of the unsafe-output detector. */
export interface UnsafeOutputOptions {
  /** Domains (and their subdomains) that output may load from or link to freely. */
  allowedDomains?: readonly string[];
}

const EXFIL_REFS: FrameworkId[] = ['LLM02:2025', 'LLM05:2025', 'AML.T0057'];
const UNSAFE_REFS: FrameworkId[] = ['LLM05:2025', 'CWE-1426'];

/** Markdown image/link: `![alt](url)` / `[text](url)`; bounded alt text and URL. */
const MARKDOWN_LINK = /(!?)\[[^\]\n]{0,1000}\]\(\s{0,4}<?([^\s)>]{1,8192})/g;
/** Markdown reference definition: `[id]: url`. */
const MARKDOWN_REF = /^\s{0,3}\[[^\]\n]{1,200}\]:\s{0,4}<?([^\s>]{1,8192})/gm;
/** An HTML start tag, attributes bounded. */
const HTML_TAG = /<([A-Za-z][A-Za-z0-9\-]{0,20})(\s[^<>]{0,4096})?>/g;
const URL_ATTRIBUTE =
  /\b(src|href|srcset|action|formaction|poster|data|background)\s{0,4}=\s{0,4}(?:"([^"]{0,8192})"|'([^']{0,8192})'|([^\s"'>]{1,8192}))/gi;
const EVENT_HANDLER = /(?:^|\s|\/)on[a-z]{3,30}\s{0,4}=/i;
const AUTOLOAD_TAGS = new Set([
  'img',
  'iframe',
  'frame',
  'embed',
  'object',
  'video',
  'audio',
  'source',
  'script',
  'link',
  'input',
  'image',
  'track',
  'body',
]);
const JS_URL = /^\s*(?:javascript|vbscript)\s*:/i;
const TERMINAL_ESCAPE =
  // eslint-disable-next-line no-control-regex -- matching ESC/BEL/CSI control characters is the point.
  /\u001b\][0-9]{0,4};[^\u0007\u001b]{0,2048}(?:\u0007|\u001b\\)?|\u001b\[[0-9;?]{0,32}[ -\/]{0,4}[@-~]|\u009b[0-9;?]{0,32}[@-~]|\u001b[PX^_][^\u001b]{0,2048}/g;
const SQL_PAYLOAD =
  /'\s{0,4}(?:or|and)\s{1,4}'?[0-9a-z]{1,10}'?\s{0,4}=\s{0,4}'?[0-9a-z]{1,10}|;\s{0,4}(?:drop|delete|truncate|alter|insert|update|create|grant|exec)\s{1,8}[a-z]|\bunion\s{1,8}(?:all\s{1,8})?select\b|'\s{0,4};\s{0,4}--|\bxp_cmdshell\b|\b(?:sleep|pg_sleep|benchmark)\s{0,4}\(\s{0,4}[0-9]/gi;
const SHELL_PAYLOAD =
  /(?:;|&&|\|\||\|)\s{0,4}(?:rm\s{1,4}-[a-z]{0,4}[rf]|curl\s|wget\s|nc\s|bash\b|sh\b|python[0-9.]{0,4}\s+-c|chmod\s|mkfifo\b)|\$\([^)\n]{1,200}\)|`[^`\n]{1,200}`|\b(?:curl|wget)\s[^\n|]{1,300}\|\s{0,4}(?:ba|z)?sh\b|>\s{0,4}\/dev\/tcp\//gi;

function detection(
  category: 'exfiltration' | 'unsafe_output',
  type: string,
  score: number,
  severity: Severity,
  start: number,
  end: number,
  signals: string[],
  message: string,
): Detection {
  return {
    detector: 'unsafe-output',
    category,
    type,
    score,
    severity,
    start,
    end,
    refs: category === 'exfiltration' ? EXFIL_REFS : UNSAFE_REFS,
    signals,
    message,
  };
}

function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw.replace(/&amp;/g, '&'));
  } catch {
    return undefined;
  }
}

/**
 * Output that attacks whoever renders or consumes it (OWASP LLM05:2025
 * Improper Output Handling; CWE-1426): data exfiltration through
 * auto-loading images and links to non-allowlisted domains (MITRE ATLAS
 * AML.T0057 LLM Data Leakage), executable markup, terminal escape
 * sequences, and SQL/shell payloads when the output feeds those sinks.
 */
export class UnsafeOutputDetector implements Detector {
  private readonly allowed: readonly string[];

  constructor(options: UnsafeOutputOptions = {}) {
    this.allowed = (options.allowedDomains ?? []).map((d) => d.toLowerCase());
  }

  detect(input: DetectorInput): Detection[] {
    // Only model output is rendered or executed downstream; prompts asking about `<script>` are fine.
    if (input.role !== 'output') return [];
    const text = input.text;
    const found: Detection[] = [];
    if (text.includes('](') || text.includes(']:')) this.markdown(text, found);
    if (text.includes('<')) this.html(text, found);
    if (text.includes('\u001b') || text.includes('\u009b')) this.terminal(text, found);
    const jsAt = text.toLowerCase().indexOf('javascript:');
    if (jsAt >= 0 && !found.some((d) => d.start <= jsAt && d.end > jsAt)) {
      found.push(
        detection(
          'unsafe_output',
          'unsafe_output.javascript_url',
          0.7,
          'high',
          jsAt,
          jsAt + 11,
          ['javascript_url'],
          'javascript: URL in output',
        ),
      );
    }
    if (input.sinks.includes('sql'))
      this.payloads(text, SQL_PAYLOAD, 'unsafe_output.sql_injection', found);
    if (input.sinks.includes('shell'))
      this.payloads(text, SHELL_PAYLOAD, 'unsafe_output.shell_injection', found);
    return found.sort((a, b) => a.start - b.start);
  }

  private checkUrl(
    raw: string,
    autoLoad: boolean,
    start: number,
    end: number,
    kind: string,
    found: Detection[],
  ): void {
    if (JS_URL.test(raw)) {
      found.push(
        detection(
          'unsafe_output',
          'unsafe_output.javascript_url',
          0.9,
          'high',
          start,
          end,
          ['javascript_url', kind],
          `javascript: URL in ${kind}`,
        ),
      );
      return;
    }
    if (/^\s*data:/i.test(raw)) {
      found.push(
        detection(
          'exfiltration',
          'exfiltration.data_uri',
          autoLoad ? 0.7 : 0.6,
          'medium',
          start,
          end,
          ['data_uri', kind],
          `data: URI in ${kind}`,
        ),
      );
      return;
    }
    const url = parseUrl(raw);
    if (!url || !/^https?:$/.test(url.protocol) || hostAllowed(url.hostname, this.allowed)) return;
    const signals = exfiltrationSignals(url);
    if (signals.length === 0) return;
    const score = autoLoad ? 0.9 : 0.7;
    found.push(
      detection(
        'exfiltration',
        autoLoad ? 'exfiltration.auto_load_url' : 'exfiltration.link_url',
        score,
        'high',
        start,
        end,
        [...signals, kind, ...(autoLoad ? ['auto_load'] : [])],
        `${autoLoad ? 'Auto-loading' : 'Linked'} ${kind} URL carries data to a non-allowlisted domain`,
      ),
    );
  }

  private markdown(text: string, found: Detection[]): void {
    MARKDOWN_LINK.lastIndex = 0;
    for (;;) {
      const m = MARKDOWN_LINK.exec(text);
      if (!m) break;
      const image = m[1] === '!';
      this.checkUrl(
        m[2] ?? '',
        image,
        m.index,
        m.index + m[0].length,
        image ? 'markdown image' : 'markdown link',
        found,
      );
    }
    MARKDOWN_REF.lastIndex = 0;
    for (;;) {
      const m = MARKDOWN_REF.exec(text);
      if (!m) break;
      this.checkUrl(m[1] ?? '', true, m.index, m.index + m[0].length, 'markdown reference', found);
    }
  }

  private html(text: string, found: Detection[]): void {
    HTML_TAG.lastIndex = 0;
    for (;;) {
      const m = HTML_TAG.exec(text);
      if (!m) break;
      const tag = (m[1] ?? '').toLowerCase();
      const attributes = m[2] ?? '';
      const start = m.index;
      const end = m.index + m[0].length;
      if (tag === 'script') {
        found.push(
          detection(
            'unsafe_output',
            'unsafe_output.script_tag',
            0.95,
            'high',
            start,
            end,
            ['script_tag'],
            '<script> element in output',
          ),
        );
      }
      if (EVENT_HANDLER.test(attributes)) {
        found.push(
          detection(
            'unsafe_output',
            'unsafe_output.event_handler',
            0.9,
            'high',
            start,
            end,
            ['event_handler', `tag_${tag}`],
            'HTML event-handler attribute in output',
          ),
        );
      }
      if (tag === 'meta' && /http-equiv\s{0,4}=\s{0,4}["']?refresh/i.test(attributes)) {
        found.push(
          detection(
            'exfiltration',
            'exfiltration.meta_refresh',
            0.8,
            'high',
            start,
            end,
            ['meta_refresh', 'auto_load'],
            'meta refresh redirect in output',
          ),
        );
      }
      URL_ATTRIBUTE.lastIndex = 0;
      for (;;) {
        const a = URL_ATTRIBUTE.exec(attributes);
        if (!a) break;
        const value = a[2] ?? a[3] ?? a[4] ?? '';
        const autoLoad = AUTOLOAD_TAGS.has(tag) && (a[1] ?? '').toLowerCase() !== 'href';
        this.checkUrl(value, autoLoad || tag === 'link', start, end, `<${tag}>`, found);
      }
    }
  }

  private terminal(text: string, found: Detection[]): void {
    TERMINAL_ESCAPE.lastIndex = 0;
    for (;;) {
      const m = TERMINAL_ESCAPE.exec(text);
      if (!m) break;
      const osc8 = m[0].startsWith('\u001b]8;');
      found.push(
        detection(
          'unsafe_output',
          osc8 ? 'unsafe_output.terminal_hyperlink' : 'unsafe_output.terminal_escape',
          osc8 ? 0.85 : 0.7,
          'medium',
          m.index,
          m.index + m[0].length,
          [osc8 ? 'osc8_hyperlink' : 'ansi_escape'],
          osc8 ? 'OSC 8 terminal hyperlink in output' : 'Terminal control sequence in output',
        ),
      );
    }
  }

  private payloads(text: string, pattern: RegExp, type: string, found: Detection[]): void {
    pattern.lastIndex = 0;
    for (;;) {
      const m = pattern.exec(text);
      if (!m) break;
      found.push(
        detection(
          'unsafe_output',
          type,
          0.85,
          'high',
          m.index,
          m.index + m[0].length,
          ['sink_payload'],
          `${type.endsWith('sql_injection') ? 'SQL' : 'Shell'} injection payload for a downstream sink`,
        ),
      );
    }
  }
}
