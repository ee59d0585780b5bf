import { describe, expect, it } from 'vitest';
import { PLAUSIBLE_YEN_FLOOR, SEN_YEN_CEILING, senYenSlip, unitSlipWarning, yenInWords } from './money';

describe('a 千円 figure typed bare into a 円 field', () => {
  it('names the field and the amount read both ways when it is implausibly small for the field', () => {
    expect(unitSlipWarning('積立（国）', 165_000, '165,000', PLAUSIBLE_YEN_FLOOR.fundYear)).toBe(
      '積立（国）は 165,000円（16万5千円）として保存します。千円単位なら 165,000,000 と入力してください。',
    );
    // 新潟県's 令和4年度 医療分 typed in 千円: 2,900,000 is still far below any real yearly 積立.
    expect(unitSlipWarning('積立（国）', 2_900_000, '2900000', PLAUSIBLE_YEN_FLOOR.fundYear)).toBe(
      '積立（国）は 2,900,000円（290万円）として保存します。千円単位なら 2,900,000,000 と入力してください。',
    );
    expect(unitSlipWarning('基金充当額', 850, '850', PLAUSIBLE_YEN_FLOOR.projectLine)).toBe(
      '基金充当額は 850円として保存します。千円単位なら 850,000 と入力してください。',
    );
    // Once saved, it says so, and how to take it back.
    expect(unitSlipWarning('基金充当額', 850, '850', PLAUSIBLE_YEN_FLOOR.projectLine, 'saved')).toBe(
      '基金充当額を 850円として保存しました。千円単位なら 850,000 と入力し直すか、元に戻す（Ctrl+Z）で戻せます。',
    );
    // A 執行 typed again would be a second entry: the one added is deleted first.
    expect(unitSlipWarning('執行の金額', 1_234, '1,234', PLAUSIBLE_YEN_FLOOR.spending, 'added')).toBe(
      '執行の金額を 1,234円として記録しました。千円単位なら、一覧のこの執行を「削除…」で消してから 1,234,000 と入力し直してください。',
    );
    expect(unitSlipWarning('執行の金額', 96_000, '96,000', PLAUSIBLE_YEN_FLOOR.spending, 'added')).toContain('96,000円（9万6千円）');
    expect(unitSlipWarning('執行の金額', 100_000, '100,000', PLAUSIBLE_YEN_FLOOR.spending, 'added')).toBeUndefined();
  });

  it('says nothing of a plausible figure, of 0, or of one typed with its unit', () => {
    expect(unitSlipWarning('積立（県）', 55_000_000, '55,000,000', PLAUSIBLE_YEN_FLOOR.fundYear)).toBeUndefined();
    expect(unitSlipWarning('基金充当額', 1_000_000, '1000000', PLAUSIBLE_YEN_FLOOR.projectLine)).toBeUndefined();
    expect(unitSlipWarning('積立（国）', 0, '0', PLAUSIBLE_YEN_FLOOR.fundYear)).toBeUndefined();
    expect(unitSlipWarning('積立（国）', 165_000, '165,000円', PLAUSIBLE_YEN_FLOOR.fundYear)).toBeUndefined();
    expect(unitSlipWarning('積立（国）', 165_000, '１６５，０００円 ', PLAUSIBLE_YEN_FLOOR.fundYear)).toBeUndefined();
    expect(unitSlipWarning('積立（国）', 165_000, '￥165,000', PLAUSIBLE_YEN_FLOOR.fundYear)).toBeUndefined();
  });

  it('names a 円 figure typed bare into the 千円 view, where it reads a thousand times too large', () => {
    // The center's 85,419,000円 typed as in 円: 85,419,000千円 would be 854億円, more than any one project.
    expect(senYenSlip(85_419_000_000, '85,419,000', SEN_YEN_CEILING)).toEqual({
      asSen: '85,419,000千円（854億1900万円）',
      asYen: '85,419,000円',
    });
    expect(senYenSlip(85_419_000, '85,419', SEN_YEN_CEILING)).toBeUndefined();
    expect(senYenSlip(85_419_000_000, '85,419,000千円', SEN_YEN_CEILING)).toBeUndefined();
  });

  it('reads whole 円 in 万 and 億', () => {
    expect(yenInWords(165_000)).toBe('16万5千円');
    expect(yenInWords(1_234_567)).toBe('123万4,567円');
    expect(yenInWords(290_000_000)).toBe('2億9000万円');
    expect(yenInWords(0)).toBe('0円');
  });
});
