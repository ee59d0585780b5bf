/**
 * 共有データベースに接続 (desktop only, in its own small window): the server,
 * its database, the person's login and password, whether the OS keychain
 * keeps the password, and TLS. The shell starts the core on it and keeps the
 * settings (electron/main/main.ts); a connection that fails says what to do
 * and offers この PC のデータベース instead.
 *
 * Not the loopback host's SignInPage: that one signs in to the server the host
 * was started on (user and password over the host's HTTP session); here the
 * person names the server and chooses TLS and keeping the password, and the
 * desktop window has no HTTP host — only the preload bridge.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { ConnectFailure, ConnectForm, ConnectPageState } from '@shared/connect-form';
import type { OpError } from '@shared/contract';
import { isLoopbackHost } from '@shared/security/loopback';
import type { SharedBridge } from '../api/client';
import { Field, fieldError } from '../components/Field';

export function ConnectPage({ bridge }: { bridge: SharedBridge }) {
  const [state, setState] = useState<ConnectPageState | null>(null);
  const [form, setForm] = useState<ConnectForm | null>(null);
  const [failure, setFailure] = useState<ConnectFailure | null>(null);
  const [error, setError] = useState<OpError | undefined>(undefined);
  const [pending, setPending] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = '共有データベースに接続 — Renkei';
    void bridge.state().then((s) => {
      if (!s) return;
      setState(s);
      setForm({ ...s.form, password: '', savePassword: s.canKeepPassword && s.form.savePassword });
      setFailure(s.reason);
    });
  }, [bridge]);

  if (!state || !form) return <main className="sign-in" aria-busy="true" />;

  const set = (key: 'host' | 'port' | 'database' | 'user' | 'password') => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [key]: e.target.value });
  const plainOverNetwork = !form.tls && form.host.trim() !== '' && !isLoopbackHost(form.host);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    setFailure(null);
    const result = await bridge.connect(form);
    if (result.ok) return; // The shell closes this window and shows the shared database.
    setPending(false);
    setError(result.error);
    setFailure(result.failure ?? null);
    setForm({ ...form, password: '' });
    if (result.failure?.kind === 'password') passwordRef.current?.focus();
  };

  return (
    <main className="sign-in">
      <form className="card sign-in__card form" onSubmit={submit} aria-labelledby="connect-title" noValidate>
        <div>
          <div className="sidebar__brand-name">Renkei 連携</div>
          <h1 id="connect-title">共有データベースに接続</h1>
        </div>
        <p className="muted">
          情報システム担当から受け取ったサーバー名・データベース名と、県の担当者から受け取ったあなたのユーザー名・パスワードを入力します。
        </p>
        {failure && (
          <div className="notice notice--error" role="alert" data-testid="connect-failure">
            <strong>{failure.title}</strong>
            <p style={{ whiteSpace: 'pre-line', margin: '0.5rem 0' }}>{failure.message}</p>
            <p style={{ margin: 0 }}>「この PC のデータベースを開く」を選ぶと、この PC のデータベース（ファイル）で続けられます。</p>
          </div>
        )}
        <Field label="サーバー名" hint="例: renkei-db.pref.example.lg.jp" error={fieldError(error, 'host')}>
          {(p) => <input {...p} name="host" autoFocus={!form.host} value={form.host} onChange={set('host')} autoComplete="off" />}
        </Field>
        <Field label="ポート" error={fieldError(error, 'port')}>
          {(p) => <input {...p} name="port" inputMode="numeric" value={form.port} onChange={set('port')} style={{ maxWidth: '8rem' }} />}
        </Field>
        <Field label="データベース名" error={fieldError(error, 'database')}>
          {(p) => <input {...p} name="database" value={form.database} onChange={set('database')} autoComplete="off" />}
        </Field>
        <Field label="ユーザー名" error={fieldError(error, 'user')}>
          {(p) => <input {...p} name="user" value={form.user} onChange={set('user')} autoComplete="username" />}
        </Field>
        <Field
          label="パスワード"
          hint={state.passwordKept ? '保存したパスワードを使うときは空欄のままにします。' : undefined}
          error={fieldError(error, 'password')}
        >
          {(p) => (
            <input
              {...p}
              ref={passwordRef}
              type="password"
              name="password"
              autoFocus={form.host !== ''}
              value={form.password}
              onChange={set('password')}
              autoComplete="current-password"
            />
          )}
        </Field>
        <label className="check">
          <input
            type="checkbox"
            name="savePassword"
            style={{ flex: 'none' }}
            checked={form.savePassword}
            disabled={!state.canKeepPassword}
            onChange={(e) => setForm({ ...form, savePassword: e.target.checked })}
          />
          パスワードを保存する（OS の資格情報の保管庫に暗号化して保存し、次回から自動で接続します）
        </label>
        {!state.canKeepPassword && (
          <p className="muted">この PC にはパスワードを安全に保存する仕組みがないため、起動のたびにパスワードを入力します。</p>
        )}
        <label className="check">
          <input type="checkbox" name="tls" checked={form.tls} onChange={(e) => setForm({ ...form, tls: e.target.checked })} />
          通信を暗号化する（TLS）
        </label>
        {plainOverNetwork && (
          <p className="notice notice--error" role="note" data-testid="connect-no-tls">
            暗号化しないと、パスワードとデータが読める形でネットワークを流れます。サーバーが別の PC
            にあるときは、必ず「通信を暗号化する（TLS）」を選んでください（外してよいのは、サーバーがこの PC の中にあるときだけです）。
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={pending}>
            {pending ? '接続しています…' : '接続する'}
          </button>
          {(failure || state.onShared) && (
            <button type="button" className="button button--secondary" disabled={pending} onClick={() => void bridge.openLocal()}>
              この PC のデータベースを開く
            </button>
          )}
          <button type="button" className="button button--secondary" disabled={pending} onClick={() => void bridge.cancel()}>
            キャンセル
          </button>
        </div>
      </form>
    </main>
  );
}
