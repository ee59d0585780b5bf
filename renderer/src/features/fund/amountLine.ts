/**
 * A project's line for fund.amounts.save: after the user changes its
 * 基金充当額 or その他 in the year view (keeping the line's other figures),
 * or all zero when the project joins a version.
 */
import type { OpInput } from '@shared/contract';
import type { FundYearResult } from '@shared/contract/fund';
import { splitFund } from '@shared/fund/split';
import { yen } from '@shared/money';

export type EditableField = 'fundAmount' | 'otherAmount';
export type AmountLine = OpInput<'fund.amounts.save'>['lines'][number];
type StoredAmounts = FundYearResult['amounts'][number];

/**
 * The line with `field` set to `value`. Changing その他 keeps everything else,
 * a hand-set 国/県 split included. Changing the 基金充当額 returns to the
 * 2/3 rule (a hand-set split no longer adds up) and re-divides 公/民 over the
 * new 国: the old division when it still adds up, else all of it to 民 when
 * 公 was 0 and to 公 otherwise; うち受託事業等 follows 民 when it was all of 民
 * and is capped at 民 otherwise. A value the rule cannot split (negative, not
 * a whole number) goes to the core as typed, for the core to refuse in its words.
 * The line carries the version read with `current`, so a save over someone else's newer change is refused.
 * @example editedLine(1, { fundAmount: 84_586_000, national: 56_390_666, publicAmount: 0, privateAmount: 56_390_666, … }, 'fundAmount', 90_000_000)
 * // { projectId: 1, fundAmount: 90_000_000, publicAmount: 0, privateAmount: 60_000_000, split: null, … }
 */
export function editedLine(projectId: number, current: StoredAmounts, field: EditableField, value: number): AmountLine {
  const base = {
    projectId,
    fundAmount: current.fundAmount as number,
    otherAmount: current.otherAmount as number,
    publicAmount: current.publicAmount as number,
    privateAmount: current.privateAmount as number,
    entrustedAmount: current.entrustedAmount as number,
    version: current.version,
  };
  if (field === 'otherAmount') {
    return {
      ...base,
      otherAmount: value,
      split: current.splitOverride ? { national: current.national, prefectural: current.prefectural } : null,
    };
  }
  if (!Number.isSafeInteger(value) || value < 0) return { ...base, fundAmount: value, split: null };
  const national: number = splitFund(yen(value)).national;
  let publicAmount = current.publicAmount as number;
  let privateAmount = current.privateAmount as number;
  if (publicAmount + privateAmount !== national) {
    publicAmount = current.publicAmount === 0 ? 0 : national;
    privateAmount = national - publicAmount;
  }
  const entrustedAmount =
    current.entrustedAmount === current.privateAmount ? privateAmount : Math.min(current.entrustedAmount, privateAmount);
  return { ...base, fundAmount: value, publicAmount, privateAmount, entrustedAmount, split: null };
}

/**
 * A project's line with every amount 0: how a project joins a budget version
 * before its figures are typed in the year view.
 */
export function zeroLine(projectId: number): AmountLine {
  return { projectId, fundAmount: 0, otherAmount: 0, publicAmount: 0, privateAmount: 0, entrustedAmount: 0, split: null };
}
