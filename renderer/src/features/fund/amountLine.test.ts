import { describe, expect, it } from 'vitest';
import { yen } from '@shared/money';
import { editedLine } from './amountLine';

const stored = (publicAmount: number, privateAmount: number, entrustedAmount: number) => ({
  fundAmount: yen(0),
  otherAmount: yen(0),
  national: yen(0),
  prefectural: yen(0),
  publicAmount: yen(publicAmount),
  privateAmount: yen(privateAmount),
  entrustedAmount: yen(entrustedAmount),
  splitOverride: false,
  version: 1,
});

describe('the year view’s line after its 基金充当額 is typed', () => {
  it('gives a new line of a 県-run project 公, of a 民間 one 民, and うち受託事業等 to neither', () => {
    expect(editedLine(1, stored(0, 0, 0), 'fundAmount', 5_000_000, 'prefecture')).toMatchObject({
      fundAmount: 5_000_000,
      publicAmount: 3_333_333,
      privateAmount: 0,
      entrustedAmount: 0,
    });
    expect(editedLine(1, stored(0, 0, 0), 'fundAmount', 5_000_000, 'private')).toMatchObject({
      publicAmount: 0,
      privateAmount: 3_333_333,
      entrustedAmount: 0,
    });
  });

  it('keeps a line wholly 民 (all of it 受託) on its side when the 基金充当額 changes, whoever runs it', () => {
    const line = editedLine(
      1,
      { ...stored(0, 2_000_000, 2_000_000), fundAmount: yen(3_000_000), national: yen(2_000_000) },
      'fundAmount',
      4_500_000,
      'prefecture',
    );
    expect(line).toMatchObject({ publicAmount: 0, privateAmount: 3_000_000, entrustedAmount: 3_000_000 });
  });

  it('keeps a line of both 公 and 民 in the same proportion when the 基金充当額 changes, instead of moving it all to 公', () => {
    // 国 3,000,000 divided 公 1,000,000 : 民 2,000,000, half of 民 受託; the 基金充当額 doubled.
    const mixed = { ...stored(1_000_000, 2_000_000, 1_000_000), fundAmount: yen(4_500_000), national: yen(3_000_000) };
    expect(editedLine(1, mixed, 'fundAmount', 9_000_000, 'association')).toMatchObject({
      publicAmount: 2_000_000,
      privateAmount: 4_000_000,
      entrustedAmount: 1_000_000,
    });
    // 国 3,333,333 does not divide by 3: 公 is rounded down and 民 takes the odd yen, so the two still make 国.
    expect(editedLine(1, mixed, 'fundAmount', 5_000_000, 'prefecture')).toMatchObject({
      publicAmount: 1_111_111,
      privateAmount: 2_222_222,
    });
  });
});
