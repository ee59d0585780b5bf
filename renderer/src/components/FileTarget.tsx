/**
 * Where to write a new database file (a meeting copy, a copy of the shared
 * database): in the desktop app the system's save dialog; in a browser on
 * the loopback host, a path typed into a field.
 */
import { useState } from 'react';
import { useApi } from '@renderer/api/hooks';
import { Field } from '@renderer/components/Field';

export function FileTarget({
  pickLabel,
  submitLabel,
  pendingLabel,
  hint,
  placeholder,
  pending,
  error,
  onTarget,
}: {
  /** The desktop button: 「保存先を選んで書き出す…」. */
  pickLabel: string;
  /** The browser form's button: 「書き出す」. */
  submitLabel: string;
  pendingLabel?: string;
  hint: string;
  placeholder: string;
  pending: boolean;
  error: string | undefined;
  /** Writes to the path; true when it was written (the typed path is then cleared). */
  onTarget(path: string): Promise<boolean>;
}) {
  const { client } = useApi();
  const [path, setPath] = useState('');
  if (client.transport.kind === 'electron')
    return (
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={pending}
          onClick={() => void window.renkei?.pickDatabaseFile('create').then((chosen) => (chosen ? onTarget(chosen) : false))}
        >
          {pickLabel}
        </button>
        {error && <span className="field__error">{error}</span>}
      </div>
    );
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        void onTarget(path).then((written) => written && setPath(''));
      }}
    >
      <Field label="保存先のファイル" hint={hint} error={error}>
        {(p) => <input {...p} name="copyPath" value={path} onChange={(e) => setPath(e.target.value)} placeholder={placeholder} />}
      </Field>
      <div className="actions">
        <button type="submit" className="button button--secondary" disabled={pending}>
          {pending && pendingLabel ? pendingLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}
