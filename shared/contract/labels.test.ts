/** Every operation carries the Japanese label the audit log, 元に戻す and the CLI show for it. */
import { describe, expect, it } from 'vitest';
import { operationLabel, operations } from './index';

describe('operation labels', () => {
  it('gives every operation a Japanese label, with Latin letters and digits half-width as the screens write them', () => {
    for (const [name, op] of Object.entries(operations)) {
      expect(op.label, name).toMatch(/^[^\x00-\x7f]/);
      expect(op.label, name).not.toMatch(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/);
    }
    // 設定's button and the CLI say it alike.
    expect(operationLabel('backup.copyToFile')).toBe('この PC に写しを作る');
  });

  it('keeps the labels users already read in their logs', () => {
    expect(operationLabel('fund.projects.save')).toBe('基金事業の保存');
    expect(operationLabel('masters.areas.save')).toBe('圏域の保存');
    expect(operationLabel('app.undo')).toBe('元に戻す');
    expect(operationLabel('survey.files.commit')).toBe('返送された調査票の取り込み');
  });

  it('shows a name this version no longer has as it was recorded', () => {
    expect(operationLabel('masters.retired.save')).toBe('masters.retired.save');
  });
});
