/**
 * A malformed or hostile pickle stream, with the offset where reading
 * stopped. The VM catches it to end the walk while keeping what it found.
 */
export class PickleParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}
