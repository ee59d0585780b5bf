/**
 * A project's アウトプット指標 and アウトカム指標 in the project drawer: one row
 * per indicator (名前, 単位, 基準値, 目標値, 実績値), added and removed in place;
 * an アウトカム指標 also says when its 現状値 was taken and when the 目標値 is due,
 * as the national 個票 prints them. Values are typed as decimals and kept as
 * text until the drawer saves them.
 */

import { DateField } from '@renderer/components/DateField';
import { fieldError } from '@renderer/components/Field';
import type { OpError } from '@shared/contract';
import { type FundIndicator, INDICATOR_KIND_LABELS, INDICATOR_KINDS, type IndicatorKind } from '@shared/contract/fund';
import type { IsoDate } from '@shared/dates';
import { formatHundredths, parseHundredthsText } from '@shared/numbers';

const VALUE_FIELDS = ['baseline', 'target', 'actual'] as const;
type ValueField = (typeof VALUE_FIELDS)[number];
const VALUE_LABELS: Record<ValueField, string> = { baseline: '基準値', target: '目標値', actual: '実績値' };

export interface IndicatorDraft {
  /** Stable React key for the row; not stored. */
  key: number;
  kind: IndicatorKind;
  label: string;
  unit: string;
  baseline: string;
  target: string;
  actual: string;
  /** ISO dates, '' for none. */
  baselineOn: string;
  targetOn: string;
}

const DATE_LABELS = { baselineOn: '現状値の時点', targetOn: '目標値の時点' } as const;

let nextKey = 1;

export function indicatorDrafts(indicators: readonly FundIndicator[]): IndicatorDraft[] {
  return indicators.map((i) => ({
    key: nextKey++,
    kind: i.kind,
    label: i.label,
    unit: i.unit,
    baseline: formatHundredths(i.baseline),
    target: formatHundredths(i.target),
    actual: formatHundredths(i.actual),
    baselineOn: i.baselineOn ?? '',
    targetOn: i.targetOn ?? '',
  }));
}

/**
 * The drafts as the contract's indicators, or the first value that cannot be
 * read (its row index, field and a message for the user).
 */
export function readIndicators(
  drafts: readonly IndicatorDraft[],
): { indicators: FundIndicator[] } | { at: number; field: ValueField; message: string } {
  const indicators: FundIndicator[] = [];
  for (const [at, d] of drafts.entries()) {
    const values: Partial<Record<ValueField, number | null>> = {};
    for (const field of VALUE_FIELDS) {
      try {
        values[field] = parseHundredthsText(d[field]);
      } catch {
        return { at, field, message: `${VALUE_LABELS[field]}は小数第2位までの数で入力してください（例: 12.5）。空欄でもかまいません` };
      }
    }
    indicators.push({
      kind: d.kind,
      label: d.label,
      unit: d.unit,
      baseline: values.baseline ?? null,
      target: values.target ?? null,
      actual: values.actual ?? null,
      baselineOn: d.baselineOn === '' ? null : (d.baselineOn as IsoDate),
      targetOn: d.targetOn === '' ? null : (d.targetOn as IsoDate),
    });
  }
  return { indicators };
}

/** The core's message for one indicator's field (path indicators.N.field), if any. */
const indicatorError = (error: OpError | undefined, at: number, field: string) => fieldError(error, ['indicators', at, field]);

export function IndicatorRows({
  drafts,
  onChange,
  error,
  localError,
}: {
  drafts: readonly IndicatorDraft[];
  onChange(drafts: IndicatorDraft[]): void;
  error: OpError | undefined;
  localError: { at: number; field: ValueField; message: string } | undefined;
}) {
  const update = (key: number, patch: Partial<IndicatorDraft>) => onChange(drafts.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  const add = (kind: IndicatorKind) =>
    onChange([
      ...drafts,
      { key: nextKey++, kind, label: '', unit: '', baseline: '', target: '', actual: '', baselineOn: '', targetOn: '' },
    ]);
  return (
    <div className="span-2 fund-indicators">
      {INDICATOR_KINDS.map((kind) => (
        <fieldset key={kind} className="fund-indicators__group">
          <legend>{INDICATOR_KIND_LABELS[kind]}</legend>
          {drafts.every((d) => d.kind !== kind) && <p className="muted">まだありません。</p>}
          {drafts.map((d, at) => {
            if (d.kind !== kind) return null;
            const message = (field: string) =>
              localError?.at === at && localError.field === field ? localError.message : indicatorError(error, at, field);
            const text = (field: 'label' | 'unit' | ValueField, label: string, className: string) => (
              <label key={field} className={`fund-indicator__cell ${className}`}>
                <span>{label}</span>
                <input
                  value={d[field]}
                  aria-label={`${INDICATOR_KIND_LABELS[kind]} ${label}`}
                  aria-invalid={Boolean(message(field))}
                  inputMode={field === 'label' || field === 'unit' ? undefined : 'decimal'}
                  onChange={(e) => update(d.key, { [field]: e.target.value })}
                />
              </label>
            );
            const date = (field: keyof typeof DATE_LABELS) => (
              // A div: DateField labels itself (aria-label), so a <label> would have no control of its own to name.
              <div key={field} className="fund-indicator__cell fund-indicator__cell--date">
                <span>{DATE_LABELS[field]}</span>
                <DateField
                  value={d[field]}
                  aria-label={`${INDICATOR_KIND_LABELS[kind]} ${DATE_LABELS[field]}`}
                  aria-invalid={Boolean(message(field))}
                  onChange={(v) => update(d.key, { [field]: v })}
                />
              </div>
            );
            const errors = (['label', 'unit', ...VALUE_FIELDS, 'baselineOn', 'targetOn'] as const).map(message).filter(Boolean);
            return (
              <div key={d.key} className="fund-indicator">
                <div className="fund-indicator__row">
                  {text('label', '名前', 'fund-indicator__cell--label')}
                  {text('unit', '単位', 'fund-indicator__cell--unit')}
                  {VALUE_FIELDS.map((f) => text(f, VALUE_LABELS[f], 'fund-indicator__cell--value'))}
                  <button
                    data-edit
                    type="button"
                    className="button button--secondary button--small"
                    aria-label={`${d.label || INDICATOR_KIND_LABELS[kind]}を削除`}
                    onClick={() => onChange(drafts.filter((x) => x.key !== d.key))}
                  >
                    削除
                  </button>
                </div>
                {kind === 'outcome' && (
                  <div className="fund-indicator__row fund-indicator__row--dates">
                    {date('baselineOn')}
                    {date('targetOn')}
                  </div>
                )}
                {errors.map((m) => (
                  <span key={m} className="field__error" role="alert">
                    {m}
                  </span>
                ))}
              </div>
            );
          })}
          <button data-edit type="button" className="button button--secondary button--small" onClick={() => add(kind)}>
            ＋ {INDICATOR_KIND_LABELS[kind]}を追加
          </button>
        </fieldset>
      ))}
    </div>
  );
}
