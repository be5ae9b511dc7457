/** A secret span found by one rule, before overlaps are merged. */
export interface SecretCandidate {
  ruleId: string;
  start: number;
  end: number;
  score: number;
  signals: string[];
}
