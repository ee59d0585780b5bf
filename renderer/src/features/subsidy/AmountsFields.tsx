/**
 * The amounts of a 交付申請, 変更交付申請 or 実績報告: per program of the year's
 * 要綱 whether the center applies for it, then 総事業費, 寄付金その他収入額
 * and 対象経費 — for the 運営事業 one figure, for ＩＣＴ one per 種目 with the
 * first-year flag.
 */

import { Field } from '@renderer/components/Field';
import type { IssuePath } from '@renderer/lib/formErrors';
import type { SubsidyRules } from '@shared/contract/subsidy';
import { formatNumber } from '@shared/format';
import { fraction } from '@shared/fraction';
import { rateText } from '@shared/subsidy/calc';
import type { InputProgramDraft, InputsDraft } from './inputsDraft';

/** A figure of the amounts; its error comes from the form's issues at `path`. */
function MoneyField({
  label,
  value,
  onChange,
  hint,
  path,
}: {
  label: string;
  value: string;
  onChange(v: string): void;
  hint?: string;
  path: IssuePath;
}) {
  return (
    <Field label={label} hint={hint} path={path}>
      {(p) => <input {...p} className="subsidy-money" inputMode="numeric" value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

export function AmountsFields({
  rules,
  draft,
  onChange,
  expenseLabel,
}: {
  rules: SubsidyRules;
  draft: InputsDraft;
  onChange(d: InputsDraft): void;
  expenseLabel: string;
}) {
  const set = (i: number, patch: Partial<InputProgramDraft>) => onChange(draft.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <div className="subsidy-amounts">
      {draft.map((p, i) => {
        const program = rules.programs.find((r) => r.code === p.code);
        return (
          <fieldset key={p.code} className="subsidy-amounts__program">
            <legend>{p.name}</legend>
            <label className="check">
              <input type="checkbox" checked={p.included} onChange={(e) => set(i, { included: e.target.checked })} />
              この事業の金額を入力する
            </label>
            {p.included && (
              <div className="subsidy-amounts__grid">
                <MoneyField
                  label="総事業費（円）"
                  path={['programs', i, 'totalCost']}
                  value={p.totalCost}
                  onChange={(v) => set(i, { totalCost: v })}
                />
                <MoneyField
                  label="寄付金その他収入額（円）"
                  path={['programs', i, 'otherIncome']}
                  value={p.otherIncome}
                  onChange={(v) => set(i, { otherIncome: v })}
                />
                {p.kind === 'operating' && (
                  <MoneyField
                    label={`${expenseLabel}（円）`}
                    path={['programs', i, 'eligibleExpense']}
                    value={p.eligibleExpense}
                    onChange={(v) => set(i, { eligibleExpense: v })}
                  />
                )}
                {p.kind === 'ict' && program?.kind === 'ict' && (
                  <>
                    <label className="check subsidy-amounts__first">
                      <input type="checkbox" checked={p.firstYear} onChange={(e) => set(i, { firstYear: e.target.checked })} />
                      この年度が事業の初年度（初年度のみの種目の補助率が適用されます）
                    </label>
                    {program.rows.map((row) => (
                      <MoneyField
                        key={row.item}
                        path={['programs', i, 'items', row.item]}
                        label={`${row.label} ${expenseLabel}（円）`}
                        hint={`基準額 ${formatNumber(row.baseAmount)}円・補助率 ${rateText(fraction(row.rate.numerator, row.rate.denominator))}${row.firstYearOnly ? '（初年度のみ）' : ''}。申請しない種目は空欄`}
                        value={p.items[row.item] ?? ''}
                        onChange={(v) => set(i, { items: { ...p.items, [row.item]: v } })}
                      />
                    ))}
                  </>
                )}
              </div>
            )}
          </fieldset>
        );
      })}
    </div>
  );
}
