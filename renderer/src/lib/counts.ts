/** Whole numbers typed in forms (人口, 病床数, 保持数), read by the one shared reader so full-width digits and commas work everywhere. */
import { parseCountText } from '@shared/numbers';

/** A count as typed; empty or unreadable text becomes NaN, for which the core answers 「…は数値で入力してください」. */
export function countOf(text: string): number {
  try {
    return parseCountText(text) ?? Number.NaN;
  } catch {
    return Number.NaN;
  }
}
