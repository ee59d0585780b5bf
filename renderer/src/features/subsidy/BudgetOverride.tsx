/**
 * Going beyond the 基金 project's budget on purpose: the choice and its own
 * reason, as a decision, the undo of a lowering step and the relinking of
 * the 要綱 all ask for it when the year's decided total would pass the budget.
 */
import { Field } from '@renderer/components/Field';

export interface OverrideValue {
  override: boolean;
  overrideReason: string;
}

export const NO_OVERRIDE: OverrideValue = { override: false, overrideReason: '' };

export function BudgetOverride({
  value,
  onChange,
  error,
  reasonError,
}: {
  value: OverrideValue;
  onChange(v: OverrideValue): void;
  error?: string;
  reasonError?: string;
}) {
  return (
    <div className="subsidy-override">
      <label className="check">
        <input type="checkbox" checked={value.override} onChange={(e) => onChange({ ...value, override: e.target.checked })} />
        予算を超えて決定する（理由とともに記録されます）
      </label>
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {value.override && (
        <Field label="予算を超える理由" hint="例: 補正予算で増額する予定のため" error={reasonError}>
          {(p) => (
            <textarea
              {...p}
              className="subsidy-textarea"
              rows={2}
              value={value.overrideReason}
              onChange={(e) => onChange({ ...value, overrideReason: e.target.value })}
            />
          )}
        </Field>
      )}
    </div>
  );
}
