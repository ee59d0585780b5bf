/** センターの詳細: role, operator, hospital entrustment, 補助区分, the municipalities covered, start date and contact. */
import { type FormEvent, useRef, useState } from 'react';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { DateField } from '@renderer/components/DateField';
import { Field, fieldError, useFocusFirstError } from '@renderer/components/Field';
import { Options } from '@renderer/components/Options';
import { useRole } from '@renderer/components/Permitted';
import { RecordDrawer } from '@renderer/components/RecordDrawer';
import { useToast } from '@renderer/components/Toast';
import type { CenterRow } from '@shared/contract';
import { setsCenterTerms } from '@shared/contract/permissions';
import {
  CENTER_ROLE_LABELS,
  CENTER_ROLES,
  type CenterRole,
  SUBSIDY_CLASS_LABELS,
  SUBSIDY_CLASSES,
  type SubsidyClass,
} from '@shared/masters/model';
import { MunicipalityChecks } from './AssociationDrawer';

interface Draft {
  name: string;
  role: CenterRole;
  /** The select's value: an association id, or '' for none. */
  operatorAssociationId: string;
  entrustedTo: string;
  subsidyClass: SubsidyClass;
  municipalityCodes: string[];
  /** YYYY-MM-DD from the date input, or '' when unknown. */
  startDate: string;
  contact: string;
}

function draftOf(row: CenterRow | null): Draft {
  return {
    name: row?.name ?? '',
    role: row?.role ?? 'regional',
    operatorAssociationId:
      row?.operatorAssociationId === null || row?.operatorAssociationId === undefined ? '' : String(row.operatorAssociationId),
    entrustedTo: row?.entrustedTo ?? '',
    subsidyClass: row?.subsidyClass ?? 'other_county',
    municipalityCodes: row?.municipalityCodes ?? [],
    startDate: row?.startDate ?? '',
    contact: row?.contact ?? '',
  };
}

export function CenterDrawer({ row: opened, onClose }: { row: CenterRow | null; onClose(): void }) {
  // The record as last read: 再読み込み after a conflict replaces it (and its version) with the one saved since.
  const [row, setRow] = useState(opened);
  const [draft, setDraft] = useState<Draft>(() => draftOf(opened));
  const { client } = useApi();
  const municipalities = useQuery('masters.municipalities.list', {});
  const associations = useQuery('masters.associations.list', {});
  const save = useMutation('masters.centers.save');
  const remove = useMutation('masters.centers.delete');
  const toast = useToast();
  const error = save.error?.error;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, save.error);
  const role = useRole();
  // 医師会・事務局 reads the terms its subsidy rests on (区分, 運営主体, 補助区分, 対象市町村) and keeps the rest up to date.
  const termsLocked = role !== undefined && !setsCenterTerms(role);
  const termsHint = termsLocked ? '県が決めます（変更は県の担当者に依頼）' : undefined;

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const saved = await save.run({
      ...(row ? { id: row.id, version: row.version } : {}),
      name: draft.name,
      role: draft.role,
      operatorAssociationId: draft.operatorAssociationId === '' ? null : Number(draft.operatorAssociationId),
      entrustedTo: draft.entrustedTo,
      subsidyClass: draft.subsidyClass,
      municipalityCodes: draft.municipalityCodes,
      startDate: draft.startDate === '' ? null : draft.startDate,
      contact: draft.contact,
    });
    if (saved) {
      toast(`${saved.name}を保存しました`, 'success');
      onClose();
    }
  };
  const set =
    (key: 'name' | 'role' | 'operatorAssociationId' | 'entrustedTo' | 'subsidyClass' | 'startDate' | 'contact') =>
    (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setDraft({ ...draft, [key]: e.target.value });

  return (
    <RecordDrawer
      title={row ? row.name : 'センターを追加'}
      formId="center-form"
      formRef={formRef}
      save={save}
      remove={remove}
      onSubmit={submit}
      onClose={onClose}
      deletion={
        row && {
          title: `${row.name}を削除しますか？`,
          note: '市町村の連携推進事業の委託先になっているセンターは削除できません。先に委託先を変えてください。',
          run: () => remove.run({ id: row.id, version: row.version }),
          done: `${row.name}を削除しました`,
        }
      }
      unsaved={[
        `センター名: ${draft.name}`,
        `病院への委託: ${draft.entrustedTo}`,
        `開始日: ${draft.startDate}`,
        `連絡先: ${draft.contact}`,
      ].join('\n')}
      reload={async () => {
        // The form shows nothing of a year's entrusting, so any 年度 gives the center as it is.
        const fresh = (await client.call('masters.centers.list', { fiscalYear: 2000 })).find((c) => c.id === row?.id) ?? null;
        setRow(fresh);
        setDraft(draftOf(fresh));
      }}
      fields={['contact', 'entrustedTo', 'municipalityCodes', 'name', 'operatorAssociationId', 'role', 'startDate', 'subsidyClass']}
    >
      <div className="span-2">
        <Field label="センター名" error={fieldError(error, 'name')}>
          {(p) => <input {...p} name="name" value={draft.name} onChange={set('name')} />}
        </Field>
      </div>
      <Field label="区分" hint={termsHint} error={fieldError(error, 'role')}>
        {(p) => (
          <select {...p} disabled={termsLocked} value={draft.role} onChange={set('role')}>
            {CENTER_ROLES.map((r) => (
              <option key={r} value={r}>
                {CENTER_ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="運営主体" hint={termsHint} error={fieldError(error, 'operatorAssociationId')}>
        {(p) => (
          <select {...p} disabled={termsLocked} value={draft.operatorAssociationId} onChange={set('operatorAssociationId')}>
            <option value="">（未設定）</option>
            <Options items={associations.data} value={(a) => a.id} label={(a) => a.name} />
          </select>
        )}
      </Field>
      <Field label="病院への委託" hint="空欄なら運営主体の医師会が自ら運営" error={fieldError(error, 'entrustedTo')}>
        {(p) => <input {...p} name="entrustedTo" value={draft.entrustedTo} placeholder="例: 〇〇病院" onChange={set('entrustedTo')} />}
      </Field>
      <Field
        label="補助区分"
        hint={termsLocked ? `交付要綱 別表1 の基準額の区分。${termsHint}` : '交付要綱 別表1 の基準額の区分'}
        error={fieldError(error, 'subsidyClass')}
      >
        {(p) => (
          <select {...p} disabled={termsLocked} value={draft.subsidyClass} onChange={set('subsidyClass')}>
            {SUBSIDY_CLASSES.map((c) => (
              <option key={c} value={c}>
                {SUBSIDY_CLASS_LABELS[c]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="開始日" hint="わからなければ空欄" error={fieldError(error, 'startDate')}>
        {(p) => <DateField {...p} name="startDate" value={draft.startDate} onChange={(v) => setDraft({ ...draft, startDate: v })} />}
      </Field>
      <Field label="連絡先" hint="電話番号・担当など" error={fieldError(error, 'contact')}>
        {(p) => <input {...p} name="contact" value={draft.contact} onChange={set('contact')} />}
      </Field>
      <MunicipalityChecks
        legend={termsLocked ? '対象市町村（県が決めます）' : '対象市町村'}
        bulk
        disabled={termsLocked}
        municipalities={municipalities.data ?? []}
        value={draft.municipalityCodes}
        onChange={(codes) => setDraft({ ...draft, municipalityCodes: codes })}
        error={fieldError(error, 'municipalityCodes')}
      />
    </RecordDrawer>
  );
}
