/** True when `text` is a dotted Python identifier path (module or qualified name). */
export function isDottedIdentifier(text: string): boolean {
  if (text.length === 0 || text.length > 512) return false;
  let segmentStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (segmentStart) return false;
      segmentStart = true;
      continue;
    }
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
    const digit = c >= 48 && c <= 57;
    if (!letter && !(digit && !segmentStart)) return false;
    segmentStart = false;
  }
  return !segmentStart;
}
