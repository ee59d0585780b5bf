/** 「版を追加」: a new budget version of the year (当初 first, then 内示・補正・流用), dated and with its reason. */
import { type FormEvent, useState } from 'react';
import { type FundSide, VERSION_KINDS } from '../../../../shared/contract/fund';
import { isoDateOfLocal } from '../../../../shared/dates';
import type { FiscalYear } from '../../../../shared/fiscal-year';
import { formatFiscalYear } from '../../../../shared/fiscal-year';
import { VERSION_KIND_LABELS, type VersionKind } from '../../../../shared/fund/versions';
import { useMutation } from '../../api/hooks';
import { Field, fieldError } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { DateField } from '../../components/DateField';

export function VersionForm({
  side,
  fiscalYear,
  hasVersions,
  onCreated,
  onCancel,
}: {
  side: FundSide;
  fiscalYear: FiscalYear;
  hasVersions: boolean;
  onCreated(id: number): void;
  onCancel(): void;
}) {
  const kinds = VERSION_KINDS.filter((k) => (k === 'initial') !== hasVersions);
  const [kind, setKind] = useState<VersionKind>(kinds[0]!);
  const [datedOn, setDatedOn] = useState<string>(() => isoDateOfLocal(new Date()));
  const [reason, setReason] = useState('');
  const create = useMutation('fund.versions.create');
  const toast = useToast();
  const error = create.error?.error;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const created = await create.run({ side, fiscalYear, kind, datedOn, reason });
    if (created) {
      toast(`${formatFiscalYear(fiscalYear)}の「${created.label}」を作成しました`, 'success');
      onCreated(created.id);
    }
  };

  return (
    <form className="card fund-version-form" onSubmit={submit} aria-label="版を追加">
      <h2>{formatFiscalYear(fiscalYear)}の版を追加</h2>
      <p className="muted">{hasVersions ? '新しい版は今の最新の版の写しから始まります。' : 'この年度の最初の版は当初予算です。'}</p>
      <div className="toolbar">
        <Field label="種類" error={fieldError(error, 'kind')}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as VersionKind)}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {VERSION_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="日付" error={fieldError(error, 'datedOn')}>
          {(p) => <DateField {...p} value={datedOn} required onChange={setDatedOn} />}
        </Field>
        <div className="field--grow">
          <Field label="理由" hint="例: 9月補正：医師の働き方改革への対応" error={fieldError(error, 'reason')}>
            {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
        </div>
      </div>
      {create.error && !error?.path && (
        <div className="notice notice--error" role="alert">
          {create.error.message}
        </div>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={create.pending}>
          作成する
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          キャンセル
        </button>
      </div>
    </form>
  );
}
