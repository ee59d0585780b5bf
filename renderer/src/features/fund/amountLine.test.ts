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
      entrustedAmount: 2_000_000,
    });
    // 国 3,333,333 does not divide by 3: 公 is rounded down and 民 takes the odd yen, so the two still make 国.
    expect(editedLine(1, mixed, 'fundAmount', 5_000_000, 'prefecture')).toMatchObject({
      publicAmount: 1_111_111,
      privateAmount: 2_222_222,
    });
  });

  it('gives back the line’s 公, 民 and うち受託 when the 基金充当額 is halved and then typed back', () => {
    // 国 3,000,000: 公 1,000,000, 民 2,000,000, of which 受託 1,000,000.
    const mixed = { ...stored(1_000_000, 2_000_000, 1_000_000), fundAmount: yen(4_500_000), national: yen(3_000_000) };
    const halved = editedLine(1, mixed, 'fundAmount', 2_250_000, 'association');
    expect(halved).toMatchObject({ publicAmount: 500_000, privateAmount: 1_000_000, entrustedAmount: 500_000 });
    const asRead = {
      ...mixed,
      fundAmount: yen(2_250_000),
      national: yen(1_500_000),
      publicAmount: yen(halved.publicAmount),
      privateAmount: yen(halved.privateAmount),
      entrustedAmount: yen(halved.entrustedAmount),
    };
    expect(editedLine(1, asRead, 'fundAmount', 4_500_000, 'association')).toMatchObject({
      publicAmount: 1_000_000,
      privateAmount: 2_000_000,
      entrustedAmount: 1_000_000,
    });
  });

  it('keeps うち受託 within 民, rounded down, when 民 does not divide evenly', () => {
    // 国 3,333,333 for 5,000,000: 民 2,222,222; 受託 a third of 民 before (2,000,000 of 6,000,000) is 740,740.
    const mixed = { ...stored(3_000_000, 6_000_000, 2_000_000), fundAmount: yen(13_500_000), national: yen(9_000_000) };
    const line = editedLine(1, mixed, 'fundAmount', 5_000_000, 'association');
    expect(line).toMatchObject({ publicAmount: 1_111_111, privateAmount: 2_222_222, entrustedAmount: 740_740 });
    expect(line.entrustedAmount).toBeLessThanOrEqual(line.privateAmount);
  });
});
