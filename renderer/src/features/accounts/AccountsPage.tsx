/**
 * 設定 › 利用者: the people who sign in to the shared database, their roles,
 * and their management by 県・担当 (add, reset a password, change a role,
 * stop and resume). A new or reset password is made here and shown once, to
 * be handed to the person; Renkei keeps none (the server holds a hash). On a
 * file there are no accounts, and the page says so.
 */
import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from '@renderer/api/hooks';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field, FormErrorNotice, fieldError, useFocusFirstError } from '@renderer/components/Field';
import { PageHeader } from '@renderer/components/PageHeader';
import { useErrorToast, useToast } from '@renderer/components/Toast';
import type { Account, Role } from '@shared/contract';
import { ROLE_LABELS, ROLES } from '@shared/contract/accounts';
import { formatTimestamp } from '@shared/format';

/** Letters that cannot be misread when a password is read out or copied by hand (no 0/O, 1/l/I). */
const PASSWORD_LETTERS = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newPassword(length = 14): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => PASSWORD_LETTERS[b % PASSWORD_LETTERS.length]).join('');
}

/** A password made here, shown once until the officer closes it. */
function PasswordOnce({ login, password, onClose }: { login: string; password: string; onClose(): void }) {
  return (
    <div className="notice" role="status" data-testid="password-once">
      <p>
        <strong>{login}</strong> さんのパスワード:{' '}
        <code className="mono" style={{ fontSize: '1.25rem', letterSpacing: '0.05em' }}>
          {password}
        </code>
      </p>
      <p className="muted">
        この表示は一度きりです。本人に直接伝えてください（メールに書かないでください）。Renkei はパスワードを保存しません。
      </p>
      <button type="button" className="button button--secondary button--small" onClick={onClose}>
        伝えたので閉じる
      </button>
    </div>
  );
}

function RoleFields({
  role,
  associationId,
  onChange,
  error,
}: {
  role: Role;
  associationId: number | null;
  onChange(role: Role, associationId: number | null): void;
  error: Parameters<typeof fieldError>[0];
}) {
  const associations = useQuery('masters.associations.list', {});
  return (
    <>
      <Field label="役割" error={fieldError(error, 'role')}>
        {(p) => (
          <select {...p} name="role" value={role} onChange={(e) => onChange(e.target.value as Role, null)} style={{ maxWidth: '20rem' }}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {role === 'assoc' && (
        <Field
          label="医師会"
          hint="この方が扱えるのは、この医師会が運営するセンターの記録だけです。"
          error={fieldError(error, 'associationId')}
        >
          {(p) => (
            <select
              {...p}
              name="associationId"
              value={associationId ?? ''}
              onChange={(e) => onChange(role, e.target.value ? Number(e.target.value) : null)}
            >
              <option value="">選んでください</option>
              {associations.data?.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </>
  );
}

function AddAccount({ onAdded }: { onAdded(login: string, password: string): void }) {
  const add = useMutation('accounts.add');
  const empty = { login: '', displayName: '', role: 'pref_staff' as Role, associationId: null as number | null };
  const [form, setForm] = useState(empty);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, add.error);
  const error = add.error?.error;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const password = newPassword();
    const added = await add.run({ ...form, password });
    if (added) {
      onAdded(added.login, password);
      setForm(empty);
    }
  };

  return (
    <section className="card" aria-labelledby="add-account-heading">
      <h2 id="add-account-heading">利用者を追加</h2>
      <form ref={formRef} className="form" onSubmit={submit} aria-label="利用者を追加">
        <Field
          label="ログイン名"
          hint="半角英小文字で始め、半角英小文字・数字・_ で（例: yamada_t）。サインインに使い、あとから変えられません。"
          error={fieldError(error, 'login')}
        >
          {(p) => (
            <input
              {...p}
              name="login"
              value={form.login}
              autoComplete="off"
              onChange={(e) => setForm({ ...form, login: e.target.value })}
              style={{ maxWidth: '16rem' }}
            />
          )}
        </Field>
        <Field label="表示名" hint="監査ログと画面に出る名前（例: 山田 太郎）" error={fieldError(error, 'displayName')}>
          {(p) => (
            <input
              {...p}
              name="displayName"
              value={form.displayName}
              onChange={(e) => setForm({ ...form, displayName: e.target.value })}
              style={{ maxWidth: '20rem' }}
            />
          )}
        </Field>
        <RoleFields
          role={form.role}
          associationId={form.associationId}
          error={error}
          onChange={(role, associationId) => setForm({ ...form, role, associationId })}
        />
        <FormErrorNotice error={error} fields={['login', 'displayName', 'role', 'associationId', 'password']} />
        <div className="actions">
          <button type="submit" className="button" disabled={add.pending}>
            {add.pending ? '追加中…' : '追加して初期パスワードを作る'}
          </button>
          <span className="muted">初期パスワードは追加のあと一度だけ表示します。</span>
        </div>
      </form>
    </section>
  );
}

function RoleEditor({ account, onDone }: { account: Account; onDone(): void }) {
  const setRole = useMutation('accounts.setRole');
  const toast = useToast();
  const [role, setRoleValue] = useState(account.role);
  const [associationId, setAssociationId] = useState(account.associationId);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const changed = await setRole.run({ login: account.login, role, associationId });
    if (changed) {
      toast(`${changed.displayName} さんの役割を「${ROLE_LABELS[changed.role]}」にしました`, 'success');
      onDone();
    }
  };
  return (
    <form className="form" onSubmit={submit} aria-label={`${account.displayName} さんの役割の変更`}>
      <RoleFields
        role={role}
        associationId={associationId}
        error={setRole.error?.error}
        onChange={(r, a) => {
          setRoleValue(r);
          setAssociationId(a);
        }}
      />
      <FormErrorNotice error={setRole.error?.error} fields={['role', 'associationId']} />
      <div className="actions">
        <button type="submit" className="button button--small" disabled={setRole.pending}>
          変更する
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onDone}>
          やめる
        </button>
      </div>
    </form>
  );
}

function AccountList({ me, manage, onPassword }: { me: string; manage: boolean; onPassword(login: string, password: string): void }) {
  const list = useQuery('accounts.list', {});
  const associations = useQuery('masters.associations.list', {});
  const reset = useMutation('accounts.resetPassword');
  const disable = useMutation('accounts.disable');
  const enable = useMutation('accounts.enable');
  const toast = useToast();
  const [editing, setEditing] = useState<string | null>(null);
  const [stopping, setStopping] = useState<Account | null>(null);
  const [resetting, setResetting] = useState<Account | null>(null);
  useErrorToast(reset.error);
  useErrorToast(disable.error);
  useErrorToast(enable.error);
  const associationName = (id: number | null) => (id === null ? '' : (associations.data?.find((a) => a.id === id)?.name ?? `医師会 ${id}`));
  const columns = manage ? 7 : 6;

  const doReset = async () => {
    const target = resetting!;
    setResetting(null);
    const password = newPassword();
    if (await reset.run({ login: target.login, password })) onPassword(target.login, password);
  };
  const doStop = async () => {
    const target = stopping!;
    setStopping(null);
    if (await disable.run({ login: target.login })) toast(`${target.displayName} さんを利用停止にしました`, 'success');
  };

  return (
    <section className="card" aria-labelledby="accounts-heading">
      <h2 id="accounts-heading">利用者の一覧</h2>
      {list.error && <ErrorNotice error={list.error} />}
      {list.data && list.data.length === 0 && (
        <p className="empty">まだ利用者はいません。下の「利用者を追加」から、最初の方を登録してください。</p>
      )}
      {list.data && list.data.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="account-list">
            <thead>
              <tr>
                <th scope="col">ログイン名</th>
                <th scope="col">表示名</th>
                <th scope="col">役割</th>
                <th scope="col">医師会</th>
                <th scope="col">状態</th>
                <th scope="col">登録</th>
                {manage && <th scope="col" aria-label="操作" />}
              </tr>
            </thead>
            <tbody>
              {list.data.map((a) => [
                <tr key={a.login}>
                  <td className="mono">
                    {a.login}
                    {a.login === me && <span className="muted">（あなた）</span>}
                  </td>
                  <td>{a.displayName}</td>
                  <td>{ROLE_LABELS[a.role]}</td>
                  <td>{associationName(a.associationId)}</td>
                  <td>
                    {a.disabled ? <span className="badge badge--error">利用停止</span> : <span className="badge badge--gray">利用中</span>}
                  </td>
                  <td>{formatTimestamp(a.createdAt)}</td>
                  {manage && (
                    <td className="num" style={{ whiteSpace: 'nowrap' }}>
                      <button data-edit type="button" className="button button--secondary button--small" onClick={() => setResetting(a)}>
                        パスワード再設定
                      </button>{' '}
                      <button
                        data-edit
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => setEditing(editing === a.login ? null : a.login)}
                      >
                        役割の変更
                      </button>{' '}
                      {a.disabled ? (
                        <button
                          data-edit
                          type="button"
                          className="button button--secondary button--small"
                          disabled={enable.pending}
                          onClick={() =>
                            void enable
                              .run({ login: a.login })
                              .then((r) => r && toast(`${a.displayName} さんの利用を再開しました`, 'success'))
                          }
                        >
                          利用再開
                        </button>
                      ) : (
                        <button
                          data-edit
                          type="button"
                          className="button button--secondary button--small"
                          disabled={a.login === me}
                          title={a.login === me ? '自分自身は利用停止にできません' : undefined}
                          onClick={() => setStopping(a)}
                        >
                          利用停止
                        </button>
                      )}
                    </td>
                  )}
                </tr>,
                editing === a.login && (
                  <tr key={`${a.login}-role`}>
                    <td colSpan={columns}>
                      <RoleEditor account={a} onDone={() => setEditing(null)} />
                    </td>
                  </tr>
                ),
              ])}
            </tbody>
          </table>
        </div>
      )}
      {resetting && (
        <ConfirmDialog
          title="パスワードを再設定しますか？"
          confirmLabel="新しいパスワードを作る"
          onConfirm={doReset}
          onCancel={() => setResetting(null)}
        >
          <p>
            <strong>{resetting.displayName}</strong>（{resetting.login}
            ）さんの今のパスワードは使えなくなります。新しいパスワードを一度だけ表示します。
          </p>
        </ConfirmDialog>
      )}
      {stopping && (
        <ConfirmDialog
          title="利用停止にしますか？"
          confirmLabel="利用停止にする"
          danger
          onConfirm={doStop}
          onCancel={() => setStopping(null)}
        >
          <p>
            <strong>{stopping.displayName}</strong>（{stopping.login}
            ）さんはサインインできなくなります。記録はそのまま残り、あとで「利用再開」できます。
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

export function AccountsPage() {
  const session = useQuery('accounts.session', {});
  const [shown, setShown] = useState<{ login: string; password: string } | null>(null);
  const s = session.data;
  return (
    <div className="stack">
      <PageHeader
        title="利用者"
        lead="共有データベースにサインインする方と、その役割です。追加・パスワードの再設定・役割の変更・利用停止は監査ログに記録されます。"
      />
      <p>
        <Link to="/settings">← 設定に戻る</Link>
      </p>
      {session.error && <ErrorNotice error={session.error} />}
      {s && !s.shared && (
        <section className="card" aria-labelledby="no-accounts-heading" data-testid="accounts-file-mode">
          <h2 id="no-accounts-heading">この PC のファイルには利用者はありません</h2>
          <p>
            今はこの PC のデータベースファイルを開いています。ファイルを使う方は一人で、すべての操作ができます（県・担当）。監査ログには OS
            のユーザー名と、設定の「表示名」が記録されます。
          </p>
          <p>
            利用者（一人ずつのサインインと、県・担当／県・閲覧／医師会・事務局の役割）は、チームで共有データベース（PostgreSQL）を使うときにあります。移すときは
            <Link to="/settings">設定</Link>の「共有データベースへ移行」を使い、サーバーの準備は IT 担当の方に README の「IT
            担当者向け：共有データベースの準備」を見てもらってください。
          </p>
        </section>
      )}
      {s?.shared && (
        <>
          <section className="card" aria-labelledby="me-heading">
            <h2 id="me-heading">サインイン中</h2>
            <dl className="kv">
              <dt>ログイン名</dt>
              <dd className="mono">{s.login}</dd>
              <dt>役割</dt>
              <dd>{ROLE_LABELS[s.role]}</dd>
            </dl>
            {s.role !== 'pref_staff' && <p className="muted">利用者の追加や変更は、県・担当の方が行います。</p>}
          </section>
          {shown && <PasswordOnce login={shown.login} password={shown.password} onClose={() => setShown(null)} />}
          {s.role !== 'assoc' && (
            <AccountList me={s.login} manage={s.role === 'pref_staff'} onPassword={(login, password) => setShown({ login, password })} />
          )}
          {s.role === 'pref_staff' && <AddAccount onAdded={(login, password) => setShown({ login, password })} />}
        </>
      )}
    </div>
  );
}
