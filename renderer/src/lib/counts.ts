/** Whole numbers typed in forms (人口, 病床数, 保持数), read by the one shared reader so full-width digits and commas work everywhere. */
import { parseCountText } from '@shared/numbers';

/**
 * A count as typed; empty or unreadable text becomes NaN, for which the core answers 「…は数値で入力してください」.
 * A field that may be left empty must check for NaN itself: the loopback host's JSON carries NaN as null, which
 * such a field would save as empty.
 */
export function countOf(text: string, counter?: string | readonly string[]): number {
  try {
    return parseCountText(text, undefined, counter) ?? Number.NaN;
  } catch {
    return Number.NaN;
  }
}
