/** 会議資料 operations: decks and their slides, the presentation's slide, handouts, and the read-only meeting copy. */
import { handlers } from '../kernel/handlers';
import { reportContext } from '../kernel/report-definition';
import { deckBlockInfos } from './blocks';
import { deckHandout, meetingCopy } from './io';
import { deckSlide, getDeck, listDecks, showSlide } from './read';
import { deleteDeck, saveDeck } from './write';

export const deckHandlers = handlers({
  'deck.list': async (input, { db }) => listDecks(db, input.meetingId),
  'deck.get': async (input, { db }) => getDeck(db, input.id),
  'deck.blocks': async (_input, { db }) => deckBlockInfos(db),
  'deck.slide': async (input, { db, core }) => deckSlide(db, core, input.id, input.index),
  'deck.preview': async (input, { db, core }) => showSlide(await reportContext(db, core), input.slide),
  'deck.save': async (input, ctx) => saveDeck(ctx, input),
  'deck.delete': async (input, ctx) => deleteDeck(ctx, input.id, input.version),
  'deck.handout': async (input, { db, core }) => deckHandout(db, core, input),
  'deck.meetingCopy': async (input, ctx) => meetingCopy(ctx, input),
});
