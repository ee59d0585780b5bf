/**
 * 会議体: the editable list of bodies that meet (協議の場, 運営会議, 部会, WG,
 * 拠点と市町村の定例会議 to start with). Renaming keeps every meeting; a body
 * with meetings cannot be deleted. A rename over someone else's newer one is
 * refused; 再読み込み brings theirs in.
 */
import { type FormEvent, useState } from 'react';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { ConflictNotice, isVersionConflict } from '@renderer/components/ConflictNotice';
import { Field } from '@renderer/components/Field';
import { useReadOnly } from '@renderer/components/ReadOnly';
import { useToast } from '@renderer/components/Toast';
import type { MeetingBody } from '@shared/contract/meeting';

function BodyRow({ body }: { body: MeetingBody }) {
  const readOnly = useReadOnly();
  const [name, setName] = useState(body.name);
  // The version the name was read at: the list refreshes when someone else saves, the row being typed in does not.
  const [version, setVersion] = useState(body.version);
  const { client } = useApi();
  const save = useMutation('meeting.bodies.save');
  const remove = useMutation('meeting.bodies.delete');
  const toast = useToast();
  const rename = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await save.run({ id: body.id, name, version });
    if (saved !== undefined) {
      setVersion(saved.version);
      toast(`「${name}」に変えました`, 'success');
    }
  };
  const error = (isVersionConflict(save.error?.error) ? undefined : save.error?.message) ?? remove.error?.message;
  return (
    <li className="meeting-body-row">
      <form onSubmit={rename} className="meeting-body-row__form">
        <input aria-label={`${body.name}の名前`} readOnly={readOnly} value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" className="button button--secondary button--small" disabled={name === body.name || save.pending}>
          名前を変える
        </button>
        <span className="muted">{body.meetings > 0 ? `会議 ${body.meetings}件` : '会議なし'}</span>
        <button
          data-edit
          type="button"
          className="button button--secondary button--small"
          disabled={body.meetings > 0}
          title={body.meetings > 0 ? '会議が記録されている会議体は削除できません' : undefined}
          onClick={async () => {
            if ((await remove.run({ id: body.id })) !== undefined) toast(`「${body.name}」を削除しました`, 'success');
          }}
        >
          削除
        </button>
      </form>
      {error && (
        <span className="field__error" role="alert">
          {error}
        </span>
      )}
      <ConflictNotice
        error={save.error?.error}
        unsaved={`会議体の名前: ${name}`}
        onReload={async () => {
          const fresh = (await client.call('meeting.bodies.list', {})).find((b) => b.id === body.id);
          if (fresh) {
            setName(fresh.name);
            setVersion(fresh.version);
          }
          save.reset();
        }}
      />
    </li>
  );
}

export function BodiesPage() {
  const bodies = useQuery('meeting.bodies.list', {});
  const add = useMutation('meeting.bodies.save');
  const toast = useToast();
  const [name, setName] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await add.run({ name });
    if (saved) {
      toast(`「${saved.name}」を加えました`, 'success');
      setName('');
    }
  };
  return (
    <section className="card meeting-bodies">
      <h2>会議体</h2>
      <p className="muted">会議を記録するときに選ぶ会議体の一覧です。名前を変えても、記録した会議はそのまま残ります。</p>
      <ul className="plain-list">
        {(bodies.data ?? []).map((b) => (
          <BodyRow key={`${b.id}:${b.name}`} body={b} />
        ))}
      </ul>
      <form data-edit onSubmit={submit} className="meeting-body-row__form meeting-bodies__add">
        <Field label="会議体を追加" error={add.error?.message}>
          {(p) => <input {...p} placeholder="例: 在宅医療部会" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <button type="submit" className="button" disabled={add.pending}>
          追加
        </button>
      </form>
    </section>
  );
}
