/** Minimal typing for LZMA-JS (`lzma` on npm), which ships none. */
declare module 'lzma' {
  export function decompress(input: number[]): string | number[];
}
