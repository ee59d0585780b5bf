/**
 * What a reader of a drawing would notice, for tests: text that runs into
 * other text, or out of the drawing's box. Each text is taken as its advance
 * (by the test's Measure) by its em box, turned as it is drawn.
 */
import type { Drawing, Mark, Measure } from '@shared/report/drawing';

export type TextMark = Extract<Mark, { kind: 'text' }>;

export const textsOf = (d: Drawing) => d.marks.filter((m): m is TextMark => m.kind === 'text');

/** The corners of a text's em box: from 0.88 em above its baseline to 0.12 em below. */
function corners(t: TextMark, measure: Measure): [number, number][] {
  const w = measure(t.text, t.face, t.size);
  const left = t.align === 'right' ? -w : t.align === 'center' ? -w / 2 : 0;
  const a = ((t.rotate ?? 0) * Math.PI) / 180;
  return (
    [
      [left, -t.size * 0.88],
      [left + w, -t.size * 0.88],
      [left + w, t.size * 0.12],
      [left, t.size * 0.12],
    ] as [number, number][]
  ).map(([x, y]) => [t.x + x * Math.cos(a) + y * Math.sin(a), t.y - x * Math.sin(a) + y * Math.cos(a)]);
}

/** Separating axes: do two turned boxes overlap (touching is not overlapping)? */
function overlap(a: [number, number][], b: [number, number][]): boolean {
  for (const box of [a, b]) {
    for (let i = 0; i < 4; i++) {
      const [x1, y1] = box[i]!;
      const [x2, y2] = box[(i + 1) % 4]!;
      const axis = [y1 - y2, x2 - x1] as const;
      const [spanA, spanB] = [a, b].map((c) => c.map(([x, y]) => x * axis[0] + y * axis[1]));
      if (Math.max(...spanA!) <= Math.min(...spanB!) + 1e-6 || Math.max(...spanB!) <= Math.min(...spanA!) + 1e-6) return false;
    }
  }
  return true;
}

/** Pairs of texts whose boxes overlap. */
export function overlappingTexts(d: Drawing, measure: Measure): [string, string][] {
  const all = textsOf(d).map((t) => ({ text: t.text, box: corners(t, measure) }));
  const pairs: [string, string][] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) if (overlap(all[i]!.box, all[j]!.box)) pairs.push([all[i]!.text, all[j]!.text]);
  }
  return pairs;
}

/** Texts that reach outside the drawing's box. */
export function textsOutside(d: Drawing, measure: Measure): string[] {
  return textsOf(d)
    .filter((t) => corners(t, measure).some(([x, y]) => x < -1e-6 || y < -1e-6 || x > d.width + 1e-6 || y > d.height + 1e-6))
    .map((t) => t.text);
}
