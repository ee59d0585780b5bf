/**
 * 設定: who is working (for the audit log), who signs the reports and the
 * subsidy's letters (知事, each 医師会's 会長), backups and restore, which
 * database file is open.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { ConflictNotice } from '@renderer/components/ConflictNotice';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field, FormErrorNotice, fieldError, useFocusFirstError } from '@renderer/components/Field';
import { LeaveGuard } from '@renderer/components/LeaveGuard';
import { PageHeader } from '@renderer/components/PageHeader';
import { may, useRole } from '@renderer/components/Permitted';
import { Editing, useReadOnly } from '@renderer/components/ReadOnly';
import { useSavedDraft } from '@renderer/components/savedDraft';
import { useErrorToast, useToast } from '@renderer/components/Toast';
import { countOf } from '@renderer/lib/counts';
import {
  BACKUP_REASON_LABELS,
  type BackupInfo,
  backupLabel,
  type OpError,
  type Settings,
  TABLE_DENSITIES,
  TABLE_DENSITY_LABELS,
  type TableDensity,
} from '@shared/contract';
import { formatBytes, formatTimestamp } from '@shared/format';
import { CATEGORY_NOTATION_LABELS, CATEGORY_NOTATIONS, type CategoryNotation } from '@shared/fund/categories';
import { CopyToThisPc, MoveToShared } from './SharedMove';

/** The fields this form edits (density and the fund's notation are set in their own sections). */
const FORM_FIELDS = [
  'displayName',
  'organization',
  'backupKeep',
  'submitter',
  'governorTitle',
  'governorName',
  'associationPresidents',
  'personInCharge',
  'regionalBureau',
] as const;

/** Each field's name on the form, for the lines of what was not saved. */
const FIELD_LABELS: Record<(typeof FORM_FIELDS)[number], string> = {
  displayName: '表示名',
  organization: '所属',
  backupKeep: 'バックアップ保持数',
  submitter: '提出者',
  governorTitle: '知事の職名',
  governorName: '知事の氏名',
  associationPresidents: '医師会の会長の氏名',
  personInCharge: '担当者',
  regionalBureau: '宛先の地方厚生局',
};

function formOf(settings: Settings) {
  return { ...settings, backupKeep: String(settings.backupKeep) };
}
type SettingsForm = ReturnType<typeof formOf>;

/** The fields this form's typing differs in from `saved`. */
function typedFields(form: SettingsForm, saved: SettingsForm) {
  return FORM_FIELDS.filter((k) => JSON.stringify(form[k]) !== JSON.stringify(saved[k]));
}

/** Whether two readings of the settings differ in what this form shows. */
function differ(a: Settings, b: Settings): boolean {
  return FORM_FIELDS.some((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

const KEEPING_TYPED =
  '今の入力はまだ保存していません。「再読み込み」で最新の内容にするか、このまま保存すると、ここで変えた項目だけを保存します。';

/**
 * Said over a form with typing when the stored settings change under it. On a shared database a colleague's save
 * is the likely cause; a file is this window's alone, so there it was 元に戻す, やり直す or a restore.
 */
function meanwhileNotice(shared: boolean): { heading: string; error: OpError } {
  return shared
    ? {
        heading: 'ほかの方が変更しました。',
        error: { code: 'conflict', path: ['version'], message: `この画面を開いたあとに、ほかの方が設定を保存しました。${KEEPING_TYPED}` },
      }
    : {
        heading: '設定が変わりました。',
        error: {
          code: 'conflict',
          path: ['version'],
          message: `入力の途中で、元に戻す・やり直す・バックアップからの復元により、保存されている設定が変わりました。${KEEPING_TYPED}`,
        },
      };
}

/** The settings are 県・担当's to change: shown as values to read to every other role, as on a meeting copy. */
function useSettingsReadOnly(): boolean {
  const readOnly = useReadOnly();
  const role = useRole();
  return readOnly || (role !== undefined && !may(role, 'settings.update'));
}

function SettingsForm({ latest }: { latest: Settings }) {
  const readOnly = useSettingsReadOnly();
  // What the form was filled from (a save sends what differs from it), and the form typed over it. Someone else's
  // save (the live query) replaces it below, the fields typed in keeping the typing.
  const settings = useSavedDraft(latest, formOf, (a, b) => typedFields(a, b).length === 0);
  const { draft: form, setDraft: setForm, dirty, record: base } = settings;
  const [seen, setSeen] = useState(latest);
  const [changedMeanwhile, setChangedMeanwhile] = useState(false);
  if (differ(latest, seen)) {
    setSeen(latest);
    if (differ(latest, base)) {
      // The fields typed in keep the typing; the others show what is stored now.
      const typed = typedFields(form, settings.saved);
      if (dirty) setChangedMeanwhile(true);
      settings.take(latest, { ...formOf(latest), ...Object.fromEntries(typed.map((k) => [k, form[k]])) });
    }
  }
  const shared = useQuery('accounts.session', {}).data?.shared === true;
  const meanwhile = meanwhileNotice(shared);
  const associations = useQuery('masters.associations.list', {}).data ?? [];
  const save = useMutation('settings.update');
  const toast = useToast();
  const error = save.error?.error;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, save.error);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const saved = await settings.save((sent, from) => {
      const entered: Partial<Settings> = {
        displayName: sent.displayName,
        organization: sent.organization,
        backupKeep: countOf(sent.backupKeep),
        submitter: sent.submitter,
        governorTitle: sent.governorTitle,
        governorName: sent.governorName,
        // Only the 医師会 of the 台帳 now, each with a name (one removed from the 台帳 leaves no trace here).
        associationPresidents: Object.fromEntries(
          associations.map((a) => [a.name, sent.associationPresidents[a.name]?.trim() ?? '']).filter(([, name]) => name !== ''),
        ),
        personInCharge: sent.personInCharge,
        regionalBureau: sent.regionalBureau,
      };
      // Only what was changed here: a colleague's save of the other fields meanwhile stays.
      return save.run(
        Object.fromEntries(Object.entries(entered).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(from[k as keyof Settings]))),
      );
    });
    if (saved) {
      setChangedMeanwhile(false);
      toast('設定を保存しました', 'success');
    }
  };

  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.target.value });

  return (
    <form ref={formRef} className="form" onSubmit={submit} aria-label="利用者と帳票の設定" data-save-shortcut>
      <LeaveGuard dirty={dirty && !readOnly} what="設定" />
      {/* Always there: after 再読み込み it still shows what had been typed. */}
      <ConflictNotice
        heading={meanwhile.heading}
        error={changedMeanwhile ? meanwhile.error : undefined}
        unsaved={typedFields(form, settings.saved)
          .map((k) => `${FIELD_LABELS[k]}: ${typeof form[k] === 'string' ? form[k] : JSON.stringify(form[k])}`)
          .join('\n')}
        onReload={() => settings.take(latest)}
      />
      <Field
        label="表示名"
        hint={
          shared
            ? '共有データベースでは、監査ログや回答の「保存済み」には各自のアカウントの名前が記録されます。この表示名は、アカウントのない管理者の作業にだけ使われます。'
            : '監査ログに OS のユーザー名と並べて記録されます。'
        }
        error={fieldError(error, 'displayName')}
      >
        {(p) => (
          <input {...p} readOnly={readOnly} name="displayName" value={form.displayName} onChange={set('displayName')} autoComplete="name" />
        )}
      </Field>
      <Field label="所属" hint="例: 福祉保健部 地域医療政策課" error={fieldError(error, 'organization')}>
        {(p) => <input {...p} readOnly={readOnly} name="organization" value={form.organization} onChange={set('organization')} />}
      </Field>
      <Field
        label="バックアップ保持数"
        hint="新しいものからこの数だけ残し、古いものは削除します（1〜365）。"
        error={fieldError(error, 'backupKeep')}
      >
        {(p) => (
          <input
            {...p}
            readOnly={readOnly}
            name="backupKeep"
            inputMode="numeric"
            value={form.backupKeep}
            onChange={set('backupKeep')}
            style={{ maxWidth: '8rem' }}
          />
        )}
      </Field>
      <h3 className="form__section">帳票に印字する情報</h3>
      <Field label="知事の職名" hint="空欄なら『〇〇県知事』と印字します" error={fieldError(error, 'governorTitle')}>
        {(p) => <input {...p} readOnly={readOnly} name="governorTitle" value={form.governorTitle} onChange={set('governorTitle')} />}
      </Field>
      <Field
        label="知事の氏名"
        hint="例: 山田　太郎。補助金の通知書の発信者と、センターが出す申請書の宛先に職名と並べて印字します"
        error={fieldError(error, 'governorName')}
      >
        {(p) => <input {...p} readOnly={readOnly} name="governorName" value={form.governorName} onChange={set('governorName')} />}
      </Field>
      <Field
        label="提出者（文書の発信者）"
        hint="空欄なら知事の職名と氏名を印字します（例: 〇〇県知事　山田　太郎）"
        error={fieldError(error, 'submitter')}
      >
        {(p) => <input {...p} readOnly={readOnly} name="submitter" value={form.submitter} onChange={set('submitter')} />}
      </Field>
      <Field label="担当者" hint="例: 地域医療政策課 在宅医療係 山田（内線 1234）" error={fieldError(error, 'personInCharge')}>
        {(p) => <input {...p} readOnly={readOnly} name="personInCharge" value={form.personInCharge} onChange={set('personInCharge')} />}
      </Field>
      <Field
        label="宛先の地方厚生局"
        hint="空欄なら県の所在地から自動で決まります（例: 新潟県・長野県 → 関東信越厚生局）"
        error={fieldError(error, 'regionalBureau')}
      >
        {(p) => <input {...p} readOnly={readOnly} name="regionalBureau" value={form.regionalBureau} onChange={set('regionalBureau')} />}
      </Field>
      {associations.length > 0 && (
        <fieldset className="form__group">
          <legend>医師会の会長の氏名</legend>
          <span className="field__hint">
            補助金の通知書の宛先と、申請書などの提出者に印字します（医師会は台帳のもの。空欄なら氏名なし）。
          </span>
          <table className="table settings-presidents">
            <tbody>
              {associations.map((a) => (
                <tr key={a.id}>
                  <th scope="row">{a.name}</th>
                  <td>
                    <input
                      readOnly={readOnly}
                      name={`president-${a.id}`}
                      aria-label={`${a.name}　会長の氏名`}
                      value={form.associationPresidents[a.name] ?? ''}
                      onChange={(e) =>
                        setForm({ ...form, associationPresidents: { ...form.associationPresidents, [a.name]: e.target.value } })
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
      )}
      <FormErrorNotice error={error} fields={[...FORM_FIELDS]} />
      {!readOnly && (
        <div className="actions" data-edit>
          <button type="submit" className="button" disabled={save.pending}>
            {save.pending ? '保存中…' : '保存する'}
          </button>
          <span className="muted">Ctrl+S でも保存できます</span>
        </div>
      )}
    </form>
  );
}

function BackupList() {
  const list = useQuery('backup.list', {});
  const create = useMutation('backup.create');
  const restore = useMutation('backup.restore');
  const toast = useToast();
  const [confirming, setConfirming] = useState<BackupInfo | null>(null);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  // Every row's button reads 「この時点に復元」: it is described by its row's time and kind, so a screen reader going
  // from button to button says which backup each one restores.
  const rowId = useId();

  const doRestore = async () => {
    const target = confirming!;
    setConfirming(null);
    setRestoring(target);
    const result = await restore.run({ name: target.name });
    setRestoring(null);
    if (result)
      toast(
        `${backupLabel(target.name)}から復元しました。復元前の状態は${backupLabel(result.safetyBackup.name)}として一覧にあります。`,
        'success',
      );
  };
  useErrorToast(restore.error);
  useErrorToast(create.error);

  return (
    <section className="card" aria-labelledby="backups-heading">
      <div className="card__head">
        <h2 id="backups-heading">バックアップから復元</h2>
        <button
          data-edit
          type="button"
          className="button button--secondary button--small"
          disabled={create.pending}
          onClick={() => void create.run({}).then((b) => b && toast('バックアップを作成しました', 'success'))}
        >
          今すぐバックアップ
        </button>
      </div>
      {restoring && (
        <p className="muted" role="status">
          {formatTimestamp(restoring.createdAt)} のバックアップから復元中…
        </p>
      )}
      {list.error && <ErrorNotice error={list.error} />}
      {list.data && list.data.length === 0 && <p className="empty">バックアップはまだありません。</p>}
      {list.data && list.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>日時</th>
                <th>種類</th>
                <th className="num">サイズ</th>
                <th aria-label="操作" />
              </tr>
            </thead>
            <tbody>
              {list.data.map((b, i) => (
                <tr key={b.name}>
                  <td id={`${rowId}-${i}-at`}>{formatTimestamp(b.createdAt)}</td>
                  <td id={`${rowId}-${i}-kind`}>
                    <span className="badge badge--gray">{BACKUP_REASON_LABELS[b.reason]}</span>
                  </td>
                  <td className="num">{formatBytes(b.sizeBytes)}</td>
                  <td className="num">
                    <button
                      data-edit
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => setConfirming(b)}
                      disabled={restore.pending}
                      aria-describedby={`${rowId}-${i}-at ${rowId}-${i}-kind`}
                    >
                      {restoring?.name === b.name ? '復元中…' : 'この時点に復元'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          title="バックアップから復元しますか？"
          confirmLabel="復元する"
          danger
          onConfirm={doRestore}
          onCancel={() => setConfirming(null)}
        >
          <p>
            データベースを <strong>{formatTimestamp(confirming.createdAt)}</strong> の状態に戻します。
            この時点より後の変更と監査ログの記録は、画面から消えます。
          </p>
          <p className="muted">
            消える変更と記録は、復元の前に自動で作る復元前のバックアップ（この一覧の「{BACKUP_REASON_LABELS.restore}
            」）に残ります。そのバックアップから復元すれば、今の状態に戻せます。
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** What support staff ask for when something goes wrong: the program's version and the database's schema. */
function SupportInfo() {
  const summary = useQuery('app.summary', {});
  const data = summary.data;
  return (
    <section className="card" aria-labelledby="support-heading">
      <h2 id="support-heading">サポート用の情報</h2>
      <p className="muted">問い合わせのときに、サポートの担当者へお伝えください。</p>
      {data && (
        <dl className="kv">
          <dt>バージョン</dt>
          <dd>Renkei {data.appVersion}</dd>
          <dt>データベースの形式</dt>
          <dd className="mono">
            スキーマ {data.database.schemaVersion}（更新 {data.database.migrations} 件適用）
          </dd>
        </dl>
      )}
    </section>
  );
}

function DatabaseChooser() {
  const { client } = useApi();
  const summary = useQuery('app.summary', {});
  const open = useMutation('database.open');
  const toast = useToast();
  const [path, setPath] = useState('');
  const isDesktop = client.transport.kind === 'electron';

  const openPath = async (target: string, create = false) => {
    const info = await open.run({ path: target, create });
    if (info) {
      toast(`データベースを開きました: ${info.path}`, 'success');
      setPath('');
    }
  };
  const pick = async (mode: 'open' | 'create') => {
    const chosen = await window.renkei?.pickDatabaseFile(mode);
    if (chosen) await openPath(chosen, mode === 'create');
  };

  return (
    <section className="card" aria-labelledby="dbfile-heading">
      <h2 id="dbfile-heading">データベースファイル</h2>
      <dl className="kv" style={{ marginBottom: '1rem' }}>
        <dt>開いているファイル</dt>
        <dd className="mono">{summary.data?.database.path}</dd>
      </dl>
      {isDesktop ? (
        <div className="actions">
          <button type="button" className="button button--secondary" onClick={() => void pick('open')}>
            別のファイルを開く…
          </button>
          <button type="button" className="button button--secondary" onClick={() => void pick('create')}>
            新しいファイルを作成…
          </button>
        </div>
      ) : (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            void openPath(path);
          }}
        >
          <Field
            label="開くファイルの場所"
            hint="この PC 上にあるデータベースファイルのパスを入力します。新しく作るときは、作る場所とファイル名を入力して「新しく作成する」を押します。"
            error={open.error?.message}
          >
            {(p) => (
              <input
                {...p}
                name="dbPath"
                value={path}
                onChange={(e) => setPath(e.target.value)}
                placeholder="例: C:\Users\renkei\Documents\renkei.sqlite"
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="button button--secondary" disabled={open.pending} data-view>
              開く
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={open.pending || path.trim() === ''}
              data-view
              onClick={() => void openPath(path, true)}
            >
              新しく作成する
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/**
 * A choice saved as soon as it is made: the one being saved until the stored value catches up, otherwise the stored
 * value itself — so after 元に戻す or a restore the radio shows what is stored, not what was last clicked.
 */
function useInstantChoice<T extends string>(stored: T, save: (value: T) => Promise<boolean>): [T, (value: T) => Promise<void>] {
  const [saving, setSaving] = useState<T | null>(null);
  if (saving !== null && saving === stored) setSaving(null);
  const choose = async (value: T) => {
    setSaving(value);
    if (!(await save(value))) setSaving(null);
  };
  return [saving ?? stored, choose];
}

/** How tables are shown; saved as soon as it is chosen, since there is nothing else to confirm. */
function DisplaySettings({ density }: { density: TableDensity }) {
  const readOnly = useSettingsReadOnly();
  const save = useMutation('settings.update');
  const toast = useToast();
  const [chosen, choose] = useInstantChoice(density, async (value) => {
    if (!(await save.run({ density: value }))) return false;
    toast(`表を「${TABLE_DENSITY_LABELS[value]}」にしました`, 'success');
    return true;
  });
  return (
    <section className="card" aria-labelledby="display-heading">
      <h2 id="display-heading">表示</h2>
      <fieldset className="radio-group">
        <legend>表の行の高さ</legend>
        {TABLE_DENSITIES.map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="density"
              value={value}
              checked={chosen === value}
              disabled={readOnly}
              onChange={() => void choose(value)}
            />
            {TABLE_DENSITY_LABELS[value]}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

/** How the 都道府県計画 and 事後評価 write the 区分; saved as soon as it is chosen. */
function CategoryNotationSetting({ notation }: { notation: CategoryNotation }) {
  const readOnly = useSettingsReadOnly();
  const save = useMutation('settings.update');
  const toast = useToast();
  const [chosen, choose] = useInstantChoice(notation, async (value) => {
    if (!(await save.run({ fundCategoryNotation: value }))) return false;
    toast(`計画の区分を「${CATEGORY_NOTATION_LABELS[value]}」で書きます`, 'success');
    return true;
  });
  return (
    <section className="card" aria-labelledby="notation-heading">
      <h2 id="notation-heading">帳票</h2>
      <fieldset className="radio-group">
        <legend>都道府県計画・事後評価の区分の書き方</legend>
        {CATEGORY_NOTATIONS.map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="fundCategoryNotation"
              value={value}
              checked={chosen === value}
              disabled={readOnly}
              onChange={() => void choose(value)}
            />
            {CATEGORY_NOTATION_LABELS[value]}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

export function SettingsPage() {
  const settings = useQuery('settings.get', {});
  const session = useQuery('accounts.session', {});
  const shared = session.data?.shared;
  const role = session.data?.role;
  return (
    <>
      <PageHeader title="設定" lead="この設定はデータベースに保存され、変更は監査ログに記録されます。" />
      <div className="stack">
        <section className="card" aria-labelledby="user-heading">
          <h2 id="user-heading">利用者</h2>
          {role && !may(role, 'settings.update') && (
            <p className="muted" data-testid="settings-who-may">
              この設定を変えられるのは県・担当の方です。変更が必要なときは県の担当者に依頼してください。
            </p>
          )}
          {settings.error && <ErrorNotice error={settings.error} />}
          {settings.data && <SettingsForm latest={settings.data} />}
        </section>
        {settings.data && <DisplaySettings density={settings.data.density} />}
        {settings.data && <CategoryNotationSetting notation={settings.data.fundCategoryNotation} />}
        {role && may(role, 'accounts.list') && (
          <section className="card" aria-labelledby="accounts-link-heading">
            <h2 id="accounts-link-heading">利用者の管理</h2>
            <p>
              共有データベースにサインインする方の追加・パスワードの再設定・役割の変更・利用停止は{' '}
              <Link to="/settings/accounts">利用者</Link> の画面で行います。
            </p>
          </section>
        )}
        {/* Making a copy and moving to a server both write (the core asks for 県・担当): sections that are only an edit. */}
        {shared ? (
          role &&
          may(role, 'backup.copyToFile') && (
            <Editing>
              <CopyToThisPc />
            </Editing>
          )
        ) : (
          <BackupList />
        )}
        {/* On a shared database the desktop's menu (この PC のデータベースを開く) switches to a file in a new process,
            which does not keep the server login; the page does not offer a switch within this one. */}
        {shared === false && <DatabaseChooser />}
        {shared === false && (
          <Editing>
            <MoveToShared />
          </Editing>
        )}
        <SupportInfo />
      </div>
    </>
  );
}
