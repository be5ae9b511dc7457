import { compileMatcher, type CompiledMatcher, type Matcher } from './matcher.js';

/** Compiled matchers cached by the (frozen) matcher object, so policies stay plain data. */
const cache = new WeakMap<Matcher, CompiledMatcher>();

export function compiledMatcher(matcher: Matcher): CompiledMatcher {
  let compiled = cache.get(matcher);
  if (!compiled) {
    compiled = compileMatcher(matcher);
    cache.set(matcher, compiled);
  }
  return compiled;
}

export function matchesAny(matchers: readonly Matcher[], value: string): boolean {
  return matchers.some((m) => compiledMatcher(m)(value));
}
