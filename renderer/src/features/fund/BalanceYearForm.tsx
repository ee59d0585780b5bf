/**
 * One 年度's 積立（国・県） and 運用益 — and for the fund's first year its
 * 期首残高 — typed in yen under the balance table and saved with
 * fund.years.save; the table reloads from what the core answers.
 */
import { type FormEvent, useRef, useState } from 'react';
import { useApi, useMutation } from '@renderer/api/hooks';
import { ConflictNotice, isVersionConflict } from '@renderer/components/ConflictNotice';
import { Field, FormErrorNotice, fieldError, useFocusFirstError } from '@renderer/components/Field';
import { FiscalYearSelect } from '@renderer/components/FiscalYearSelect';
import { useToast } from '@renderer/components/Toast';
import type { FundSide } from '@shared/contract/fund';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { readAmountText } from '@shared/numbers';
import { PLAUSIBLE_YEN_FLOOR, unitSlipWarning } from './money';

const FIELDS = ['openingBalance', 'nationalContribution', 'prefecturalContribution', 'investmentIncome'] as const;
type YearField = (typeof FIELDS)[number];
const LABELS: Record<YearField, string> = {
  openingBalance: '期首残高',
  nationalContribution: '積立（国）',
  prefecturalContribution: '積立（県）',
  investmentIncome: '運用益',
};

/** The fields a 千円 figure typed bare would be implausibly small in (運用益 may be small). */
const UNIT_CHECKED: readonly YearField[] = ['openingBalance', 'nationalContribution', 'prefecturalContribution'];

/** What each figure typed bare would be saved as, where it is too small for the field to be meant in 円. */
function unitSlips(text: Record<YearField, string>, fields: readonly YearField[]): string[] {
  return fields.flatMap((f) => {
    if (!UNIT_CHECKED.includes(f)) return [];
    const read = readAmountText(text[f], { label: LABELS[f] });
    const warning = 'value' in read && read.value !== null && unitSlipWarning(LABELS[f], read.value, text[f], PLAUSIBLE_YEN_FLOOR.fundYear);
    return warning ? [warning] : [];
  });
}

export interface BalanceYearValues {
  openingBalance: number;
  nationalContribution: number;
  prefecturalContribution: number;
  investmentIncome: number;
  /** The version of the year's record as read (FundBalanceResult.yearVersions); absent when not entered yet. */
  version?: number;
}

const grouped = (n: number) => n.toLocaleString('ja-JP');

function textOf(values: BalanceYearValues): Record<YearField, string> {
  return {
    openingBalance: grouped(values.openingBalance),
    nationalContribution: grouped(values.nationalContribution),
    prefecturalContribution: grouped(values.prefecturalContribution),
    investmentIncome: grouped(values.investmentIncome),
  };
}

export function BalanceYearForm({
  side,
  fiscalYear: initialYear,
  first,
  chooseYear,
  initial,
  onDone,
}: {
  side: FundSide;
  fiscalYear: FiscalYear;
  /** The fund's first year: its 期首残高 is entered too. */
  first: boolean;
  /** The 年度 is picked in the form (the fund has no year yet). */
  chooseYear?: boolean;
  initial: BalanceYearValues;
  onDone(): void;
}) {
  const [fy, setFy] = useState(initialYear);
  const [text, setText] = useState<Record<YearField, string>>(() => textOf(initial));
  // The version read when the form opened (or at 再読み込み): the save names it.
  const [version, setVersion] = useState(initial.version);
  const { client } = useApi();
  const [local, setLocal] = useState<Partial<Record<YearField, string>>>({});
  const save = useMutation('fund.years.save');
  const toast = useToast();
  const error = save.error?.error;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, Object.keys(local).length > 0 ? local : save.error);
  const fields = FIELDS.filter((f) => first || f !== 'openingBalance');
  // Said as the figures are typed, and saved as typed: the officer reads it before 保存する, and 元に戻す takes it back.
  const slips = unitSlips(text, fields);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const values: Partial<Record<YearField, number>> = {};
    const problems: Partial<Record<YearField, string>> = {};
    for (const f of fields) {
      const read = readAmountText(text[f], { label: LABELS[f] });
      if ('problem' in read) problems[f] = read.problem;
      else if (read.value === null) problems[f] = `${LABELS[f]}を入力してください（ない場合は 0）`;
      else values[f] = read.value;
    }
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    const saved = await save.run({
      side,
      fiscalYear: fy,
      openingBalance: first ? values.openingBalance! : null,
      nationalContribution: values.nationalContribution!,
      prefecturalContribution: values.prefecturalContribution!,
      investmentIncome: values.investmentIncome!,
      // 0: read as not entered yet, so a colleague's first save meanwhile is not overwritten.
      version: version ?? 0,
    });
    if (saved) {
      toast(`${formatFiscalYear(fy)}の積立・運用益を保存しました`, 'success');
      onDone();
    }
  };

  return (
    <form ref={formRef} className="fund-year-form" onSubmit={submit} aria-label={`${formatFiscalYear(fy)}の積立・運用益`}>
      {chooseYear ? (
        <Field label="年度" error={fieldError(error, 'fiscalYear')}>
          {(p) => <FiscalYearSelect {...p} value={fy} onChange={setFy} />}
        </Field>
      ) : (
        <strong className="fund-year-form__year">{formatFiscalYear(fy)}</strong>
      )}
      {fields.map((f) => (
        <Field key={f} label={`${LABELS[f]}（円）`} error={local[f] ?? fieldError(error, f)}>
          {(p) => <input {...p} value={text[f]} inputMode="numeric" onChange={(e) => setText({ ...text, [f]: e.target.value })} />}
        </Field>
      ))}
      {slips.length > 0 && (
        <div className="notice span-all fund-year-form__units" role="status" aria-label="金額の単位の確認">
          <ul className="plain-list">
            {slips.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="fund-year-form__actions">
        <button type="submit" className="button" disabled={save.pending}>
          保存する
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          やめる
        </button>
      </div>
      <ConflictNotice
        error={error}
        className="span-all"
        unsaved={fields.map((f) => `${LABELS[f]}: ${text[f]}`).join('\n')}
        onReload={async () => {
          const balance = await client.call('fund.balance', { side });
          const year = balance.years.find((y) => y.fiscalYear === fy);
          if (year)
            setText(
              textOf({
                openingBalance: year.opening,
                nationalContribution: year.nationalContribution,
                prefecturalContribution: year.prefecturalContribution,
                investmentIncome: year.investmentIncome,
              }),
            );
          setVersion(balance.yearVersions[fy]);
          save.reset();
        }}
      />
      <FormErrorNotice error={isVersionConflict(error) ? undefined : error} fields={['fiscalYear', ...FIELDS]} className="span-all" />
    </form>
  );
}
