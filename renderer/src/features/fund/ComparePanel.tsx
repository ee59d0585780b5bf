/** Two budget versions side by side: every changed figure, the projects added or removed, and the totals before and after. */
import { useState } from 'react';
import { useQuery } from '@renderer/api/hooks';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field } from '@renderer/components/Field';
import type { FundVersionSummary } from '@shared/contract/fund';
import type { IsoDate } from '@shared/dates';
import { formatNumber } from '@shared/format';
import { AMOUNT_FIELDS, figuresOf } from '@shared/fund/amounts';
import { FUND_FIELD_LABELS } from '@shared/fund/problems';
import type { VersionLine } from '@shared/fund/versions';
import type { Yen } from '@shared/money';
import { formatWareki } from '@shared/wareki';
import { amountIn, formatAmount, type MoneyUnit, unitNote } from './money';

/**
 * The 差額 beside a before and an after figure: the difference of the two figures as shown, so that in 千円 view
 * (each rounded down on its own) the reader's own subtraction agrees with it.
 * @example difference(yen(56_390_666), yen(57_057_333), 'sen') // '+667' (57,057 − 56,390)
 */
function difference(before: Yen, after: Yen, unit: MoneyUnit): string {
  const n = amountIn(after, unit) - amountIn(before, unit);
  return n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(-n)}` : '0';
}

function VersionSelect({
  label,
  versions,
  value,
  onChange,
}: {
  label: string;
  versions: FundVersionSummary[];
  value: number;
  onChange(id: number): void;
}) {
  return (
    <Field label={label}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(Number(e.target.value))}>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.label}（{formatWareki(v.datedOn as IsoDate)}）
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function LineList({
  title,
  lines,
  names,
  unit,
}: {
  title: string;
  lines: readonly VersionLine[];
  names: ReadonlyMap<number, string>;
  unit: MoneyUnit;
}) {
  if (lines.length === 0) return null;
  return (
    <>
      <h3 className="fund-compare__sub">{title}</h3>
      <ul className="plain-list">
        {lines.map((l) => {
          const f = figuresOf(l.amounts);
          return (
            <li key={l.projectId}>
              {names.get(l.projectId) ?? `事業 ID ${l.projectId}`}: 総事業費 {formatAmount(f.totalCost, unit)}、基金充当額{' '}
              {formatAmount(f.fundAmount, unit)}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function Comparison({
  beforeId,
  afterId,
  names,
  unit,
}: {
  beforeId: number;
  afterId: number;
  names: ReadonlyMap<number, string>;
  unit: MoneyUnit;
}) {
  const result = useQuery('fund.versions.compare', { beforeId, afterId });
  if (result.error) return <ErrorNotice error={result.error} />;
  const c = result.data;
  if (!c) return <p className="muted">比較しています…</p>;
  return (
    <>
      <div className="table-wrap">
        <table className="table" aria-label="変更された金額">
          <thead>
            <tr>
              <th>事業名</th>
              <th>項目</th>
              <th className="num">変更前</th>
              <th className="num">変更後</th>
              <th className="num">差額</th>
            </tr>
          </thead>
          <tbody>
            {c.changes.length === 0 && (
              <tr>
                <td colSpan={5} className="empty">
                  両方の版にある事業の金額に変更はありません。
                </td>
              </tr>
            )}
            {c.changes.map((ch) => (
              <tr key={`${ch.projectId}-${ch.field}`}>
                <td>{names.get(ch.projectId) ?? `事業 ID ${ch.projectId}`}</td>
                <td className="nowrap">{FUND_FIELD_LABELS[ch.field]}</td>
                <td className="num">{formatAmount(ch.before, unit)}</td>
                <td className="num">{formatAmount(ch.after, unit)}</td>
                <td className="num">{difference(ch.before, ch.after, unit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LineList title="追加された事業" lines={c.added} names={names} unit={unit} />
      <LineList title="削除された事業" lines={c.removed} names={names} unit={unit} />
      <h3 className="fund-compare__sub">年度の合計</h3>
      <div className="table-wrap">
        <table className="table" aria-label="合計の比較">
          <thead>
            <tr>
              <th>項目</th>
              <th className="num">変更前</th>
              <th className="num">変更後</th>
              <th className="num">差額</th>
            </tr>
          </thead>
          <tbody>
            {AMOUNT_FIELDS.map((field) => (
              <tr key={field}>
                <td>{FUND_FIELD_LABELS[field]}</td>
                <td className="num">{formatAmount(c.totalsBefore[field], unit)}</td>
                <td className="num">{formatAmount(c.totalsAfter[field], unit)}</td>
                <td className="num">{difference(c.totalsBefore[field], c.totalsAfter[field], unit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ComparePanel({
  versions,
  names,
  unit,
}: {
  versions: FundVersionSummary[];
  names: ReadonlyMap<number, string>;
  unit: MoneyUnit;
}) {
  const [beforeId, setBeforeId] = useState(versions.at(-2)!.id);
  const [afterId, setAfterId] = useState(versions.at(-1)!.id);
  return (
    <section className="card" aria-labelledby="fund-compare-title">
      <div className="card__head">
        <h2 id="fund-compare-title">版の比較</h2>
        <span className="muted">{unitNote(unit)}</span>
      </div>
      <div className="toolbar">
        <VersionSelect label="変更前の版" versions={versions} value={beforeId} onChange={setBeforeId} />
        <VersionSelect label="変更後の版" versions={versions} value={afterId} onChange={setAfterId} />
      </div>
      {beforeId === afterId ? (
        <p className="muted">別々の版を選んでください。</p>
      ) : (
        <Comparison beforeId={beforeId} afterId={afterId} names={names} unit={unit} />
      )}
    </section>
  );
}
