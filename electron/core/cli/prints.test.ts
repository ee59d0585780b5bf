import { describe, expect, it } from 'vitest';
import { printsForCertain } from './prints';

describe('printsForCertain', () => {
  it('says yes for the pack and for one report as PDF, whatever the order of the options', () => {
    expect(printsForCertain(['report', '--db', 'a.sqlite', 'pack', '--fy', '2023', '--out', 'out'])).toBe(true);
    expect(printsForCertain(['report', 'pack', '--fy', 'R5', '--out', 'pack'])).toBe(true);
    expect(printsForCertain(['report', 'summary', '--format', 'pdf', '--out', 'a.pdf'])).toBe(true);
    expect(printsForCertain(['report', '--format=pdf', 'summary', '--out', 'a.pdf'])).toBe(true);
  });

  it('says no for a workbook, the list, help, and every other command', () => {
    expect(printsForCertain(['report', 'summary', '--format', 'xlsx', '--out', 'a.xlsx'])).toBe(false);
    expect(printsForCertain(['report', 'list'])).toBe(false);
    expect(printsForCertain(['report', 'pack', '--help'])).toBe(false);
    expect(printsForCertain(['report', '--db', 'pack', 'list'])).toBe(false);
    expect(printsForCertain(['serve'])).toBe(false);
    expect(printsForCertain(['import', 'pack', '--format', 'pdf'])).toBe(false);
    expect(printsForCertain([])).toBe(false);
  });
});
