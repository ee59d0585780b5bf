import { describe, expect, it } from 'vitest';
import type { ShownSlide } from '@shared/contract/deck';
import type { TableBlock } from '@shared/report/model';
import { slideParts } from './slide-parts';

const table = (rows: number): TableBlock => ({
  type: 'table',
  columns: [{ key: 'name', header: 'センター', format: 'text', width: 20 }],
  rows: [
    ...Array.from({ length: rows }, (_, i) => ({ kind: 'data' as const, cells: { name: `センター${i + 1}` } })),
    { kind: 'total', cells: { name: '合計' } },
  ],
});

const slide = (rows: number): ShownSlide => ({
  title: '補助金の交付状況',
  subtitle: '令和5年度',
  lines: [],
  notes: '',
  blocks: [{ type: 'figures', items: [] }, table(rows), { type: 'paragraph', text: '注記' }],
});
const names = (s: ShownSlide) => (s.blocks.find((b) => b.type === 'table') as TableBlock).rows.map((r) => String(r.cells.name));

describe('a slide whose table runs past the stage', () => {
  it('goes on in 「（続き）」 slides, every row once, the blocks before on the first and after on the last', () => {
    const parts = slideParts(slide(46), { block: 1, firstRoom: 400, restRoom: 600, head: 40, rows: Array(47).fill(36) });
    // 10 rows on the first (360 of 360), 15 on each next (540 of 560).
    expect(parts.map((p) => [p.title, names(p).length])).toEqual([
      ['補助金の交付状況', 10],
      ['補助金の交付状況（続き）', 15],
      ['補助金の交付状況（続き）', 15],
      ['補助金の交付状況（続き）', 7],
    ]);
    expect(parts.flatMap(names)).toEqual(names(slide(46)));
    expect(parts.map((p) => p.blocks.map((b) => b.type))).toEqual([['figures', 'table'], ['table'], ['table'], ['table', 'paragraph']]);
  });

  it('never leaves the total row alone on a slide: a row of data goes on with it', () => {
    const parts = slideParts(slide(10), { block: 1, firstRoom: 400, restRoom: 600, head: 40, rows: Array(11).fill(36) });
    expect(parts.map((p) => names(p).at(-1))).toEqual(['センター9', '合計']);
    expect(names(parts[1]!)).toEqual(['センター10', '合計']);
  });

  it('is the slide itself when its table fits', () => {
    const one = slide(5);
    expect(slideParts(one, { block: 1, firstRoom: 400, restRoom: 600, head: 40, rows: Array(6).fill(36) })).toEqual([one]);
  });
});
