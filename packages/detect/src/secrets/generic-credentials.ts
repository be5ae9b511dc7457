/* eslint-disable no-useless-escape -- hyphens and slashes in character classes are escaped on purpose, for readability. */
import { isNonSecretIdentifier, isPlaceholderSecret, isSelfDescribingValue } from './allowlist.js';
import { characterClasses, shannonEntropy } from './entropy.js';
import type { SecretCandidate } from './secret-candidate.js';

/**
 * Credentials without a format of their own, found by context: HTTP
 * `Authorization` values (RFC 9110 §11.6.2; Bearer per RFC 6750, Basic per
 * RFC 7617), `password=`/`secret:`-style assignments in code, config, `.env`
 * and logs, and passwords in URL userinfo (RFC 3986 §3.2.1). Values pass
 * placeholder, identifier, entropy and character-class checks before they
 * count, which keeps real code quiet.
 */

const AUTH_SCHEME =
  /(?<![A-Za-z0-9_])(bearer|basic|token)[ \t]{1,3}([A-Za-z0-9._~+/\-]{8,4096}={0,3})(?![A-Za-z0-9._~+/=\-])/giy;

function findAuthorizationValues(text: string, lower: string, found: SecretCandidate[]): void {
  for (const scheme of ['bearer ', 'basic ', 'token ']) {
    let from = 0;
    for (;;) {
      const at = lower.indexOf(scheme, from);
      if (at < 0) break;
      from = at + scheme.length;
      AUTH_SCHEME.lastIndex = at;
      const match = AUTH_SCHEME.exec(text);
      if (!match) continue;
      const kind = (match[1] ?? '').toLowerCase();
      const value = match[2] ?? '';
      const before = lower.slice(Math.max(0, at - 40), at);
      const inHeader = /authorization["']?\s{0,3}[:=]\s{0,3}["']?$|-h\s{0,3}["']?$/.test(before);
      if (kind === 'token' && !inHeader) continue;
      if (isPlaceholderSecret(value) || isNonSecretIdentifier(value)) continue;
      if (kind === 'basic') {
        const decoded = Buffer.from(value, 'base64').toString('utf8');
        if (!/^[\x20-\x7e]{1,200}:[\x20-\x7e]{1,200}$/.test(decoded)) continue;
        const password = decoded.slice(decoded.indexOf(':') + 1);
        if (isPlaceholderSecret(password) || isSelfDescribingValue(password)) continue;
      } else {
        const strong = value.length >= 20 && shannonEntropy(value) >= 3.3;
        if (!(inHeader ? value.length >= 12 && characterClasses(value) >= 2 : strong)) continue;
        if (/^[a-z]+(?:[._-][a-z]+)*$/i.test(value)) continue;
      }
      found.push({
        ruleId: 'secret.authorization_header',
        start: at,
        end: at + match[0].length,
        score: inHeader ? 0.9 : 0.75,
        signals: [inHeader ? 'authorization_header' : 'bearer_value', `scheme_${kind}`],
      });
    }
  }
}

/** Key names (lower case) that hold a credential. */
const KEY_WORD =
  /pass(?:word|wd|phrase)|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|account[_-]?key|sharedaccesskey|private[_-]?key|auth[_-]?key|credentials?/g;

/** Key names that contain a keyword but hold something else. */
const NOT_A_CREDENTIAL_KEY =
  /#i[sz]|#s$|#s[_\-]|#less|hash|salt|digest|length|len$|minimum|min_|_min|max|policy|field|label|placeholder|prompt|input|type|name|regex|pattern|url|uri|path|file|dir|reset|confirm|hint|forgot|strength|expir|ttl|timeout|count|size|enabled|required|valid|mode|header|param|prefix|suffix|format|encod|algorithm|endpoint|limit|version|kind|class|style|icon|tokeni[sz]|tokens|bypass|passport|passive|passthrough|compass|passage|passed|passes|passing|secretary|ref$|_id$|id$|location|provider|manager|factory|handler|reader|loader|generator|cache|count|usage|rotation|storage|result|attempt|check/;

const ARN_BEFORE = /\barn:[a-z0-9-]{1,30}:[^\s"'`]{0,150}$/i;

const SEPARATOR = /["'\]]?[ \t]{0,3}(?::=|=>|=|:)[ \t]{0,3}/y;
/** Prose: `my password is: Sup3r!`, `the secret was q8Z…` (password-like and secret keys only). */
const PROSE_SEPARATOR = /[ \t]{1,3}(?:is|was)[ \t]{0,3}:?[ \t]{1,3}/y;
const QUOTED = /(["'`])([^"'`\r\n\\]{1,256})\1/y;
const UNQUOTED = /([^\s"'`,;)}\]<>]{1,256})/y;

const TYPE_WORDS =
  /^(?:string|number|boolean|bool|any|unknown|str|int|bytes|object|void|never|this|self|new|function|return|const|let|var|await|null|true|false|none|nil|undefined)$/i;

function isIdentifierLike(char: string | undefined): boolean {
  return char !== undefined && /[A-Za-z0-9_.\-]/.test(char);
}

function classifyAssignment(key: string, value: string): string | undefined {
  if (/aws|secret_?access_?key/.test(key) && /^[A-Za-z0-9/+]{40}$/.test(value)) {
    return 'secret.aws_secret_access_key';
  }
  if (/pass|pwd/.test(key)) return 'secret.password_assignment';
  return 'secret.generic_secret';
}

function findAssignments(text: string, lower: string, found: SecretCandidate[]): void {
  KEY_WORD.lastIndex = 0;
  for (;;) {
    const kw = KEY_WORD.exec(lower);
    if (!kw) break;
    const i = kw.index;
    // Expand to the whole key name (identifier characters around the keyword).
    let keyStart = i;
    while (keyStart > 0 && i - keyStart < 40 && isIdentifierLike(text[keyStart - 1])) keyStart--;
    let keyEnd = i + kw[0].length;
    while (keyEnd < text.length && keyEnd - i < 60 && /[A-Za-z0-9_\-]/.test(text[keyEnd] ?? ''))
      keyEnd++;
    KEY_WORD.lastIndex = keyEnd;
    const key = lower.slice(keyStart, keyEnd);
    // Judge the key by the words around the keyword (`accountkey` is not a "count").
    const around = `${lower.slice(keyStart, i)}#${lower.slice(i + kw[0].length, keyEnd)}`;
    if (NOT_A_CREDENTIAL_KEY.test(around)) continue;
    // A resource-type segment inside an ARN (`arn:aws:secretsmanager:…:secret:Name-AbCdEf`) names, never holds, a secret.
    if (
      text[keyStart - 1] === ':' &&
      ARN_BEFORE.test(text.slice(Math.max(0, keyStart - 160), keyStart))
    )
      continue;
    SEPARATOR.lastIndex = keyEnd;
    let sep = SEPARATOR.exec(text);
    let prose = false;
    if (!sep && /pass|pwd|secret/.test(key)) {
      PROSE_SEPARATOR.lastIndex = keyEnd;
      sep = PROSE_SEPARATOR.exec(text);
      prose = sep !== null;
    }
    if (!sep) continue;
    const valueAt = keyEnd + sep[0].length;
    let value: string;
    let start: number;
    let quoted = false;
    QUOTED.lastIndex = valueAt;
    const q = QUOTED.exec(text);
    if (q) {
      value = q[2] ?? '';
      start = valueAt + 1;
      quoted = true;
    } else {
      UNQUOTED.lastIndex = valueAt;
      const u = UNQUOTED.exec(text);
      if (!u) continue;
      value = u[1] ?? '';
      // In a query string the next `&name=` ends the value.
      const next = /&[A-Za-z_][\w-]{0,40}=/.exec(value);
      if (next) value = value.slice(0, next.index);
      // End of a sentence is not part of the value.
      if (prose) value = value.replace(/[.!?]$/, '');
      start = valueAt;
    }
    if (
      prose ? !acceptProseValue(value) : !acceptValue(key, value, quoted, text, keyStart, sep[0])
    ) {
      continue;
    }
    const ruleId = classifyAssignment(key, value) ?? 'secret.generic_secret';
    found.push({
      ruleId,
      start,
      end: start + value.length,
      score: ruleId === 'secret.generic_secret' ? 0.75 : 0.85,
      signals: ['keyword_assignment', quoted ? 'quoted_value' : 'bare_value'],
    });
    // A value never holds the next assignment's key: continue after it.
    KEY_WORD.lastIndex = Math.max(KEY_WORD.lastIndex, start + value.length);
  }
}

/** A value named in prose must look like a password: two character classes, one of them a digit or symbol. */
function acceptProseValue(value: string): boolean {
  if (value.length < 6 || isPlaceholderSecret(value) || TYPE_WORDS.test(value)) return false;
  if (isSelfDescribingValue(value)) return false;
  return characterClasses(value) >= 2 && /[^A-Za-z]/.test(value) && shannonEntropy(value) >= 2.2;
}

function acceptValue(
  key: string,
  value: string,
  quoted: boolean,
  text: string,
  keyStart: number,
  separator: string,
): boolean {
  if (value.length < 6 || /\s/.test(value)) return false;
  if (isPlaceholderSecret(value) || isNonSecretIdentifier(value, key)) return false;
  if (isSelfDescribingValue(value)) return false;
  // A URL is not a password (credentials inside one are the URL rule's).
  if (/^[a-z][a-z0-9+.-]{1,20}:\/\//i.test(value)) return false;
  if (TYPE_WORDS.test(value) || /^[$%@&*#{(]|\(|^process\.env|^os\.environ|^env\b/i.test(value))
    return false;
  if (/^\d+(?:\.\d+)?$/.test(value)) return false;
  const password = /pass|pwd/.test(key);
  if (/^[/~=>]/.test(value) || value.includes('\\')) return false;
  if (!quoted) {
    // Member access and calls are code, not values: `user.password`, `getToken()`.
    if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return false;
    // A bare identifier is code (`token = nextToken;`, `password: BinaryLike,`) unless the
    // line is a .env/properties assignment `KEY=value` with nothing after the value.
    if (/^[A-Za-z_$][\w$]*$/.test(value)) {
      const lineStart = Math.max(0, keyStart - 200);
      const before = text.slice(lineStart, keyStart);
      const prefix = before.slice(before.lastIndexOf('\n') + 1);
      const envStyle =
        /^[\s]*(?:export\s+|set\s+)?$/.test(prefix) &&
        separator === '=' &&
        /^(?:\r?\n|$)/.test(
          text
            .slice(keyStart)
            .replace(/^[^=]*=/, '')
            .slice(value.length, value.length + 2),
        );
      if (!envStyle || value.length < 8) return false;
    }
  }
  if (password) return characterClasses(value) >= 2 && shannonEntropy(value) >= 2.2;
  // Tokens and keys are random: long, mixed, with digits (code words such as
  // `?InterpolationInTemplate` or `isNotCommentToken` have none).
  return (
    value.length >= 16 &&
    /^[\x21-\x7e]+$/.test(value) &&
    /[0-9]/.test(value) &&
    characterClasses(value) >= 2 &&
    shannonEntropy(value) >= 3.2
  );
}

const URL_CREDENTIALS =
  /(?<![A-Za-z0-9+.\-])([A-Za-z][A-Za-z0-9+.\-]{1,20}):\/\/([^\s:/?#@"'<>]{0,128}):([^\s/?#@"'<>]{1,256})@([A-Za-z0-9._\-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?/y;

function findUrlCredentials(text: string, found: SecretCandidate[]): void {
  let from = 0;
  for (;;) {
    const at = text.indexOf('://', from);
    if (at < 0) break;
    from = at + 3;
    let schemeStart = at;
    while (
      schemeStart > 0 &&
      at - schemeStart < 21 &&
      /[A-Za-z0-9+.\-]/.test(text[schemeStart - 1] ?? '')
    ) {
      schemeStart--;
    }
    URL_CREDENTIALS.lastIndex = schemeStart;
    const match = URL_CREDENTIALS.exec(text);
    if (!match) continue;
    const password = decodeURIComponentSafe(match[3] ?? '');
    if (password.length < 3 || isPlaceholderSecret(password)) continue;
    if (isSelfDescribingValue(password)) continue;
    // Short single-class values are documentation fillers (`foo:bar@`, `abc:xyz@`).
    if (password.length < 8 && characterClasses(password) < 2) continue;
    if (password.includes('\\')) continue;
    if (/^\$|^%\(|^\{/.test(password) || /^(?:pass|pwd|passw0rd|user|username)$/i.test(password))
      continue;
    found.push({
      ruleId: 'secret.url_credentials',
      start: schemeStart,
      end: schemeStart + match[0].length,
      score: 0.9,
      signals: ['url_userinfo_password'],
    });
    from = schemeStart + match[0].length;
  }
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Every generic credential in `text`; `lower` is `text.toLowerCase()`. */
export function findGenericCredentials(text: string, lower: string): SecretCandidate[] {
  const found: SecretCandidate[] = [];
  findAuthorizationValues(text, lower, found);
  findAssignments(text, lower, found);
  findUrlCredentials(text, found);
  return found;
}
