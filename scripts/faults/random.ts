/** A seeded random source, so a failing fault run can be repeated exactly. */

export interface Random {
  /** An integer in [min, max]. */
  between(min: number, max: number): number;
}

/** mulberry32: small, fast and good enough to pick moments to kill a process. */
export function randomSource(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { between: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}
