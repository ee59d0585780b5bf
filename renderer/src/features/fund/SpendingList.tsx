/**
 * A project's spending (執行) in one 年度, inside the project drawer: the
 * entries with their total, a delete per entry, and a small form to add one.
 * The drawer is told while that form holds an entry typed but not added, so a save of the project keeps it open.
 */
import { type FormEvent, useLayoutEffect, useRef, useState } from 'react';
import { useMutation, useQuery } from '@renderer/api/hooks';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { DateField } from '@renderer/components/DateField';
import { Field, FormErrorNotice, fieldError, useFocusFirstError } from '@renderer/components/Field';
import { useToast } from '@renderer/components/Toast';
import type { FundSide, FundSpending } from '@shared/contract/fund';
import { type IsoDate, isoDateOfLocal } from '@shared/dates';
import { allowedDates, type FiscalYear, fiscalYearStart, formatFiscalYear, suggestedDate } from '@shared/fiscal-year';
import { formatYen } from '@shared/format';
import { yen } from '@shared/money';
import { readAmountText } from '@shared/numbers';
import { formatWareki } from '@shared/wareki';
import { PLAUSIBLE_YEN_FLOOR, unitSlipWarning } from './money';

const EMPTY = { amount: '', payee: '', purpose: '', voucherNo: '' };

export function SpendingList({
  side,
  fiscalYear,
  projectId,
  onDirty,
}: {
  side: FundSide;
  fiscalYear: FiscalYear;
  projectId: number;
  onDirty?(dirty: boolean): void;
}) {
  const list = useQuery('fund.spending.list', { side, fiscalYear, projectId });
  const save = useMutation('fund.spending.save');
  const remove = useMutation('fund.spending.delete');
  const toast = useToast();
  const allowed = allowedDates(fiscalYear, 'fundSpending');
  const [spentOn, setSpentOn] = useState<string>(() => suggestedDate(allowed, isoDateOfLocal(new Date()), 'nearest'));
  const [draft, setDraft] = useState(EMPTY);
  // The date alone is a suggestion, not an entry: only what the officer typed into the other boxes is.
  const dirty = Object.values(draft).some((value) => value.trim() !== '');
  useLayoutEffect(() => onDirty?.(dirty), [dirty, onDirty]);
  const [amountError, setAmountError] = useState<string>();
  const [deleting, setDeleting] = useState<FundSpending>();
  const entries = list.data ?? [];
  const total = entries.reduce((sum, s) => sum + s.amount, 0);
  const error = save.error?.error;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, amountError ?? save.error);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const read = readAmountText(draft.amount, { label: '金額' });
    if ('problem' in read || read.value === null) {
      setAmountError('problem' in read ? read.problem : '金額を入力してください（例: 3,000,000）');
      return;
    }
    const amount = read.value;
    setAmountError(undefined);
    const saved = await save.run({
      projectId,
      fiscalYear,
      spentOn,
      amount,
      payee: draft.payee,
      purpose: draft.purpose,
      voucherNo: draft.voucherNo,
    });
    if (saved) {
      toast(`${formatFiscalYear(fiscalYear)}の執行 ${formatYen(yen(saved.amount))}を記録しました`, 'success');
      // A 千円 figure typed bare (1,234 for 1,234,000円) is kept as typed, and said once it is: a small payment may be meant.
      const slip = unitSlipWarning('執行の金額', amount, draft.amount, PLAUSIBLE_YEN_FLOOR.spending, 'added');
      if (slip) toast(slip, 'info');
      setDraft(EMPTY);
    }
  };
  const doDelete = async () => {
    const entry = deleting!;
    setDeleting(undefined);
    if ((await remove.run({ id: entry.id, version: entry.version })) !== undefined)
      toast(`${formatWareki(entry.spentOn as IsoDate)}の執行 ${formatYen(yen(entry.amount))}を削除しました`, 'success');
  };
  const set = (key: keyof typeof EMPTY) => (e: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [key]: e.target.value });

  return (
    <section className="fund-spending" aria-label={`${formatFiscalYear(fiscalYear)}の執行`}>
      <h3>{formatFiscalYear(fiscalYear)}の執行</h3>
      {list.error && (
        <div className="notice notice--error" role="alert">
          {list.error.message}
        </div>
      )}
      {remove.error && (
        <div className="notice notice--error" role="alert">
          {remove.error.message}
        </div>
      )}
      {entries.length === 0 ? (
        <p className="muted">{list.loading ? '読み込み中…' : 'この年度の執行はまだありません。'}</p>
      ) : (
        <div className="table-wrap">
          <table className="table fund-spending__table" aria-label="執行の一覧">
            <thead>
              <tr>
                <th>日付</th>
                <th className="num">金額</th>
                <th>支払先</th>
                <th>内容</th>
                <th>伝票番号</th>
                <th aria-label="操作" />
              </tr>
            </thead>
            <tbody>
              {entries.map((s) => (
                <tr key={s.id}>
                  <td className="nowrap">{formatWareki(s.spentOn as IsoDate)}</td>
                  <td className="num nowrap">{formatYen(yen(s.amount))}</td>
                  <td>{s.payee}</td>
                  <td>{s.purpose}</td>
                  <td className="nowrap">{s.voucherNo}</td>
                  <td>
                    <button
                      data-edit
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => setDeleting(s)}
                      disabled={s.source !== 'manual'}
                      title={
                        s.source !== 'manual' ? '補助金の交付決定・精算から記録された執行です。補助金の画面で変更してください' : undefined
                      }
                    >
                      削除…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">執行額合計</th>
                <td className="num nowrap" data-testid="spending-total">
                  {formatYen(yen(total))}
                </td>
                <td colSpan={4} />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <form ref={formRef} className="fund-spending__form" onSubmit={add} aria-label="執行を追加">
        <Field label="日付" error={fieldError(error, 'spentOn')}>
          {(p) => (
            <DateField
              {...p}
              value={spentOn}
              required
              min={allowed.from}
              max={allowed.to}
              fiscalYear={fiscalYear}
              nextYear={(date, next) =>
                `${formatWareki(date)}は${formatFiscalYear(next)}の執行です（${formatFiscalYear(fiscalYear)}の執行は${formatWareki(allowed.to)}まで）。この事業を閉じ、「年度」で${formatFiscalYear(next)}を選んでから入力してください。`
              }
              reference={fiscalYearStart(fiscalYear)}
              onChange={setSpentOn}
            />
          )}
        </Field>
        <Field label="金額（円）" error={amountError ?? fieldError(error, 'amount')}>
          {(p) => <input {...p} value={draft.amount} inputMode="numeric" placeholder="例: 3,000,000" onChange={set('amount')} />}
        </Field>
        <Field label="支払先" error={fieldError(error, 'payee')}>
          {(p) => <input {...p} value={draft.payee} onChange={set('payee')} />}
        </Field>
        <Field label="内容" error={fieldError(error, 'purpose')}>
          {(p) => <input {...p} value={draft.purpose} onChange={set('purpose')} />}
        </Field>
        <Field label="伝票番号" error={fieldError(error, 'voucherNo')}>
          {(p) => <input {...p} value={draft.voucherNo} onChange={set('voucherNo')} />}
        </Field>
        <div className="fund-spending__submit">
          <button data-edit type="submit" className="button button--secondary" disabled={save.pending}>
            執行を追加
          </button>
        </div>
        <FormErrorNotice error={error} fields={['amount', 'payee', 'purpose', 'spentOn', 'voucherNo']} className="span-all" />
      </form>
      {deleting && (
        <ConfirmDialog
          title={`${formatWareki(deleting.spentOn as IsoDate)}の執行 ${formatYen(yen(deleting.amount))}を削除しますか？`}
          confirmLabel="削除する"
          danger
          onConfirm={doDelete}
          onCancel={() => setDeleting(undefined)}
        >
          <p>削除すると年度の執行額と執行率から外れます。</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
