import { describe, expect, it } from 'vitest';
import { ACTIVITY_MONTHLY } from '@shared/survey/activity';
import { distinctParts } from './labels';

describe('distinctParts', () => {
  it('cuts age bands to their bracketed tails', () => {
    expect(distinctParts(['医師数（39歳以下）', '医師数（40歳代）'])).toEqual({ head: '医師数', parts: ['39歳以下', '40歳代'] });
  });

  it('cuts the monthly 相談件数 to the form’s own heading and whole parts, never half a bracket', () => {
    const labels = ACTIVITY_MONTHLY.questions.filter((q) => q.label.startsWith('相談件数（相談者別）')).map((q) => q.label);
    const { head, parts } = distinctParts(labels);
    expect(head).toBe('相談件数（相談者別）');
    expect(parts[0]).toBe('本人・家族');
    // 相談者別 and 相談内容別 are two groups, not one with a broken head.
    expect(distinctParts(['相談件数（相談者別）: 本人・家族', '相談件数（相談内容別）: 退院支援'])).toEqual({
      head: '',
      parts: ['相談件数（相談者別）: 本人・家族', '相談件数（相談内容別）: 退院支援'],
    });
  });
});
