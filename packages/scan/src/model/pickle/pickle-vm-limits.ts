/**
 * Safety limits of the symbolic pickle VM: every bound that keeps a hostile
 * stream from making the walk allocate or loop without end.
 */

/** Longest newline-terminated argument (GLOBAL, INT, STRING... in protocol 0). */
export const MAX_LINE = 1 << 16;
/** Items kept per symbolic list, tuple, set or dict (the rest are read and dropped). */
export const MAX_CONTAINER_ITEMS = 4096;
/** Leading bytes of a bytes value kept for sniffing nested payloads. */
export const HEAD_BYTES = 16;
/** Strings longer than this are skipped, not decoded (their text becomes ''). */
export const MAX_INLINE_STRING = 64 << 20;
/** Default opcode budget of one `analysePickle` walk. */
export const DEFAULT_MAX_OPS = 200_000_000;
