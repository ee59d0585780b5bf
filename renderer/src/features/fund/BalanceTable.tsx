/** The fund's balance year by year (期首残高 + 積立 + 運用益 − 取崩 = 期末残高), with what is wrong with it. */
import type { FundSide } from '../../../../shared/contract/fund';
import { fiscalYear, formatFiscalYear } from '../../../../shared/fiscal-year';
import { useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatAmount, type MoneyUnit, unitNote } from './money';

export function BalanceTable({ side, unit }: { side: FundSide; unit: MoneyUnit }) {
  const balance = useQuery('fund.balance', { side });
  const years = balance.data?.years ?? [];
  const problems = balance.data?.problems ?? [];
  return (
    <section className="card" aria-labelledby="fund-balance-title">
      <div className="card__head">
        <h2 id="fund-balance-title">基金残高</h2>
        <span className="muted">{unitNote(unit)}・取崩は各年度の最新の版の基金充当額</span>
      </div>
      {balance.error && <ErrorNotice error={balance.error} />}
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
              <th className="num">期末残高</th>
            </tr>
          </thead>
          <tbody>
            {balance.data && years.length === 0 && (
              <tr>
                <td colSpan={7} className="empty">
                  基金の積立はまだ登録されていません。
                </td>
              </tr>
            )}
            {years.map((y) => (
              <tr key={y.fiscalYear} className={problems.some((p) => p.fiscalYear === y.fiscalYear) ? 'fund-row--flagged' : undefined}>
                <th scope="row" className="nowrap">
                  {formatFiscalYear(fiscalYear(y.fiscalYear))}
                </th>
                <td className="num">{formatAmount(y.opening, unit)}</td>
                <td className="num">{formatAmount(y.nationalContribution, unit)}</td>
                <td className="num">{formatAmount(y.prefecturalContribution, unit)}</td>
                <td className="num">{formatAmount(y.investmentIncome, unit)}</td>
                <td className="num">{formatAmount(y.withdrawal, unit)}</td>
                <td className={`num${y.closing < 0 ? ' fund-negative' : ''}`}>{formatAmount(y.closing, unit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
