import { describe, expect, it } from 'vitest';
import { holdsWholeFile } from './heap';

describe('holdsWholeFile', () => {
  it('says yes for an import, dry run or not, whatever the order of the options', () => {
    expect(holdsWholeFile(['import', '--db', 'a.sqlite', 'institutions', 'list.csv'])).toBe(true);
    expect(holdsWholeFile(['import', '--dry-run', 'institutions', 'list.csv'])).toBe(true);
  });

  it('says no for its help and for every other command (the host above all: it runs for hours)', () => {
    expect(holdsWholeFile(['import', '--help'])).toBe(false);
    expect(holdsWholeFile(['serve', '--db', 'import'])).toBe(false);
    expect(holdsWholeFile(['export', 'institutions', 'list.csv'])).toBe(false);
    expect(holdsWholeFile(['report', 'pack', '--fy', '2023', '--out', 'out'])).toBe(false);
    expect(holdsWholeFile([])).toBe(false);
  });
});
