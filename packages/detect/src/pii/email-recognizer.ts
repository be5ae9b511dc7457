/* eslint-disable no-useless-escape -- hyphens and slashes in character classes are escaped on purpose, for readability. */
import type { PiiCandidate, PiiRecognizer } from './pii-candidate.js';

/**
 * Email addresses (RFC 5321 dot-atom local part, DNS domain with an
 * alphabetic TLD), found from each `@`. Not an email: scp-style git remotes
 * (`git@github.com:org/repo`), URL userinfo (`ssh://git@host`), npm
 * versions (`pkg@1.2.3`), retina asset names (`icon@2x.png`).
 */
const DOMAIN =
  /(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9\-])/y;
const LOCAL_CHAR = /[A-Za-z0-9._%+\-!#$&'*/=?^`{|}~]/;
const FILE_EXTENSIONS =
  /^(?:png|jpe?g|gif|svg|webp|ico|js|mjs|cjs|ts|tsx|jsx|css|scss|json|map|txt|html?|xml|ya?ml|lock|zip|gz)$/i;

export class EmailRecognizer implements PiiRecognizer {
  recognize(text: string): PiiCandidate[] {
    const found: PiiCandidate[] = [];
    let from = 0;
    for (;;) {
      const at = text.indexOf('@', from);
      if (at < 0) break;
      from = at + 1;
      let start = at;
      while (start > 0 && at - start < 64 && LOCAL_CHAR.test(text[start - 1] ?? '')) start--;
      while (start < at && /[.'`{|}~!#$&*/=?^]/.test(text[start] ?? '')) start++;
      if (start === at || text[at - 1] === '.') continue;
      DOMAIN.lastIndex = at + 1;
      const domain = DOMAIN.exec(text);
      if (!domain) continue;
      const end = at + 1 + domain[0].length;
      const local = text.slice(start, at);
      const tld = domain[0].slice(domain[0].lastIndexOf('.') + 1);
      if (FILE_EXTENSIONS.test(tld) && /^\d/.test(domain[0])) continue;
      if (text.slice(Math.max(0, start - 3), start) === '://') continue;
      if (text[end] === ':' && /[A-Za-z0-9~/_]/.test(text[end + 1] ?? '')) continue;
      if (local === 'git' && /^(?:github|gitlab|bitbucket)\./i.test(domain[0])) continue;
      found.push({ type: 'pii.email', start, end, score: 0.95, signals: ['email_syntax'] });
      from = end;
    }
    return found;
  }
}
