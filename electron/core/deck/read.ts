/** Reading decks: the list, one deck as saved, and one slide as shown (read live from the reports' figures). */
import { RenkeiError } from '@shared/contract';
import type { Deck, DeckMeeting, DeckSummary, ShownDeckSlide, ShownSlide, Slide } from '@shared/contract/deck';
import type { CoreServices } from '../kernel/context';
import type { Db, Reader } from '../kernel/db/schema';
import { type ReportContext, reportContext } from '../kernel/report-definition';
import { meetingRef } from '../meeting';
import { showBlock } from './blocks';

/** The meeting a deck is for, named as its page names it; null for none. */
async function deckMeeting(db: Reader, meetingId: number | null): Promise<DeckMeeting | null> {
  if (meetingId === null) return null;
  const ref = await meetingRef(db, meetingId);
  return ref && { id: ref.id, title: ref.title, fiscalYear: ref.fiscalYear, heldOn: ref.heldOn };
}

/** Every deck, newest first; or one meeting's. */
export async function listDecks(db: Reader, meetingId?: number): Promise<DeckSummary[]> {
  let query = db
    .selectFrom('deck as d')
    .leftJoin('deckSlide as s', 's.deckId', 'd.id')
    .select(({ fn }) => ['d.id', 'd.title', 'd.meetingId', 'd.updatedAt', fn.count<number>('s.id').as('slides')])
    .groupBy(['d.id', 'd.title', 'd.meetingId', 'd.updatedAt'])
    .orderBy('d.updatedAt', 'desc')
    .orderBy('d.id', 'desc');
  if (meetingId !== undefined) query = query.where('d.meetingId', '=', meetingId);
  const rows = await query.execute();
  const meetings = new Map<number, DeckMeeting | null>();
  for (const id of new Set(rows.map((r) => r.meetingId))) if (id !== null) meetings.set(id, await deckMeeting(db, id));
  return rows.map((r) => ({ ...r, slides: Number(r.slides), meeting: r.meetingId === null ? null : (meetings.get(r.meetingId) ?? null) }));
}

function notFound(id: number): RenkeiError {
  return new RenkeiError('not_found', `会議資料（番号 ${id}）はありません。一覧を開き直してください。`, { path: ['id'] });
}

export async function getDeck(db: Reader, id: number): Promise<Deck> {
  const deck = await db.selectFrom('deck').selectAll().where('id', '=', id).executeTakeFirst();
  if (!deck) throw notFound(id);
  const slides = await db.selectFrom('deckSlide').select(['kind', 'body', 'notes']).where('deckId', '=', id).orderBy('position').execute();
  const content = slides.map((s) => ({ kind: s.kind, ...(JSON.parse(s.body) as object), notes: s.notes }) as Slide);
  return {
    id: deck.id,
    title: deck.title,
    meetingId: deck.meetingId,
    meeting: await deckMeeting(db, deck.meetingId),
    updatedAt: deck.updatedAt,
    slides: content.length,
    content,
    version: deck.version,
  };
}

/** One slide as the stage and the handout draw it. */
export async function showSlide(ctx: ReportContext, slide: Slide): Promise<ShownSlide> {
  if (slide.kind === 'text') return { title: slide.title, lines: slide.lines.filter((l) => l !== ''), blocks: [], notes: slide.notes };
  return showBlock(ctx, slide.block, slide.fiscalYear, slide.notes);
}

export async function deckSlide(db: Db, core: CoreServices, id: number, index: number): Promise<ShownDeckSlide> {
  const deck = await getDeck(db, id);
  const slide = deck.content[index];
  if (!slide) {
    throw new RenkeiError('not_found', `この資料のスライドは${deck.slides}枚です（${index + 1}枚目はありません）。`, { path: ['index'] });
  }
  return {
    deckId: id,
    deckTitle: deck.title,
    index,
    count: deck.slides,
    slide: await showSlide(await reportContext(db, core), slide),
  };
}
