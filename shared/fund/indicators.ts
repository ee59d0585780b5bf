/** Whether a project's indicator (アウトプット・アウトカム指標) met its target, as the 事後評価 screen and report mark it. */

export interface IndicatorFigures {
  readonly kind: 'output' | 'outcome';
  /** Hundredths, as stored. */
  readonly baseline: number | null;
  readonly target: number | null;
  readonly actual: number | null;
}

/**
 * Met when actual ≥ target; for an アウトカム指標 whose target is below its
 * baseline (a goal to reduce), when actual ≤ target. False when the target or
 * the actual is not known.
 * @example indicatorAchieved({ kind: 'outcome', baseline: 4000, target: 2000, actual: 1900 }) // true
 */
export function indicatorAchieved({ kind, baseline, target, actual }: IndicatorFigures): boolean {
  if (target === null || actual === null) return false;
  const reduction = kind === 'outcome' && baseline !== null && target < baseline;
  return reduction ? actual <= target : actual >= target;
}
