/** A personal-data span found by one recognizer, before overlaps are resolved. */
export interface PiiCandidate {
  type: string;
  start: number;
  end: number;
  score: number;
  signals: string[];
}

/**
 * A recognizer: text in, candidate spans out. Built-in recognizers are
 * synchronous, offline and linear-time; plug-ins (names, street addresses)
 * implement the same role and are opt-in.
 */
export interface PiiRecognizer {
  recognize(text: string): PiiCandidate[];
  /**
   * True when every match holds an ASCII digit; the detector then skips the
   * recognizer for text without one (one scan instead of a pattern each).
   */
  readonly needsDigits?: boolean;
}
