/**
 * Saving decks: the whole deck at once (title, meeting, slides in order), so
 * adding, removing and reordering slides are one audited change each, undone
 * as one by 元に戻す. A save names the version it was based on; one over a
 * newer save is refused (kernel/versions.ts).
 */
import type { z } from 'zod';
import type { Deck, deckOperations, Slide } from '@shared/contract/deck';
import type { MutationContext } from '../kernel/context';
import { claimDelete, claimVersion } from '../kernel/versions';
import { deckBlock } from './blocks';
import { getDeck } from './read';

type Input<N extends keyof typeof deckOperations> = z.output<(typeof deckOperations)[N]['input']>;

/** What a slide keeps in its body column; its kind and notes have their own columns. */
function bodyOf(slide: Slide): string {
  if (slide.kind === 'text') return JSON.stringify({ title: slide.title, lines: slide.lines });
  return JSON.stringify({ block: slide.block, ...(slide.fiscalYear !== undefined ? { fiscalYear: slide.fiscalYear } : {}) });
}

export async function saveDeck(ctx: MutationContext, input: Input<'deck.save'>): Promise<Deck> {
  const { db, audit } = ctx;
  input.slides.forEach((s) => {
    if (s.kind === 'block') deckBlock(s.block);
  });
  const now = ctx.core.clock().toISOString();
  let id = input.id;
  let before: Deck | null = null;
  if (id === undefined) {
    const row = await db
      .insertInto('deck')
      .values({ title: input.title, meetingId: input.meetingId, createdAt: now, updatedAt: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = row.id;
  } else {
    before = await getDeck(db, id);
    const what = `会議資料「${before.title}」`;
    await claimVersion(db, { table: 'deck', key: { id }, expected: input.version, entity: 'deck', entityId: id, what }, ctx.core.clock());
    await db.updateTable('deck').set({ title: input.title, meetingId: input.meetingId, updatedAt: now }).where('id', '=', id).execute();
    await db.deleteFrom('deckSlide').where('deckId', '=', id).execute();
  }
  const deckId = id;
  if (input.slides.length > 0) {
    await db
      .insertInto('deckSlide')
      .values(input.slides.map((s, position) => ({ deckId, position, kind: s.kind, body: bodyOf(s), notes: s.notes })))
      .execute();
  }
  const after = await getDeck(db, deckId);
  audit({
    entity: 'deck',
    entityId: deckId,
    before: before && { title: before.title, meeting: before.meeting?.title ?? null, slides: before.content },
    after: { title: after.title, meeting: after.meeting?.title ?? null, slides: after.content },
  });
  return after;
}

export async function deleteDeck(ctx: MutationContext, id: number, expected?: number): Promise<{ id: number }> {
  const { db, audit } = ctx;
  const before = await getDeck(db, id);
  const what = `会議資料「${before.title}」`;
  await claimDelete(db, { table: 'deck', key: { id }, expected, entity: 'deck', entityId: id, what }, ctx.core.clock());
  await db.deleteFrom('deckSlide').where('deckId', '=', id).execute();
  await db.deleteFrom('deck').where('id', '=', id).execute();
  audit({
    entity: 'deck',
    entityId: id,
    before: { title: before.title, meeting: before.meeting?.title ?? null, slides: before.content },
    after: null,
  });
  return { id };
}
