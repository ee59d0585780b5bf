/**
 * A project's line for fund.amounts.save: after the user changes its
 * 基金充当額 or その他 in the year view (keeping the line's other figures),
 * or all zero when the project joins a version.
 */
import type { OpInput } from '@shared/contract';
import type { FundYearResult, OperatorKind } from '@shared/contract/fund';
import { keepEntrustedProportion, keepPublicPrivateProportion, publicPrivateOf, splitFund } from '@shared/fund/split';
import { yen } from '@shared/money';

export type EditableField = 'fundAmount' | 'otherAmount';
export type AmountLine = OpInput<'fund.amounts.save'>['lines'][number];
type StoredAmounts = FundYearResult['amounts'][number];

/**
 * The line with `field` set to `value`. Changing その他 keeps everything else,
 * a hand-set 国/県 split included. Changing the 基金充当額 returns to the
 * 2/3 rule (a hand-set split no longer adds up) and re-divides 公/民 over the
 * new 国: the old division when it still adds up; else as the import does
 * (publicPrivateOf) — a line wholly 公 or wholly 民 keeps to its side, a new
 * line's goes to 公 for a project run by the 県 or a 市町村 (`operatorKind`)
 * and to 民 for any other, and a division of both that no longer adds up keeps
 * its proportion (keepPublicPrivateProportion). うち受託事業等 keeps its part of 民 (keepEntrustedProportion), so
 * typing an amount back gives back the line's figures. A value the rule cannot split (negative, not a whole
 * number) goes to the core as typed, for the core to refuse in its words.
 * The line carries the version read with `current`, so a save over someone else's newer change is refused.
 * @example editedLine(1, { fundAmount: 0, national: 0, publicAmount: 0, privateAmount: 0, … }, 'fundAmount', 5_000_000, 'prefecture')
 * // { projectId: 1, fundAmount: 5_000_000, publicAmount: 3_333_333, privateAmount: 0, entrustedAmount: 0, split: null, … }
 */
export function editedLine(
  projectId: number,
  current: StoredAmounts,
  field: EditableField,
  value: number,
  operatorKind: OperatorKind,
): AmountLine {
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
  const national = splitFund(yen(value)).national;
  let publicAmount: number = current.publicAmount;
  let privateAmount: number = current.privateAmount;
  if (publicAmount + privateAmount !== national) {
    const both = current.publicAmount > 0 && current.privateAmount > 0;
    ({ publicAmount, privateAmount } = both
      ? keepPublicPrivateProportion(national, current)
      : publicPrivateOf(national, current, operatorKind));
  }
  const entrustedAmount =
    privateAmount === current.privateAmount
      ? Math.min(current.entrustedAmount, privateAmount)
      : keepEntrustedProportion(yen(privateAmount), current);
  return { ...base, fundAmount: value, publicAmount, privateAmount, entrustedAmount, split: null };
}

/**
 * A project's line with every amount 0: how a project joins a budget version
 * before its figures are typed in the year view.
 */
export function zeroLine(projectId: number): AmountLine {
  return { projectId, fundAmount: 0, otherAmount: 0, publicAmount: 0, privateAmount: 0, entrustedAmount: 0, split: null };
}
