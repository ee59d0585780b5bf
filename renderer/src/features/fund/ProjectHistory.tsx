/**
 * A project's money across 年度 and budget versions, inside the project
 * drawer: one row per version with 総事業費, 基金 (国・県), その他, and per 年度
 * the spending against the newest version. Changed figures are marked so a
 * revision reads at a glance.
 */
import { Fragment } from 'react';
import { useQuery } from '@renderer/api/hooks';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import type { IsoDate } from '@shared/dates';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import type { AmountFigures } from '@shared/fund/amounts';
import { formatWareki } from '@shared/wareki';
import { formatAmount, type MoneyUnit, unitNote } from './money';

const COLUMNS = [
  { field: 'totalCost', label: '総事業費' },
  { field: 'fundAmount', label: '基金充当額' },
  { field: 'national', label: '国' },
  { field: 'prefectural', label: '県' },
  { field: 'otherAmount', label: 'その他' },
] as const satisfies readonly { field: keyof AmountFigures; label: string }[];

export function ProjectHistory({ projectId, unit }: { projectId: number; unit: MoneyUnit }) {
  const history = useQuery('fund.projects.history', { id: projectId });
  const years = history.data?.years ?? [];
  return (
    <section className="fund-history" aria-label="年度・版ごとの金額">
      <h3>年度・版ごとの金額</h3>
      {history.error && <ErrorNotice error={history.error} />}
      {history.data && years.length === 0 ? (
        <p className="muted">まだどの版にも金額がありません。</p>
      ) : (
        <div className="table-wrap">
          <table className="table fund-history__table" aria-label="年度・版ごとの金額">
            <caption className="muted">{unitNote(unit)}・前の版から変わった金額は太字</caption>
            <thead>
              <tr>
                <th>年度・版</th>
                {COLUMNS.map((c) => (
                  <th key={c.field} className="num">
                    {c.label}
                  </th>
                ))}
                <th className="num">執行額</th>
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <Fragment key={y.fiscalYear}>
                  {y.versions.map((v, i) => {
                    const previous = i > 0 ? y.versions[i - 1]!.amounts : null;
                    const newest = i === y.versions.length - 1;
                    return (
                      <tr key={v.id} data-version={v.id}>
                        <th scope="row" className="nowrap">
                          {i === 0 && <strong>{formatFiscalYear(fiscalYear(y.fiscalYear))} </strong>}
                          {v.label}
                          <span className="muted fund-history__date">{formatWareki(v.datedOn as IsoDate)}</span>
                        </th>
                        {COLUMNS.map((c) => {
                          const value = v.amounts?.[c.field];
                          const changed = i > 0 && value !== undefined && value !== previous?.[c.field];
                          return (
                            <td key={c.field} className={`num nowrap${changed ? ' fund-history__changed' : ''}`}>
                              {value === undefined ? '—' : formatAmount(value, unit)}
                            </td>
                          );
                        })}
                        <td className="num nowrap">{newest ? formatAmount(y.spent, unit) : ''}</td>
                      </tr>
                    );
                  })}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
