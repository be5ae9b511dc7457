/* eslint-disable no-useless-escape -- hyphens and slashes in character classes are escaped on purpose, for readability. */
import { shannonEntropy } from '../secrets/entropy.js';

/**
 * Whether a URL in model output carries data out: a query string with a
 * long or high-entropy value, or a long encoded path segment. Returns the
 * signals that fired (empty when the URL looks like a plain resource).
 */
export function exfiltrationSignals(url: URL): string[] {
  const signals: string[] = [];
  let queryChars = 0;
  for (const [, value] of url.searchParams) {
    queryChars += value.length;
    if (value.length >= 24 && shannonEntropy(value) >= 3.5) signals.push('query_high_entropy');
  }
  if (queryChars >= 64) signals.push('query_long');
  for (const segment of url.pathname.split('/')) {
    if (
      segment.length >= 32 &&
      /^[A-Za-z0-9+_=%\-]+$/.test(segment) &&
      shannonEntropy(segment) >= 3.5
    ) {
      signals.push('path_encoded_data');
      break;
    }
  }
  if (url.hash.length >= 64) signals.push('fragment_long');
  return [...new Set(signals)];
}

/** True when `host` is `domain` or a subdomain of it. */
export function hostAllowed(host: string, allowlist: readonly string[]): boolean {
  const h = host.toLowerCase();
  return allowlist.some((d) => h === d || h.endsWith(`.${d}`));
}
