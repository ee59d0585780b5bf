/**
 * The fund's balance year by year (期首残高 + 積立 + 運用益 − 取崩 = 期末残高),
 * with what is wrong with it; each year's 積立 and 運用益 (and the first
 * year's 期首残高) entered in a form under its row, and the year after the
 * last added the same way; below it, the years as a line chart.
 */
import { Fragment, useState } from 'react';
import { useMutation, useQuery } from '@renderer/api/hooks';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { useToast } from '@renderer/components/Toast';
import type { FundSide } from '@shared/contract/fund';
import { addFiscalYears, type FiscalYear, fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatYen } from '@shared/format';
import type { BalanceYear, WithdrawalBasis } from '@shared/fund/balance';
import { BalanceYearForm } from './BalanceYearForm';
import { MultiYearChart } from './MultiYearChart';
import { formatAmount, type MoneyUnit, unitNote } from './money';

const WITHDRAWAL_FROM: Record<WithdrawalBasis, string> = {
  spending: '執行額',
  plan: '計画（最新の版）',
  mixed: '執行額（一部は計画）',
};

/**
 * `year` is the 年度 on screen: a fund with no year entered yet is offered it as its first (its 期首残高 and the
 * plans after it count), as the officer setting up a past year's plan means that year, not today's.
 */
export function BalanceTable({ side, unit, year }: { side: FundSide; unit: MoneyUnit; year: FiscalYear }) {
  const balance = useQuery('fund.balance', { side });
  const years = balance.data?.years ?? [];
  const problems = balance.data?.problems ?? [];
  /** The 年度 whose form is open ('new' for the year after the last), undefined when none is. */
  const [editing, setEditing] = useState<FiscalYear | 'new'>();
  const last = years.at(-1);
  const nextYear = last ? addFiscalYears(fiscalYear(last.fiscalYear), 1) : year;
  /** The last 年度 entered: the one that may be deleted (each year's balance carries into the next). */
  const lastEntered = Math.max(...Object.keys(balance.data?.yearVersions ?? {}).map(Number));
  const [deleting, setDeleting] = useState<BalanceYear>();
  const remove = useMutation('fund.years.delete');
  const toast = useToast();
  const doDelete = async (y: BalanceYear) => {
    setDeleting(undefined);
    const fy = fiscalYear(y.fiscalYear);
    const after = await remove.run({ side, fiscalYear: fy, version: balance.data?.yearVersions[fy] });
    if (after) {
      if (editing === fy) setEditing(undefined);
      // A year with a plan stays, drawing on the balance carried in alone: said, so its row is not taken as undeleted.
      const stays = after.years.some((a) => a.fiscalYear === fy);
      toast(
        `${formatFiscalYear(fy)}の積立・運用益を削除しました${stays ? '。計画があるため、この年度は積立・運用益を未登録として表に残ります' : ''}`,
        'success',
      );
    }
  };
  const ZERO = { openingBalance: 0, nationalContribution: 0, prefecturalContribution: 0, investmentIncome: 0 };
  return (
    <>
      <section className="card" aria-labelledby="fund-balance-title">
        <div className="card__head">
          <h2 id="fund-balance-title">基金残高</h2>
          <span className="muted">{unitNote(unit)}</span>
        </div>
        {balance.error && <ErrorNotice error={balance.error} />}
        {remove.error && <ErrorNotice error={remove.error} />}
        {problems.length > 0 && (
          <div className="notice notice--error fund-problems" role="alert">
            <ul className="plain-list">
              {problems.map((p) => (
                <li key={p.message}>{p.message}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="table-wrap">
          <table className="table" aria-label="基金残高の推移">
            <thead>
              <tr>
                <th>年度</th>
                <th className="num">期首残高</th>
                <th className="num">積立（国）</th>
                <th className="num">積立（県）</th>
                <th className="num">運用益</th>
                <th className="num">取崩</th>
                <th>取崩の根拠</th>
                <th className="num">期末残高</th>
                <th aria-label="操作" />
              </tr>
            </thead>
            <tbody>
              {balance.data && years.length === 0 && (
                <tr>
                  <td colSpan={9} className="empty">
                    基金の積立はまだ登録されていません。
                  </td>
                </tr>
              )}
              {years.map((y, i) => {
                const fy = fiscalYear(y.fiscalYear);
                return (
                  <Fragment key={y.fiscalYear}>
                    <tr
                      className={problems.some((p) => p.fiscalYear === y.fiscalYear) ? 'fund-row--flagged' : undefined}
                      data-year={y.fiscalYear}
                    >
                      <th scope="row" className="nowrap">
                        {formatFiscalYear(fy)}
                      </th>
                      <td className="num" data-field="opening">
                        {formatAmount(y.opening, unit)}
                      </td>
                      {y.entered ? (
                        <>
                          <td className="num" data-field="nationalContribution">
                            {formatAmount(y.nationalContribution, unit)}
                          </td>
                          <td className="num" data-field="prefecturalContribution">
                            {formatAmount(y.prefecturalContribution, unit)}
                          </td>
                          <td className="num" data-field="investmentIncome">
                            {formatAmount(y.investmentIncome, unit)}
                          </td>
                        </>
                      ) : (
                        // A year shown for its plan, its 積立・運用益 not entered: 0 would read as entered.
                        <td colSpan={3} className="muted fund-balance__unentered" data-field="contributions">
                          積立・運用益は未登録
                        </td>
                      )}
                      <td className="num" data-field="withdrawal">
                        {formatAmount(y.withdrawal, unit)}
                      </td>
                      <td className="nowrap" data-field="withdrawalFrom">
                        {WITHDRAWAL_FROM[y.withdrawalFrom]}
                      </td>
                      <td className={`num${y.closing < 0 ? ' fund-negative' : ''}`} data-field="closing">
                        {formatAmount(y.closing, unit)}
                      </td>
                      <td className="nowrap">
                        <button
                          data-edit
                          type="button"
                          className="button button--secondary button--small"
                          aria-label={`${formatFiscalYear(fy)}の積立・運用益を入力`}
                          aria-expanded={editing === fy}
                          onClick={() => setEditing(editing === fy ? undefined : fy)}
                        >
                          積立・運用益を入力
                        </button>
                        {fy === lastEntered && (
                          <button
                            data-edit
                            type="button"
                            className="button button--secondary button--small fund-balance__delete"
                            aria-label={`${formatFiscalYear(fy)}の積立・運用益を削除`}
                            onClick={() => {
                              remove.reset();
                              setDeleting(y);
                            }}
                          >
                            削除…
                          </button>
                        )}
                      </td>
                    </tr>
                    {editing === fy && (
                      <tr className="fund-year-form__row">
                        <td colSpan={9}>
                          <BalanceYearForm
                            side={side}
                            fiscalYear={fy}
                            first={i === 0}
                            initial={{
                              openingBalance: y.opening,
                              nationalContribution: y.nationalContribution,
                              prefecturalContribution: y.prefecturalContribution,
                              investmentIncome: y.investmentIncome,
                              version: balance.data?.yearVersions[fy],
                            }}
                            onDone={() => setEditing(undefined)}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
              {editing === 'new' && (
                <tr className="fund-year-form__row">
                  <td colSpan={9}>
                    <BalanceYearForm
                      key={`${side}-${nextYear}`}
                      side={side}
                      fiscalYear={nextYear}
                      first={years.length === 0}
                      chooseYear={years.length === 0}
                      initial={ZERO}
                      onDone={() => setEditing(undefined)}
                    />
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <p className="muted fund-balance__note">
          取崩は事業ごとに、出納整理期間（翌年度の5月31日まで）が過ぎて執行の記録があれば執行額（基金充当額まで）、なければ最新の版の基金充当額です。
        </p>
        {balance.data && (
          <div className="fund-balance__add">
            <button
              data-edit
              type="button"
              className="button button--secondary button--small"
              aria-expanded={editing === 'new'}
              onClick={() => setEditing(editing === 'new' ? undefined : 'new')}
            >
              ＋ 年度を追加{years.length > 0 ? `（${formatFiscalYear(nextYear)}）` : ''}
            </button>
          </div>
        )}
      </section>
      {deleting && (
        <ConfirmDialog
          title={`${formatFiscalYear(fiscalYear(deleting.fiscalYear))}の積立・運用益を削除しますか`}
          confirmLabel="削除する"
          danger
          onConfirm={() => void doDelete(deleting)}
          onCancel={() => setDeleting(undefined)}
        >
          <p>
            積立（国） {formatYen(deleting.nationalContribution)}、積立（県） {formatYen(deleting.prefecturalContribution)}、運用益{' '}
            {formatYen(deleting.investmentIncome)}
            {years[0]?.fiscalYear === deleting.fiscalYear ? `、期首残高 ${formatYen(deleting.opening)}` : ''}
            の登録を削除します。この年度の計画や執行は削除しません。計画のある年度は、積立・運用益を未登録として表に残ります。
          </p>
          <p className="muted">削除は監査ログに残ります。元に戻す（Ctrl+Z）で戻せます。</p>
        </ConfirmDialog>
      )}
      {balance.data && balance.data.plans.length > 0 && <MultiYearChart balance={balance.data} unit={unit} />}
    </>
  );
}
