/**
 * サインイン: on a shared database, each person signs in with their own
 * login before the app opens; the page is loaded again once they are in.
 * Shown again, with why, when a session ends while the app is open (利用停止).
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { hostSignIn } from '../api/client';
import { Field } from '../components/Field';

export function SignInPage({ server, ended }: { server: string /** Why the session that was open ended. */; ended?: string }) {
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(ended ?? null);
  const [pending, setPending] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = 'サインイン — Renkei 在宅医療推進 事業管理';
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!user.trim() || !password) {
      setError('ユーザー名とパスワードを入力してください。');
      return;
    }
    setPending(true);
    const result = await hostSignIn.signIn(user.trim(), password);
    if (result.ok) {
      window.location.reload();
      return;
    }
    setPending(false);
    setError(result.error.message);
    setPassword('');
    passwordRef.current?.focus();
  };

  return (
    <main className="sign-in">
      <form className="card sign-in__card form" onSubmit={submit} aria-labelledby="sign-in-title" noValidate>
        <div>
          <div className="sidebar__brand-name">Renkei 連携</div>
          <h1 id="sign-in-title">サインイン</h1>
        </div>
        <dl className="sign-in__server">
          <dt>サーバー</dt>
          <dd>
            <code data-testid="sign-in-server">{server}</code>
          </dd>
        </dl>
        <Field label="ユーザー名">
          {(props) => <input {...props} autoFocus autoComplete="username" value={user} onChange={(e) => setUser(e.target.value)} />}
        </Field>
        <Field label="パスワード">
          {(props) => (
            <input
              {...props}
              ref={passwordRef}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        {error && (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={pending}>
            {pending ? 'サインインしています…' : 'サインイン'}
          </button>
        </div>
        <p className="muted">ユーザー名とパスワードは、県の担当者（Renkei の利用者の管理をする人）から受け取ったものです。</p>
      </form>
    </main>
  );
}
