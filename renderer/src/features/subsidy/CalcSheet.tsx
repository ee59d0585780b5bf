/**
 * The calculation sheet of 要綱第4条, one column per step (申請・変更申請・決定・
 * 実績, or the amounts being typed), one row per column of the 所要額調書:
 * ①総事業費 … ⑨交付額, per program and per ＩＣＴ 種目, each row saying how
 * it follows from the ones above, so every yen can be traced to its column.
 */
import type { ReactNode } from 'react';
import type {
  IctComputation,
  OperatingComputation,
  ProgramComputation,
  SubsidyComputation,
  SubsidyRules,
  SubsidySheet,
} from '@shared/contract/subsidy';
import { type IsoDate, isoDateOfLocal } from '@shared/dates';
import { formatNumber } from '@shared/format';
import { rateText } from '@shared/subsidy/calc';
import { formatWareki } from '@shared/wareki';

export interface SheetColumn {
  /** application · change · decision · actual · draft */
  key: string;
  label: string;
  datedOn?: string | null;
  /** null until the step exists, or when the 要綱 no longer fits its amounts (see problem). */
  computation: SubsidyComputation | null;
  problem?: string | null;
  /** The amount the step records (申請額, 決定額 …), shown under the computed total. */
  recorded?: number | null;
  /** The 要綱 revision the column was computed under, said under its head. */
  rulesNote?: { revision: number; savedOn: string; current: boolean } | null;
}

/** A step's column: its figures, date and recorded amount, and the 要綱 revision it was computed under (kept with the step). */
export function sheetColumn(key: string, label: string, sheet: SubsidySheet | null): SheetColumn {
  return {
    key,
    label,
    datedOn: sheet?.datedOn ?? null,
    computation: sheet?.computation ?? null,
    problem: sheet?.problem ?? null,
    recorded: sheet?.amount ?? null,
    rulesNote: sheet
      ? {
          revision: sheet.computedUnder.revision,
          savedOn: formatWareki(isoDateOfLocal(new Date(sheet.computedUnder.savedAt))),
          current: sheet.computedUnder.current,
        }
      : null,
  };
}

interface Row {
  key: string;
  mark?: string;
  label: ReactNode;
  formula?: string;
  kind?: 'group' | 'item' | 'result' | 'total';
  value?(computation: SubsidyComputation): ReactNode;
}

const money = (n: number) => formatNumber(n);

function programOf<K extends ProgramComputation['kind']>(computation: SubsidyComputation, code: string, kind: K) {
  return computation.programs.find((p) => p.code === code && p.kind === kind) as Extract<ProgramComputation, { kind: K }> | undefined;
}

function operatingRows(code: string, name: string, rowLabel: string, unit: string): Row[] {
  const get = (pick: (p: OperatingComputation) => ReactNode) => (c: SubsidyComputation) => {
    const p = programOf(c, code, 'operating');
    return p ? pick(p) : undefined;
  };
  return [
    { key: `${code}:group`, kind: 'group', label: `${name}${rowLabel ? `（${rowLabel}）` : ''}` },
    { key: `${code}:totalCost`, mark: '①', label: '総事業費', value: get((p) => money(p.result.totalCost)) },
    { key: `${code}:otherIncome`, mark: '②', label: '寄付金その他収入額', value: get((p) => money(p.result.otherIncome)) },
    { key: `${code}:netCost`, mark: '③', label: '差引額', formula: '①−②（0円未満は0円）', value: get((p) => money(p.result.netCost)) },
    { key: `${code}:eligibleExpense`, mark: '④', label: '対象経費の支出（予定）額', value: get((p) => money(p.result.eligibleExpense)) },
    { key: `${code}:baseAmount`, mark: '⑤', label: '基準額', formula: '要綱 別表', value: get((p) => money(p.result.baseAmount)) },
    { key: `${code}:selected`, mark: '⑥', label: '選定額', formula: '④と⑤の少ない方', value: get((p) => money(p.result.selected)) },
    { key: `${code}:basis`, mark: '⑦', label: '補助基本額', formula: '③と⑥の少ない方', value: get((p) => money(p.result.basis)) },
    { key: `${code}:rate`, mark: '⑧', label: '補助率', value: get((p) => rateText(p.result.rate)) },
    {
      key: `${code}:amount`,
      mark: '⑨',
      label: '交付額',
      formula: `⑦×⑧（${unit}未満切り捨て）`,
      kind: 'result',
      value: get((p) => money(p.amount)),
    },
  ];
}

function ictRows(code: string, name: string, items: { item: string; label: string }[], unit: string, capScope: string): Row[] {
  const get = (pick: (p: IctComputation) => ReactNode) => (c: SubsidyComputation) => {
    const p = programOf(c, code, 'ict');
    return p ? pick(p) : undefined;
  };
  const item = (id: string, pick: (i: IctComputation['result']['items'][number]) => ReactNode) =>
    get((p) => {
      const found = p.result.items.find((i) => i.item === id);
      return found ? pick(found) : '—';
    });
  return [
    { key: `${code}:group`, kind: 'group', label: name },
    { key: `${code}:totalCost`, mark: '①', label: '総事業費', value: get((p) => money(p.result.totalCost)) },
    { key: `${code}:otherIncome`, mark: '②', label: '寄付金その他収入額', value: get((p) => money(p.result.otherIncome)) },
    { key: `${code}:netCost`, mark: '③', label: '差引額', formula: '①−②（0円未満は0円）', value: get((p) => money(p.result.netCost)) },
    ...items.flatMap(({ item: id, label }): Row[] => [
      { key: `${code}:${id}:head`, kind: 'item', label: `種目：${label}` },
      {
        key: `${code}:${id}:eligibleExpense`,
        mark: '④',
        label: '対象経費の支出（予定）額',
        value: item(id, (i) => money(i.eligibleExpense)),
      },
      { key: `${code}:${id}:baseAmount`, mark: '⑤', label: '基準額', formula: '要綱 別表', value: item(id, (i) => money(i.baseAmount)) },
      { key: `${code}:${id}:selected`, mark: '⑥', label: '選定額', formula: '④と⑤の少ない方', value: item(id, (i) => money(i.selected)) },
      {
        key: `${code}:${id}:rate`,
        mark: '⑧',
        label: '補助率',
        value: item(id, (i) => (i.excluded ? '対象外（初年度のみ）' : rateText(i.appliedRate))),
      },
      {
        key: `${code}:${id}:allotted`,
        label: '充てた補助基本額',
        formula: '⑦を補助率の高い種目から順に、各⑥まで',
        value: item(id, (i) => money(i.allotted)),
      },
    ]),
    {
      key: `${code}:selectedTotal`,
      mark: '⑥計',
      label: '選定額の合計',
      formula: '種目ごとの⑥の合計',
      value: get((p) => money(p.result.selectedTotal)),
    },
    { key: `${code}:basis`, mark: '⑦', label: '補助基本額', formula: '③と⑥計の少ない方', value: get((p) => money(p.result.basis)) },
    {
      key: `${code}:beforeCap`,
      label: '補助率を乗じた額',
      formula: '⑦を補助率の高い種目から順に各⑥まで充て、それぞれ⑧を乗じた合計',
      value: get((p) => money(p.result.beforeCap)),
    },
    {
      key: `${code}:cap`,
      label: '上限額（二次医療圏）',
      formula: capScope,
      value: get((p) =>
        p.result.cap === null ? (
          <span className="subsidy-sheet__capnote">{p.capNote ?? '定めなし'}</span>
        ) : p.areaCap ? (
          <span title={`圏域の上限額${money(p.areaCap.cap)}のうち先のセンター分${money(p.areaCap.takenBefore)}を除いた額`}>
            {money(p.result.cap)}
          </span>
        ) : (
          money(p.result.cap)
        ),
      ),
    },
    {
      key: `${code}:amount`,
      mark: '⑨',
      label: '交付額',
      formula: `上限額まで、${unit}未満切り捨て`,
      kind: 'result',
      value: get((p) => money(p.amount)),
    },
  ];
}

/** The programs of the columns in the 要綱's order (a program since removed from it goes last), with their 種目. */
function programsOf(columns: readonly SheetColumn[], rules: SubsidyRules | null) {
  const seen = new Map<
    string,
    { code: string; kind: 'operating' | 'ict'; name: string; rowLabel: string; items: Map<string, string>; capScope: string }
  >();
  for (const column of columns) {
    for (const p of column.computation?.programs ?? []) {
      const entry = seen.get(p.code) ?? {
        code: p.code,
        kind: p.kind,
        name: p.name,
        rowLabel: p.kind === 'operating' ? p.rowLabel : '',
        items: new Map(),
        // 「ICT上限の適用：…」 without its head, beside the 上限額 row.
        capScope: p.kind === 'ict' ? p.capScopeNote.replace(/^ICT上限の適用：/, '適用：') : '',
      };
      if (p.kind === 'ict') for (const i of p.result.items) entry.items.set(i.item, p.itemLabels[i.item] ?? i.item);
      seen.set(p.code, entry);
    }
  }
  const order = rules?.programs.map((p) => p.code) ?? [];
  const rank = (code: string) => (order.includes(code) ? order.indexOf(code) : order.length);
  return [...seen.values()].sort((a, b) => rank(a.code) - rank(b.code));
}

export function CalcSheet({
  columns,
  rules,
  label,
  recordedLabel = '記録された額',
}: {
  columns: SheetColumn[];
  rules: SubsidyRules | null;
  label: string;
  recordedLabel?: string;
}) {
  const unit = `${formatNumber(rules?.roundingUnit ?? 1000)}円`;
  const rows: Row[] = programsOf(columns, rules).flatMap((p) =>
    p.kind === 'operating'
      ? operatingRows(p.code, p.name, p.rowLabel, unit)
      : ictRows(
          p.code,
          p.name,
          [...p.items].map(([item, itemLabel]) => ({ item, label: itemLabel })),
          unit,
          p.capScope,
        ),
  );
  rows.push({ key: 'total', kind: 'total', label: '交付（所要）額 合計', formula: '事業ごとの⑨の合計', value: (c) => money(c.total) });
  const hasRecorded = columns.some((c) => c.recorded !== undefined && c.recorded !== null);
  const problems = columns.filter((c) => c.problem);

  return (
    <div className="stack subsidy-sheet">
      {problems.map((c) => (
        <div key={c.key} className="notice notice--error" role="alert">
          <strong>{c.label}の金額を算定できません。</strong> {c.problem}
        </div>
      ))}
      <div className="table-wrap">
        <table className="table subsidy-sheet__table" aria-label={label}>
          <thead>
            <tr>
              <th scope="col" className="subsidy-sheet__mark" aria-label="列" />
              <th scope="col">項目</th>
              <th scope="col">算定の方法</th>
              {columns.map((c) => (
                <th key={c.key} scope="col" className="num subsidy-sheet__stage">
                  {c.label}
                  <span className="subsidy-sheet__date">
                    {c.datedOn ? formatWareki(c.datedOn as IsoDate) : c.computation || c.problem ? '' : 'まだありません'}
                  </span>
                  {c.rulesNote && (
                    <span className="subsidy-sheet__date">
                      要綱 第{c.rulesNote.revision}版<span className="subsidy-sheet__saved">（{c.rulesNote.savedOn}保存）</span>
                    </span>
                  )}
                  {c.rulesNote && !c.rulesNote.current && (
                    <span className="subsidy-sheet__date subsidy-differs">現在の要綱と違う版で算定</span>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) =>
              row.kind === 'group' || row.kind === 'item' ? (
                <tr key={row.key} className={`subsidy-sheet__${row.kind}`}>
                  <th scope="colgroup" colSpan={3 + columns.length}>
                    {row.label}
                  </th>
                </tr>
              ) : (
                <tr key={row.key} className={row.kind ? `subsidy-sheet__${row.kind}` : undefined}>
                  <td className="subsidy-sheet__mark">{row.mark}</td>
                  <th scope="row">{row.label}</th>
                  <td className="subsidy-sheet__formula">{row.formula}</td>
                  {columns.map((c) => (
                    <td key={c.key} className="num" data-cell={`${c.key}:${row.key}`}>
                      {c.computation ? (row.value?.(c.computation) ?? '—') : ''}
                    </td>
                  ))}
                </tr>
              ),
            )}
            {hasRecorded && (
              <tr className="subsidy-sheet__recorded">
                <td className="subsidy-sheet__mark" />
                <th scope="row">{recordedLabel}</th>
                <td className="subsidy-sheet__formula">決定額は算定額と違うことがあります（理由は履歴に）</td>
                {columns.map((c) => {
                  const differs =
                    c.recorded !== null && c.recorded !== undefined && c.computation !== null && c.recorded !== c.computation.total;
                  return (
                    <td key={c.key} className={`num${differs ? ' subsidy-differs' : ''}`} data-cell={`${c.key}:recorded`}>
                      {c.recorded === null || c.recorded === undefined ? '' : money(c.recorded)}
                    </td>
                  );
                })}
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <p className="muted subsidy-note">
        金額の単位は円。交付額は事業ごとに{unit}未満を切り捨て、その合計が交付（所要）額です（要綱第4条）。
      </p>
    </div>
  );
}
