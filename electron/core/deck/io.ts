/**
 * What leaves Renkei for a meeting: the handout PDF (each slide printed by the
 * report engine, laid out by handout.ts) and the read-only meeting copy of the
 * database (the kernel's consistent snapshot, trimmed as asked).
 */
import { type OpParsedInput, type RenderedReport, RenkeiError } from '@shared/contract';
import type { MeetingCopyResult } from '@shared/contract/deck';
import { isoDateOfLocal } from '@shared/dates';
import { DECK_SLIDE_REPORT } from '@shared/deck/slide-type';
import type { ReportBlock, ReportDoc } from '@shared/report/model';
import type { DocPoint } from '@shared/report/print';
import { fileNamePart } from '@shared/text/file-name';
import type { CommandContext, CoreServices } from '../kernel/context';
import type { Db } from '../kernel/db/schema';
import type { Printer } from '../kernel/printer';
import { reportContext } from '../kernel/report-definition';
import { printReport, tablePageStarts } from '../report';
import { leaveOutInstitutionAnswers } from '../survey';
import { type HandoutSlide, handoutSheets, layHandout } from './handout';
import { getDeck, showSlide } from './read';

/**
 * A slide as the print page draws it: its title, then its lines or its blocks. A text slide's lines are one
 * notes block, which the print page sets in the type the stage shows them in (textSlideType), bullets and all.
 */
function slideBlocks(slide: { lines: string[]; blocks: ReportBlock[]; problem?: string }): ReportBlock[] {
  if (slide.problem) return [{ type: 'paragraph', text: slide.problem }];
  if (slide.blocks.length > 0) return slide.blocks;
  return [{ type: 'notes', lines: slide.lines }];
}

/**
 * A slide's print cut where its first page ends inside a table: the part on that page, and the rest as a slide of its
 * own, titled 「（続き）」, the table's head above its rows again; null where the page does not end inside a table.
 * The total row never goes on alone: a row of data goes with it.
 */
function cutAt(doc: ReportDoc, at: DocPoint | null | undefined): { shown: ReportDoc; rest: ReportDoc; moved: boolean } | null {
  const table = at ? doc.blocks[at.block] : undefined;
  if (!at || table?.type !== 'table') return null;
  const moved = table.rows[at.row]?.kind === 'total' && at.row > 1;
  const row = moved ? at.row - 1 : at.row;
  return {
    shown: { ...doc, blocks: [...doc.blocks.slice(0, at.block), { ...table, rows: table.rows.slice(0, row) }] },
    rest: {
      ...doc,
      title: `${doc.title.replace(/（続き）$/, '')}（続き）`,
      blocks: [{ ...table, rows: table.rows.slice(row) }, ...doc.blocks.slice(at.block + 1)],
    },
    moved,
  };
}

/**
 * A slide as it goes in the handout's cells, one page a cell: a table longer than a page goes on in slides of its
 * own (cutAt), so every row is on the sheet. A slide that runs over a page elsewhere (not inside a table) keeps
 * every page of its print.
 */
async function printSlide(printer: Printer | null, doc: ReportDoc): Promise<HandoutSlide[]> {
  const cells: HandoutSlide[] = [];
  let rest = doc;
  for (;;) {
    const printed = await printReport(printer, rest);
    if (printed.pages === 1) return [...cells, { pdf: printed.pdf, page: 0 }];
    const cut = cutAt(rest, (await tablePageStarts(printer, rest))[1]);
    if (!cut) return [...cells, ...Array.from({ length: printed.pages }, (_, page) => ({ pdf: printed.pdf, page }))];
    // The print's first page is the part shown, unless the cut moved a row along with the total.
    cells.push({ pdf: cut.moved ? (await printReport(printer, cut.shown)).pdf : printed.pdf, page: 0 });
    rest = cut.rest;
  }
}

export async function deckHandout(db: Db, core: CoreServices, input: OpParsedInput<'deck.handout'>): Promise<RenderedReport> {
  const deck = await getDeck(db, input.id);
  if (deck.slides === 0)
    throw new RenkeiError('refused', `「${deck.title}」にはスライドがありません。スライドを加えてから出力してください。`);
  const ctx = await reportContext(db, core);
  const today = isoDateOfLocal(core.clock());
  // A meeting's materials carry the meeting's day, whenever they are printed; the file is named for the day it is made.
  const date = deck.meeting?.heldOn ?? today;
  const cells: HandoutSlide[] = [];
  for (const [i, slide] of deck.content.entries()) {
    const shown = await showSlide(ctx, slide);
    const doc: ReportDoc = {
      name: DECK_SLIDE_REPORT,
      title: shown.title,
      ...(shown.subtitle ? { subtitle: shown.subtitle } : {}),
      orientation: 'landscape',
      header: { date },
      blocks: slideBlocks(shown),
      params: { date, slide: i + 1 },
      // The sheet numbers itself; a slide's own 「1 / 1」, hidden under the sheet, would still be read out.
      pageNumbers: false,
    };
    cells.push(...(await printSlide(core.printer, doc)));
  }
  const pdf = await layHandout(cells, { perPage: input.perPage, noteLines: input.noteLines, title: deck.title });
  const name = fileNamePart(deck.title);
  return {
    fileName: `${name}_配布資料_${input.perPage}枚割付_${today}.pdf`,
    mimeType: 'application/pdf',
    data: pdf.toString('base64'),
    pages: handoutSheets(cells.length, input.perPage),
    // Printed by a browser, which draws a character the app's fonts lack with the system's font: never a 〓.
    missingCharacters: [],
    warnings: [],
  };
}

export async function meetingCopy(ctx: CommandContext, input: OpParsedInput<'deck.meetingCopy'>): Promise<MeetingCopyResult> {
  const leftOut = [...new Set(input.leaveOut)];
  const done = await ctx.core.meetingCopy(input.path, leftOut, async (copy) => {
    if (leftOut.includes('institution_answers')) await leaveOutInstitutionAnswers(copy);
  });
  return { ...done, leftOut };
}
