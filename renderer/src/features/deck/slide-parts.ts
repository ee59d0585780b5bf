/**
 * A slide whose table runs past the stage's foot, shown as the handout prints it (electron/core/deck/io.ts cutAt): the
 * rows that fit, then slides of their own titled 「…（続き）」 with the table's head again, until every row is shown;
 * the total row never goes on alone.
 */
import type { ShownSlide } from '@shared/contract/deck';

/** A table as drawn on the stage, in stage pixels: where its rows may go down to, its head's and each row's height. */
export interface TableMeasure {
  /** The table's index among the slide's blocks. */
  block: number;
  /** Height from the table's top to the foot of the slide's body, on the slide where the table starts. */
  firstRoom: number;
  /** The body's height, for a 「（続き）」 slide, where the table is the first block. */
  restRoom: number;
  head: number;
  rows: readonly number[];
}

/**
 * The slides a slide is shown as: itself when its table fits.
 * @example slideParts(slide, { block: 0, firstRoom: 800, restRoom: 850, head: 50, rows: Array(40).fill(35) }).length // 2
 */
export function slideParts(slide: ShownSlide, m: TableMeasure): ShownSlide[] {
  const table = slide.blocks[m.block];
  if (table?.type !== 'table') return [slide];
  const title = `${slide.title.replace(/（続き）$/, '')}（続き）`;
  const parts: ShownSlide[] = [];
  let from = 0;
  while (from < table.rows.length) {
    const room = (parts.length === 0 ? m.firstRoom : m.restRoom) - m.head;
    let to = from;
    let used = 0;
    while (to < table.rows.length && used + (m.rows[to] ?? 0) <= room) used += m.rows[to++] ?? 0;
    // At least one row a slide; a total row that would open the next slide alone takes a row of data with it.
    if (to === from) to = from + 1;
    if (to < table.rows.length && table.rows[to]?.kind === 'total' && to === table.rows.length - 1 && to - from > 1) to -= 1;
    const rows = { ...table, rows: table.rows.slice(from, to) };
    const last = to >= table.rows.length;
    parts.push({
      ...slide,
      title: parts.length === 0 ? slide.title : title,
      blocks: [...(parts.length === 0 ? slide.blocks.slice(0, m.block) : []), rows, ...(last ? slide.blocks.slice(m.block + 1) : [])],
    });
    from = to;
  }
  return parts;
}
