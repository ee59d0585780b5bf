import { describe, expect, it } from 'vitest';
import { deckInputSchema } from '../contract/deck';
import { textSlideType, tooMuchText } from './slide-type';

/** The QA's slide: a 見出し and 8 lines as long as the editor took them, lines 5–8 of which ran off the stage at 48 px. */
const QA_SLIDE = {
  title: '令和９年度に向けた在宅医療推進センターの人員配置と補助金の交付状況についての報告',
  lines: Array.from(
    { length: 8 },
    (_, i) => `項目${i + 1}：在宅医療推進センターの人員配置状況を各圏域で確認し、必要に応じて補助金の増額を検討する`,
  ),
};

/** The most the contract's limits let a slide hold: a 40-character 見出し and 8 lines of 80 全角. */
const FULLEST = { title: '見'.repeat(40), lines: Array.from({ length: 8 }, () => '行'.repeat(80)) };

describe('a text slide’s type, chosen from its content', () => {
  it('keeps 48 px lines under a 64 px title for a slide with room to spare', () => {
    expect(
      textSlideType({ title: '本日の議題', lines: ['1. 令和5年度の活動報告（見込み）について', '2. 令和6年度の活動計画の作成について'] }),
    ).toEqual({
      type: { linePx: 48, titlePx: 64 },
      fits: true,
      firstLineOver: null,
    });
  });

  it('sets the QA’s slide in type small enough that each line takes one row, all 8 on the stage', () => {
    // At 36 px each line of 93 half-width characters would wrap to two rows: 16 rows and the title do not fit in 960 px.
    expect(textSlideType(QA_SLIDE)).toEqual({ type: { linePx: 34, titlePx: 45 }, fits: true, firstLineOver: null });
  });

  it('takes the largest size that fits, smaller as lines are added', () => {
    const sizes = [1, 2, 3, 4, 5, 6, 7].map((n) => textSlideType({ title: FULLEST.title, lines: FULLEST.lines.slice(0, n) }).type.linePx);
    expect(sizes).toEqual([48, 48, 48, 40, 40, 36, 32]);
  });

  it('says from which line to split a slide that does not fit even at 32 px', () => {
    const fit = textSlideType(FULLEST);
    expect(fit).toEqual({ type: { linePx: 32, titlePx: 43 }, fits: false, firstLineOver: 8 });
    expect(`このスライドは${tooMuchText(fit)}`).toBe('このスライドは文字が多すぎて収まりません。8行目以降を次のスライドに分けてください');
    expect(tooMuchText(textSlideType(QA_SLIDE))).toBeNull();
  });

  it('counts a blank line in the line numbers the editor shows, but gives it no room', () => {
    const lines = [...FULLEST.lines.slice(0, 3), '', ...FULLEST.lines.slice(3, 7)];
    expect(textSlideType({ title: FULLEST.title, lines }).fits).toBe(true);
    expect(textSlideType({ title: FULLEST.title, lines: [...lines, '行'] }).firstLineOver).toBe(9);
  });

  it('counts a half-width character as half a full-width one', () => {
    const half = textSlideType({ title: FULLEST.title, lines: Array.from({ length: 8 }, () => 'a'.repeat(80)) });
    expect(half.fits).toBe(true);
  });

  it('is the contract’s rule too: a deck with a slide that cannot be shown is refused, naming the slide and the line', () => {
    const saved = deckInputSchema.safeParse({ title: '運営会議', slides: [{ kind: 'text', ...QA_SLIDE }] });
    expect(saved.success).toBe(true);
    const refused = deckInputSchema.safeParse({
      title: '運営会議',
      slides: [
        { kind: 'text', ...QA_SLIDE },
        { kind: 'text', ...FULLEST },
      ],
    });
    expect(refused.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['slides', 1, 'lines'], '2枚目のスライドは文字が多すぎて収まりません。8行目以降を次のスライドに分けてください'],
    ]);
  });
});
