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
import { fileNamePart } from '@shared/text/file-name';
import type { CommandContext, CoreServices } from '../kernel/context';
import type { Db } from '../kernel/db/schema';
import { reportContext } from '../kernel/report-definition';
import { printReport } from '../report';
import { leaveOutInstitutionAnswers } from '../survey';
import { layHandout } from './handout';
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

export async function deckHandout(db: Db, core: CoreServices, input: OpParsedInput<'deck.handout'>): Promise<RenderedReport> {
  const deck = await getDeck(db, input.id);
  if (deck.slides === 0)
    throw new RenkeiError('refused', `「${deck.title}」にはスライドがありません。スライドを加えてから出力してください。`);
  const ctx = await reportContext(db, core);
  const today = isoDateOfLocal(core.clock());
  // A meeting's materials carry the meeting's day, whenever they are printed; the file is named for the day it is made.
  const date = deck.meeting?.heldOn ?? today;
  const printed: Uint8Array[] = [];
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
    printed.push((await printReport(core.printer, doc)).pdf);
  }
  const pdf = await layHandout(printed, { perPage: input.perPage, noteLines: input.noteLines, title: deck.title });
  const name = fileNamePart(deck.title);
  return {
    fileName: `${name}_配布資料_${input.perPage}枚割付_${today}.pdf`,
    mimeType: 'application/pdf',
    data: pdf.toString('base64'),
    pages: Math.ceil(deck.slides / input.perPage),
  };
}

export async function meetingCopy(ctx: CommandContext, input: OpParsedInput<'deck.meetingCopy'>): Promise<MeetingCopyResult> {
  const leftOut = [...new Set(input.leaveOut)];
  const done = await ctx.core.meetingCopy(input.path, leftOut, async (copy) => {
    if (leftOut.includes('institution_answers')) await leaveOutInstitutionAnswers(copy);
  });
  return { ...done, leftOut };
}
