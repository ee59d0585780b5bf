/** The audit log as read by a person: values, changes, creations and deletions. */
import { describe, expect, it } from 'vitest';
import { auditChangeText, auditLine, describeAuditEntry, formatAuditValue } from './audit-log';

describe('formatAuditValue', () => {
  it('shows yen, 和暦, 年度, ○/— and — for nothing', () => {
    expect(formatAuditValue('amount', 4_453_000)).toBe('4,453,000円');
    expect(formatAuditValue('datedOn', '2023-05-19')).toBe('令和5年5月19日');
    expect(formatAuditValue('fiscalYear', 2023)).toBe('令和5年度');
    expect(formatAuditValue('enhanced', true)).toBe('○');
    expect(formatAuditValue('splitOverride', 0)).toBe('—');
    expect(formatAuditValue('note', null)).toBe('—');
    expect(formatAuditValue('note', '')).toBe('—');
    expect(formatAuditValue('total', 2_201_272)).toBe('2,201,272人');
    expect(formatAuditValue('areaCentiKm2', 72_603)).toBe('726.03 km²');
  });

  it('names codes in Japanese, by entity where a name means two things', () => {
    expect(formatAuditValue('side', 'medical')).toBe('医療分');
    expect(formatAuditValue('kind', 'decision', 'subsidy_step')).toBe('交付決定');
    expect(formatAuditValue('reason', 'manual', 'backup')).toBe('手動');
  });

  it('lists short lists and counts lists of records', () => {
    expect(formatAuditValue('municipalityCodes', ['151009', '152021'])).toBe('151009、152021');
    expect(formatAuditValue('sent', [{ targetId: '1' }, { targetId: '2' }])).toBe('2件');
    expect(formatAuditValue('fundProject', { id: 3, number: '12', name: '在宅医療推進センター整備事業' })).toBe(
      '在宅医療推進センター整備事業',
    );
  });
});

describe('describeAuditEntry', () => {
  it('shows only the fields that changed, old → new', () => {
    const d = describeAuditEntry({
      entity: 'fund_spending',
      entityId: '7',
      before: { id: 7, amount: 12_500_000, payee: '（架空）病院', spentOn: '2023-12-15' },
      after: { id: 7, amount: 13_000_000, payee: '（架空）病院', spentOn: '2023-12-20' },
    });
    expect(d.kind).toBe('changed');
    expect(d.fields).toEqual([
      { field: 'amount', label: '金額', before: '12,500,000円', value: '13,000,000円' },
      { field: 'spentOn', label: '支出日', before: '令和5年12月15日', value: '令和5年12月20日' },
    ]);
    expect(auditChangeText(d)).toBe('変更　金額: 12,500,000円 → 13,000,000円、支出日: 令和5年12月15日 → 令和5年12月20日');
  });

  it('shows a new record by its filled fields, named by its center and kind for a subsidy step', () => {
    const d = describeAuditEntry({
      entity: 'subsidy_step',
      entityId: '78',
      before: null,
      after: {
        id: 78,
        kind: 'decision',
        datedOn: '2023-05-19',
        orderNo: '新医政第301号',
        amount: 6_973_000,
        reason: '',
        override: 0,
        center: '新潟市医師会',
        label: '交付決定',
      },
    });
    expect(d).toMatchObject({ kind: 'created', subject: '新潟市医師会 交付決定' });
    expect(d.fields.map((f) => `${f.label}=${f.value}`)).toEqual([
      '手続き=交付決定',
      '日付=令和5年5月19日',
      '指令番号=新医政第301号',
      '金額=6,973,000円',
    ]);
  });

  it('shows a deleted record by what it held', () => {
    const d = describeAuditEntry({
      entity: 'association',
      entityId: '4',
      before: { id: 4, name: '佐渡医師会', kind: 'county' },
      after: null,
    });
    expect(d).toEqual({
      kind: 'deleted',
      subject: '佐渡医師会',
      fields: [
        { field: 'name', label: '名称', value: '佐渡医師会' },
        { field: 'kind', label: '区分', value: '郡市医師会' },
      ],
    });
  });

  it('reads a setting chosen on the 設定 screen as the screen words it, not as its code (QA: 「compact → comfortable」)', () => {
    const d = describeAuditEntry({
      entity: 'settings',
      entityId: 'density,fundCategoryNotation',
      before: { density: 'compact', fundCategoryNotation: 'roman' },
      after: { density: 'comfortable', fundCategoryNotation: 'arabic' },
    });
    expect(auditChangeText(d)).toBe(
      '変更　表の行の高さ: 詰めて表示（Excel に近い行の高さ） → ゆったり表示、計画の区分の書き方: ローマ数字（区分Ⅰ-1、区分Ⅱ） → 算用数字（区分1-1、区分2）',
    );
  });

  it('reads as one Japanese line with no code names', () => {
    const line = auditLine({
      id: 1,
      at: '2026-11-22T01:00:00.000Z',
      osUser: 'tanaka',
      displayName: '田中 一郎',
      operation: 'app.demo.load',
      entity: 'settings',
      entityId: 'displayName',
      before: { displayName: '' },
      after: { displayName: 'デモ 担当者' },
    });
    expect(line).toMatch(
      /^令和8年11月22日 \d\d:00　田中 一郎（tanaka）　デモデータの読み込み　設定「表示名」　変更　表示名: — → デモ 担当者$/,
    );
  });
});
