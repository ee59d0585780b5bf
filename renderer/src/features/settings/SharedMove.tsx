/**
 * Moving between this PC and the shared database: 共有データベースへ移行 (the
 * open file into an empty PostgreSQL database, shown while a file is open)
 * and この PC に写しを作る (the shared database into a new file, shown while a
 * shared one is open). Each ends with the table-by-table comparison.
 */
import { type FormEvent, useState } from 'react';
import { useMutation } from '@renderer/api/hooks';
import { Field, fieldError } from '@renderer/components/Field';
import { FileTarget } from '@renderer/components/FileTarget';
import { useToast } from '@renderer/components/Toast';
import { countOf } from '@renderer/lib/counts';
import { issuesOf, unplacedMessages } from '@renderer/lib/formErrors';
import type { MoveResult } from '@shared/contract/backup';
import { formatBytes } from '@shared/format';

function Checks({ result }: { result: MoveResult }) {
  const rows = result.tables.reduce((n, t) => n + t.targetRows, 0);
  return (
    <details className="move-checks" open data-testid="move-checks">
      <summary>
        {result.tables.length} 表・{rows.toLocaleString('ja-JP')} 行を写し、すべて元と一致しました（表ごとの行数とチェックサム）
      </summary>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">表</th>
              <th scope="col" className="num">
                元の行数
              </th>
              <th scope="col" className="num">
                写しの行数
              </th>
              <th scope="col">チェックサム（元／写し）</th>
              <th scope="col">一致</th>
            </tr>
          </thead>
          <tbody>
            {result.tables.map((t) => (
              <tr key={t.table}>
                <td className="mono">{t.table}</td>
                <td className="num">{t.sourceRows.toLocaleString('ja-JP')}</td>
                <td className="num">{t.targetRows.toLocaleString('ja-JP')}</td>
                <td className="mono">
                  {t.sourceChecksum} / {t.targetChecksum}
                </td>
                <td>{t.same ? '一致' : '不一致'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.leftOut.length > 0 && (
        <p className="muted">写さなかった表: {result.leftOut.join('、')}（元に戻すの履歴・サーバーの利用者）</p>
      )}
    </details>
  );
}

/** Shown while a file is open. */
export function MoveToShared() {
  const move = useMutation('backup.moveToShared');
  const toast = useToast();
  const [form, setForm] = useState({ host: '', port: '5432', database: '', user: '', password: '' });
  const [done, setDone] = useState<MoveResult | null>(null);
  const error = move.error?.error;
  const unplaced = unplacedMessages(issuesOf(error), ['host', 'port', 'database', 'user', 'password']);
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const result = await move.run({
      host: form.host,
      // Read as typed (５４３３ from an IME is 5433); what is not a port goes to the core, which says so beside the field.
      ...(form.port.trim() === '' ? {} : { port: countOf(form.port) }),
      database: form.database,
      user: form.user,
      ...(form.password ? { password: form.password } : {}),
    });
    setForm({ ...form, password: '' });
    if (result) {
      setDone(result);
      toast(`共有データベース ${result.target} へ移行しました`, 'success');
    }
  };
  return (
    <section className="card" aria-labelledby="move-heading">
      <h2 id="move-heading">共有データベースへ移行</h2>
      <p>
        このファイルの内容を、IT 担当の方が用意した<strong>空の</strong>共有データベース（PostgreSQL）へ、1回の処理でそのまま写します。
        写したあと、表ごとに行数とチェックサムを比べ、一つでも違えば取り消します。このファイルは変わりません。
      </p>
      <p className="muted">
        移行のあと、IT 担当の方が <code>renkei shared setup</code> で役割と最初の県・担当を用意し、ほかの方は「利用者」画面で追加します。
      </p>
      <form className="form" onSubmit={submit} aria-label="共有データベースへ移行">
        <Field label="サーバー名" hint="例: renkei-db.pref.example.lg.jp" error={fieldError(error, 'host')}>
          {(p) => <input {...p} name="host" value={form.host} onChange={set('host')} style={{ maxWidth: '24rem' }} />}
        </Field>
        <Field label="ポート" error={fieldError(error, 'port')}>
          {(p) => <input {...p} name="port" inputMode="numeric" value={form.port} onChange={set('port')} style={{ maxWidth: '8rem' }} />}
        </Field>
        <Field label="データベース名" error={fieldError(error, 'database')}>
          {(p) => <input {...p} name="database" value={form.database} onChange={set('database')} style={{ maxWidth: '16rem' }} />}
        </Field>
        <Field label="ユーザー名" hint="データベースの管理者（表を作れる方）" error={fieldError(error, 'user')}>
          {(p) => <input {...p} name="user" value={form.user} onChange={set('user')} autoComplete="off" style={{ maxWidth: '16rem' }} />}
        </Field>
        <Field label="パスワード" hint="この移行にだけ使い、保存しません。" error={fieldError(error, 'password')}>
          {(p) => (
            <input
              {...p}
              type="password"
              name="password"
              value={form.password}
              onChange={set('password')}
              autoComplete="off"
              style={{ maxWidth: '16rem' }}
            />
          )}
        </Field>
        {unplaced.length > 0 && (
          <div className="notice notice--error" role="alert">
            <strong>移行できませんでした。</strong> {unplaced.join(' ')}
          </div>
        )}
        <div className="actions">
          <button type="submit" className="button" disabled={move.pending}>
            {move.pending ? '移行中…' : '移行する'}
          </button>
        </div>
      </form>
      {done && <Checks result={done} />}
    </section>
  );
}

/** Shown while a shared database is open. */
export function CopyToThisPc() {
  const copy = useMutation('backup.copyToFile');
  const toast = useToast();
  const [done, setDone] = useState<MoveResult | null>(null);
  const write = async (target: string) => {
    setDone(null);
    const result = await copy.run({ path: target });
    if (result) {
      setDone(result);
      toast(`写し（${formatBytes(result.sizeBytes)}）を作りました: ${result.target}`, 'success');
    }
    return result !== undefined;
  };
  return (
    <section className="card" aria-labelledby="local-copy-heading">
      <h2 id="local-copy-heading">この PC に写しを作る</h2>
      <p>
        共有データベースの今の内容を、この PC の新しいファイルに写します（会議のノート PC や監査用）。写しは普通の Renkei
        のファイルとして開け、変更もできますが、共有データベースとは別物です（写しでの変更は共有データベースに戻りません）。
      </p>
      <FileTarget
        pickLabel="保存先を選んで写しを作る…"
        submitLabel="写しを作る"
        pendingLabel="写しを作成中…"
        hint="この PC 上のパス。まだないファイル名を指定します。"
        placeholder="例: C:\Users\renkei\Documents\renkei_写し.sqlite"
        pending={copy.pending}
        error={copy.error?.message}
        onTarget={write}
      />
      {done && <Checks result={done} />}
    </section>
  );
}
