/**
 * bzip2 and xz streams of `pickle().proto(2).callWith('os', 'system',
 * 'touch /tmp/x').stop()` (the same bytes the builder writes), compressed
 * once with `bzip2 -9` and `xz`: Node has no bzip2/xz encoder to build them
 * at test time.
 */
export const bzip2 = (): Uint8Array =>
  Buffer.from(
    '425a6839314159265359ccfb746200000dd3c01014400190000a42ce60420420003140d343232621468034327a20eedf879471a0be2291875461529b3dbe2ee48a70a12199f6e8c4',
    'hex',
  );

export const xz = (): Uint8Array =>
  Buffer.from(
    'fd377a585a000004e6d6b4460200210116000000742fe5a301001d8002636f730a73797374656d0a8c0c746f756368202f746d702f7885522e000000636b97ecae2130b60001361e3d1995531fb6f37d010000000004595a',
    'hex',
  );
