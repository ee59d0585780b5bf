/** 「版を追加」: a new budget version of the year (当初 first, then 内示・補正・流用), dated and with its reason; also the correction of the latest version's date and reason. */
import { type FormEvent, useRef, useState } from 'react';
import { useApi, useMutation } from '@renderer/api/hooks';
import { ConflictNotice, isVersionConflict } from '@renderer/components/ConflictNotice';
import { DateField } from '@renderer/components/DateField';
import { Field, FormErrorNotice, fieldError, useFocusFirstError } from '@renderer/components/Field';
import { useToast } from '@renderer/components/Toast';
import { type FundSide, type FundVersionSummary, VERSION_KINDS } from '@shared/contract/fund';
import { type IsoDate, isoDateOfLocal } from '@shared/dates';
import { allowedDates, type FiscalYear, formatFiscalYear, suggestedDate } from '@shared/fiscal-year';
import { newVersionProblem, VERSION_KIND_LABELS, type VersionKind } from '@shared/fund/versions';

export function VersionForm({
  side,
  fiscalYear,
  versions,
  editing,
  onSaved,
  onCancel,
}: {
  side: FundSide;
  fiscalYear: FiscalYear;
  /** The year's versions in order. */
  versions: readonly FundVersionSummary[];
  /** The latest version, when its date and reason are being corrected rather than a new version added. */
  editing?: FundVersionSummary;
  onSaved(id: number): void;
  onCancel(): void;
}) {
  const previous = editing ? versions.at(-2) : versions.at(-1);
  const kinds = VERSION_KINDS.filter((k) => newVersionProblem(versions, k) === null);
  const [kind, setKind] = useState<VersionKind>(editing?.kind ?? kinds[0]!);
  const allowed = allowedDates(fiscalYear, 'fundVersion');
  const [datedOn, setDatedOn] = useState<string>(() => {
    if (editing) return editing.datedOn;
    // Within the year and on or after the version before; a past year's 当初 starts on 4月1日.
    const suggested = suggestedDate(allowed, isoDateOfLocal(new Date()), previous ? 'nearest' : 'start');
    return previous && previous.datedOn > suggested ? previous.datedOn : suggested;
  });
  const [reason, setReason] = useState(editing?.reason ?? '');
  // The version being corrected as read when the form opened (or at 再読み込み): its save names that version.
  const [read, setRead] = useState(editing);
  const { client } = useApi();
  const create = useMutation('fund.versions.create');
  const update = useMutation('fund.versions.update');
  const toast = useToast();
  const failed = editing ? update.error : create.error;
  const error = failed?.error;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, failed);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (editing) {
      const saved = await update.run({ id: editing.id, datedOn, reason, version: read?.version });
      if (saved) {
        toast(`「${saved.label}」の日付・理由を直しました`, 'success');
        onSaved(saved.id);
      }
      return;
    }
    const created = await create.run({ side, fiscalYear, kind, datedOn, reason });
    if (created) {
      toast(`${formatFiscalYear(fiscalYear)}の「${created.label}」を作成しました`, 'success');
      onSaved(created.id);
    }
  };

  return (
    // noValidate: a date outside the year is refused in the core's words (the range in 和暦), not the browser's.
    <form
      ref={formRef}
      className="card fund-version-form"
      onSubmit={submit}
      noValidate
      aria-label={editing ? '版の日付・理由を直す' : '版を追加'}
    >
      <h2>
        {editing ? `${formatFiscalYear(fiscalYear)}「${editing.label}」の日付・理由を直す` : `${formatFiscalYear(fiscalYear)}の版を追加`}
      </h2>
      <p className="muted">
        {editing
          ? '直せるのは最新の版の日付と理由だけです（種類と金額はそのまま）。'
          : previous
            ? '新しい版は今の最新の版の写しから始まります。'
            : 'この年度の最初の版は当初予算です。'}
      </p>
      <div className="toolbar">
        <Field label="種類" error={fieldError(error, 'kind')}>
          {(p) => (
            <select {...p} value={kind} disabled={editing !== undefined} onChange={(e) => setKind(e.target.value as VersionKind)}>
              {(editing ? [editing.kind] : kinds).map((k) => (
                <option key={k} value={k}>
                  {VERSION_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="日付" error={fieldError(error, 'datedOn')}>
          {(p) => (
            <DateField
              {...p}
              value={datedOn}
              required
              min={previous && previous.datedOn > allowed.from ? (previous.datedOn as IsoDate) : allowed.from}
              max={allowed.to}
              onChange={setDatedOn}
            />
          )}
        </Field>
        <div className="field--grow">
          <Field
            label={kind === 'supplementary' ? '理由（必須）' : '理由'}
            hint="例: 9月補正：医師の働き方改革への対応"
            error={fieldError(error, 'reason')}
          >
            {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
        </div>
      </div>
      <ConflictNotice
        error={error}
        unsaved={[`日付: ${datedOn}`, `理由: ${reason}`].join('\n')}
        onReload={async () => {
          const fresh = (await client.call('fund.year', { side, fiscalYear, versionId: editing!.id })).version ?? undefined;
          setRead(fresh);
          if (fresh) {
            setDatedOn(fresh.datedOn);
            setReason(fresh.reason);
          }
          update.reset();
        }}
      />
      <FormErrorNotice error={isVersionConflict(error) ? undefined : error} fields={['datedOn', 'kind', 'reason']} />
      <div className="actions">
        <button type="submit" className="button" disabled={create.pending || update.pending}>
          {editing ? '保存する' : '作成する'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          キャンセル
        </button>
      </div>
    </form>
  );
}
