/** The CLI's option readers, with what people type into them. */
import { describe, expect, it } from 'vitest';
import { AUDIT_ENTITIES, AUDIT_SECTIONS } from '@shared/contract';
import { entityLabel } from '@shared/glossary';
import { sectionLabel } from '@shared/sections';
import { choiceOption, rowNumbersOption } from './command';

describe('--exclude row numbers', () => {
  it('reads full-width digits, 、 between them, spaces and ranges', () => {
    expect(rowNumbersOption('3,４,6', 'exclude')).toEqual([3, 4, 6]);
    expect(rowNumbersOption('３、４、６', 'exclude')).toEqual([3, 4, 6]);
    expect(rowNumbersOption('2, 5-7 ,10～11', 'exclude')).toEqual([2, 5, 6, 7, 10, 11]);
    expect(rowNumbersOption(undefined, 'exclude')).toEqual([]);
  });

  it('refuses what is not a row number, naming it', () => {
    expect(() => rowNumbersOption('3,abc', 'exclude')).toThrow('--exclude の「abc」は行番号ではありません');
    expect(() => rowNumbersOption('3.5', 'exclude')).toThrow('--exclude の「3.5」は行番号ではありません');
    expect(() => rowNumbersOption('0', 'exclude')).toThrow('「0」は行番号ではありません');
    expect(() => rowNumbersOption('7-3', 'exclude')).toThrow('「7-3」は行番号ではありません');
  });
});

describe('--entity and --section', () => {
  it('take the Japanese name the screen shows as well as the key', () => {
    expect(choiceOption('医療機関', 'entity', AUDIT_ENTITIES, entityLabel)).toBe('institution');
    expect(choiceOption('設定', 'entity', AUDIT_ENTITIES, entityLabel)).toBe('settings');
    expect(choiceOption('institution', 'entity', AUDIT_ENTITIES, entityLabel)).toBe('institution');
    expect(choiceOption('補助金', 'section', AUDIT_SECTIONS, sectionLabel)).toBe('subsidy');
    expect(choiceOption('会議・研修', 'section', AUDIT_SECTIONS, sectionLabel)).toBe('meeting');
    expect(choiceOption(undefined, 'section', AUDIT_SECTIONS, sectionLabel)).toBeUndefined();
  });

  it('refuses an unknown one, listing the Japanese names', () => {
    expect(() => choiceOption('病院', 'entity', AUDIT_ENTITIES, entityLabel)).toThrow(
      '--entity には次のどれかを指定してください: 都道府県、市区町村、人口',
    );
    expect(() => choiceOption('nonsense', 'section', AUDIT_SECTIONS, sectionLabel)).toThrow(
      '--section には次のどれかを指定してください: 台帳、基金、補助金、調査、会議・研修、帳票、設定（「nonsense」はありません）',
    );
  });
});
