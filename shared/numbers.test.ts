import { describe, expect, it } from 'vitest';
import { formatHundredths, parseHundredthsText } from './numbers';

describe('indicator values in hundredths', () => {
  it('shows them back as typed, without float drift', () => {
    expect(formatHundredths(1250)).toBe('12.5');
    expect(formatHundredths(3758)).toBe('37.58');
    expect(formatHundredths(1700)).toBe('17');
    expect(formatHundredths(5)).toBe('0.05');
    expect(formatHundredths(-5)).toBe('-0.05');
    expect(formatHundredths(null)).toBe('');
    for (const text of ['0', '0.5', '12.5', '37.58', '960', '１２．５']) {
      expect(formatHundredths(parseHundredthsText(text))).toBe(text.normalize('NFKC'));
    }
  });
});
