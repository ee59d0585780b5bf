/** A deck's name: how long it may be, and the name a new deck made for a meeting starts with. */
import { formatFiscalYearWareki } from '../wareki';

/** The most characters a deck's name (資料の名前) may have. */
export const DECK_TITLE_MAX = 60;

/**
 * The name a new deck for a meeting starts with: the meeting as the app names it across years, with 資料; shorter
 * when a long body's name would make it too long to save.
 * @example deckTitleFor({ title: '第1回 運営会議', fiscalYear: 2026 }) // '令和8年度 第1回 運営会議 資料'
 */
export function deckTitleFor(meeting: { title: string; fiscalYear: number }): string {
  const year = `${formatFiscalYearWareki(meeting.fiscalYear)} ${meeting.title}`;
  const fits = [`${year} 資料`, year, meeting.title].find((name) => name.length <= DECK_TITLE_MAX);
  return fits ?? meeting.title.slice(0, DECK_TITLE_MAX);
}
