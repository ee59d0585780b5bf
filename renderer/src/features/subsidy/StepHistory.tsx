/**
 * A center's steps of the year in the order they were entered — date, kind,
 * 指令番号, amount, who entered it and why — with the cheap undo: the latest
 * step, and only it, can be deleted after a confirmation (and, when undoing
 * it would take the year's decisions past the 基金 budget, the override).
 */
import { useState } from 'react';
import { useApi, useMutation } from '@renderer/api/hooks';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { ConflictNotice, isVersionConflict } from '@renderer/components/ConflictNotice';
import { fieldError } from '@renderer/components/Field';
import { useCan } from '@renderer/components/Permitted';
import { useToast } from '@renderer/components/Toast';
import { STEP_KIND_LABELS, type SubsidyStepRecord } from '@shared/contract/subsidy';
import type { IsoDate } from '@shared/dates';
import { formatYen } from '@shared/format';
import { yen } from '@shared/money';
import { formatWareki } from '@shared/wareki';
import { BudgetOverride, NO_OVERRIDE } from './BudgetOverride';
import { STEP_AMOUNT_LABELS } from './labels';

const describe = (s: SubsidyStepRecord) =>
  `${formatWareki(s.datedOn as IsoDate)}の${STEP_KIND_LABELS[s.kind]}（${STEP_AMOUNT_LABELS[s.kind]} ${formatYen(yen(s.amount))}）`;

export function StepHistory({
  steps,
  version,
}: {
  steps: SubsidyStepRecord[];
  /** The version of the center's list of steps as read with them (SubsidyCenterResult.version). */
  version: number;
}) {
  const remove = useMutation('subsidy.steps.deleteLast');
  const { invalidate } = useApi();
  // The version when 削除… was chosen: the undo is refused when someone added or took back a step since.
  const [readVersion, setReadVersion] = useState(version);
  const toast = useToast();
  const [confirming, setConfirming] = useState<SubsidyStepRecord>();
  const [override, setOverride] = useState(NO_OVERRIDE);
  const overrideError = fieldError(remove.error?.error, 'override');
  const overrideReasonError = fieldError(remove.error?.error, 'overrideReason');
  const last = steps.at(-1);
  const can = useCan();
  // Taking a step back is the role's who enters it: 医師会・事務局 never takes back a 交付決定 (the core refuses it too).
  const mayTakeBack = last !== undefined && can('subsidy.steps.deleteLast') && can('subsidy.steps.add', { kind: last.kind });

  const close = () => {
    setConfirming(undefined);
    setOverride(NO_OVERRIDE);
    remove.reset();
  };
  const doDelete = async () => {
    const step = confirming!;
    const done = await remove.run({ id: step.id, version: readVersion, ...override });
    if (done) {
      close();
      toast(`${describe(step)}を削除しました`, 'success');
    }
  };

  return (
    <section aria-labelledby="subsidy-history-title">
      <h2 id="subsidy-history-title" className="subsidy-subhead">
        手続きの履歴
      </h2>
      {steps.length === 0 ? (
        <p className="muted">この年度の手続きはまだありません。下の「次の手続き」から交付申請を入力してください。</p>
      ) : (
        <div className="table-wrap">
          <table className="table subsidy-history" aria-label="手続きの履歴">
            <thead>
              <tr>
                <th>日付</th>
                <th>手続き</th>
                <th>指令番号・文書番号</th>
                <th className="num">金額</th>
                <th>入力した人</th>
                <th>理由</th>
                <th aria-label="操作" />
              </tr>
            </thead>
            <tbody>
              {steps.map((s) => (
                <tr key={s.id} data-step-kind={s.kind}>
                  <td className="nowrap">{formatWareki(s.datedOn as IsoDate)}</td>
                  <td className="nowrap">
                    {STEP_KIND_LABELS[s.kind]}
                    {s.override && <span className="badge badge--error subsidy-badge-gap">予算超過を承知で決定</span>}
                  </td>
                  <td>{s.orderNo}</td>
                  <td className="num nowrap">
                    <span className="subsidy-history__what">{STEP_AMOUNT_LABELS[s.kind]}</span>
                    {formatYen(yen(s.amount))}
                  </td>
                  <td>{s.enteredBy}</td>
                  <td className="subsidy-history__reason">
                    {s.reason}
                    {s.overrideReason && (
                      <span className="subsidy-sub subsidy-history__override">予算を超えた理由：{s.overrideReason}</span>
                    )}
                  </td>
                  <td className="nowrap">
                    {s === last && mayTakeBack && (
                      <button
                        data-edit="association"
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => {
                          setReadVersion(version);
                          setConfirming(s);
                        }}
                        disabled={remove.pending}
                      >
                        削除…
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          title="最後の手続きを削除しますか？"
          confirmLabel="削除する"
          danger
          onConfirm={() => void doDelete()}
          onCancel={close}
        >
          <p>{describe(confirming)}を削除し、その前の状態に戻します。基金の執行も合わせて直ります。削除は監査ログに残ります。</p>
          <ConflictNotice
            error={remove.error?.error}
            onReload={() => {
              close();
              // The center's steps as they are now.
              invalidate();
            }}
          />
          {remove.error && !overrideError && !overrideReasonError && !isVersionConflict(remove.error.error) && (
            <p className="field__error" role="alert">
              {remove.error.message}
            </p>
          )}
          {(overrideError || overrideReasonError || override.override) && (
            <BudgetOverride value={override} onChange={setOverride} error={overrideError} reasonError={overrideReasonError} />
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}
