/**
 * 独自様式: the prefecture's own Excel 様式 with {{…}} placeholders —
 * registered from a file (refused with the sheet and cell of each problem),
 * listed with their versions and placeholders, filled for a 年度 (and a center)
 * and saved; beside them, the placeholders a 様式 may use.
 */
import { type FormEvent, useState } from 'react';
import { useMutation, useQuery } from '@renderer/api/hooks';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field } from '@renderer/components/Field';
import { FileField } from '@renderer/components/FileField';
import { currentFiscalYear, FiscalYearSelect } from '@renderer/components/FiscalYearSelect';
import { PageHeader } from '@renderer/components/PageHeader';
import { readAsBase64, saveFile } from '@renderer/lib/files';
import type { TemplateSummary } from '@shared/contract/template';
import { type FiscalYear, fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatTimestamp } from '@shared/format';
import { ReportTabs } from './ReportTabs';

const KIND_LABELS = { text: '文字', yen: '金額（円）', count: '数', date: '日付' } as const;

/** A 様式's name taken from its file: 「独自通知.xlsx」 → 「独自通知」. */
const nameOf = (file: File) => file.name.replace(/\.xlsx$/i, '');

function RegisterForm() {
  const register = useMutation('template.register');
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  // A name taken from a file follows the file chosen next; one the officer typed stays.
  const [nameTyped, setNameTyped] = useState(false);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<TemplateSummary | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (!file) return;
    const saved = await register.run({
      name: name.trim() || nameOf(file),
      fileName: file.name,
      data: await readAsBase64(file),
      note,
    });
    if (saved) setDone(saved);
  };
  const issues = register.error?.error.issues ?? [];
  return (
    <form data-edit className="card stack" onSubmit={submit} aria-labelledby="template-register-title">
      <h2 id="template-register-title">様式を登録</h2>
      <p className="muted">
        Excel の様式（.xlsx）のセルに <code>{'{{センター名}}'}</code>{' '}
        のように差し込み項目を書いて登録します。同じ名前で登録し直すと新しい版になり、前の版も残ります。
      </p>
      <div className="form-grid">
        <Field label="ファイル（.xlsx）">
          {(p) => (
            <FileField
              {...p}
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(files) => {
                const chosen = files?.[0] ?? null;
                setFile(chosen);
                if (!nameTyped) setName(chosen ? nameOf(chosen) : '');
              }}
            />
          )}
        </Field>
        <Field label="様式の名前" hint="同じ名前なら新しい版として登録します">
          {(p) => (
            <input
              {...p}
              value={name}
              maxLength={60}
              onChange={(e) => {
                setName(e.target.value);
                setNameTyped(e.target.value.trim() !== '');
              }}
            />
          )}
        </Field>
        <Field label="メモ（任意）">{(p) => <input {...p} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />}</Field>
      </div>
      <div className="actions">
        <button type="submit" className="button" disabled={!file || register.pending}>
          {register.pending ? '確認中…' : '登録'}
        </button>
      </div>
      {register.error && issues.length === 0 && <ErrorNotice error={register.error} title="登録できませんでした。" />}
      {issues.length > 0 && (
        <div className="notice notice--error" role="alert">
          <strong>登録できませんでした。</strong> 次の {issues.length} か所を直して、もう一度登録してください。
          <table className="table" aria-label="様式の誤り">
            <thead>
              <tr>
                <th>シート</th>
                <th>セル</th>
                <th>内容</th>
              </tr>
            </thead>
            <tbody>
              {issues.map((issue, i) => (
                <tr key={`${issue.path.join('!')}-${i}`}>
                  <td>{issue.path[0] ?? '—'}</td>
                  <td className="mono">{issue.path[1] ?? '—'}</td>
                  <td>{issue.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {done && (
        <p role="status">
          「{done.name}」を第{done.version}版として登録しました（差し込み項目 {done.placeholders.length} か所）。
        </p>
      )}
    </form>
  );
}

function FillPanel({ template, years }: { template: TemplateSummary; years: readonly number[] }) {
  // The newest 年度 with a 補助金 要綱, where the figures are; this 年度 before any.
  const [fy, setFy] = useState<FiscalYear>(years[0] !== undefined ? fiscalYear(years[0]) : currentFiscalYear());
  const [centerId, setCenterId] = useState<number | ''>('');
  const [version, setVersion] = useState(template.version);
  const year = useQuery('subsidy.year', { fiscalYear: fy });
  const fill = useMutation('template.fill');
  const setDisabled = useMutation('template.setDisabled');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = await fill.run({ id: template.id, version, fiscalYear: fy, ...(centerId === '' ? {} : { centerId }) });
    if (file) saveFile(file);
  };
  return (
    <section className="card stack" aria-labelledby="template-fill-title">
      <h2 id="template-fill-title">「{template.name}」に差し込む</h2>
      {template.disabled && <p className="notice">この様式は使用停止中です。差し込むには「使用を再開」してください。</p>}
      <form className="form-grid" onSubmit={submit}>
        <Field
          label="年度"
          hint={
            years.length > 0
              ? `要綱のある年度: ${years.map((y) => formatFiscalYear(fiscalYear(y))).join('・')}`
              : '補助金の要綱がまだありません'
          }
        >
          {(p) => <FiscalYearSelect {...p} value={fy} onChange={setFy} />}
        </Field>
        <Field label="センター" hint={template.perCenter ? 'センターごとの様式です。選んでください' : '空欄なら全センター'}>
          {(p) => (
            <select {...p} value={centerId} onChange={(e) => setCenterId(e.target.value === '' ? '' : Number(e.target.value))}>
              <option value="">{template.perCenter ? '（選んでください）' : '全センター'}</option>
              {year.data?.rows.map((r) => (
                <option key={r.center.id} value={r.center.id}>
                  {r.center.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="版">
          {(p) => (
            <select {...p} value={version} onChange={(e) => setVersion(Number(e.target.value))}>
              {template.versions.map((v) => (
                <option key={v.version} value={v.version}>
                  第{v.version}版（{formatTimestamp(v.createdAt)}）
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="button" disabled={fill.pending || template.disabled} data-view>
            {fill.pending ? '作成中…' : 'Excel に差し込んで保存'}
          </button>
          <button
            data-edit
            type="button"
            className="button button--secondary"
            disabled={setDisabled.pending}
            onClick={() => void setDisabled.run({ id: template.id, disabled: !template.disabled })}
          >
            {template.disabled ? '使用を再開' : '使用を停止'}
          </button>
        </div>
      </form>
      {fill.error && <ErrorNotice error={fill.error} title="差し込めませんでした。" />}
      {setDisabled.error && <ErrorNotice error={setDisabled.error} title="変更できませんでした。" />}
      <p className="muted">
        PDF が要るときは、保存した Excel を開き、様式の印刷設定のまま「PDF
        として保存」してください（図形・グラフは差し込み後のファイルに残りません）。
      </p>
      <div className="grid grid--2">
        <div className="table-wrap">
          <table className="table" aria-label="この様式の差し込み項目">
            <caption>差し込み項目（第{template.version}版）</caption>
            <thead>
              <tr>
                <th>シート</th>
                <th>セル</th>
                <th>書き込み</th>
              </tr>
            </thead>
            <tbody>
              {template.placeholders.map((p, i) => (
                <tr key={`${p.sheet}!${p.cell}-${i}`}>
                  <td>{p.sheet}</td>
                  <td className="mono">{p.cell}</td>
                  <td className="mono">{p.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="table-wrap">
          <table className="table" aria-label="この様式の版">
            <caption>版</caption>
            <thead>
              <tr>
                <th>版</th>
                <th>ファイル</th>
                <th>登録</th>
                <th>メモ</th>
              </tr>
            </thead>
            <tbody>
              {template.versions.map((v) => (
                <tr key={v.version}>
                  <td className="num">第{v.version}版</td>
                  <td>{v.fileName}</td>
                  <td>
                    {formatTimestamp(v.createdAt)} {v.createdBy}
                  </td>
                  <td>{v.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}

function Vocabulary() {
  const vocabulary = useQuery('template.vocabulary', {});
  const example = useMutation('template.example');
  if (!vocabulary.data) return vocabulary.error ? <ErrorNotice error={vocabulary.error} /> : null;
  const { fields, functions, block } = vocabulary.data;
  return (
    <section className="card stack" aria-labelledby="template-vocabulary-title">
      <div className="card__head">
        <h2 id="template-vocabulary-title">差し込み項目の一覧</h2>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={example.pending}
          onClick={async () => {
            const file = await example.run({});
            if (file) saveFile(file);
          }}
        >
          見本の様式をダウンロード
        </button>
      </div>
      <p className="muted">
        センターごとに行を繰り返すには、繰り返す最初の行のセルに <code>{`{{#${block}}}`}</code>、最後の行のセルに{' '}
        <code>{`{{/${block}}}`}</code>{' '}
        と書きます。その間の行が全センター分コピーされ（書式・罫線・結合もそのまま）、下の行は下へずれます。繰り返しの外にセンターの項目を書くと、センターを1つ選んで差し込む様式になります。金額だけのセルは数値として入り、セルの表示形式が使われます。
      </p>
      <div className="table-wrap">
        <table className="table" aria-label="差し込み項目">
          <thead>
            <tr>
              <th>書き方</th>
              <th>種類</th>
              <th>使える場所</th>
              <th>内容</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.name}>
                <td className="mono">{`{{${f.name}}}`}</td>
                <td>{KIND_LABELS[f.kind]}</td>
                <td>{f.scope === 'common' ? 'どこでも' : f.name === '番号' ? `${block}の中` : `${block}の中／センターごとの様式`}</td>
                <td>{f.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table className="table" aria-label="書式">
          <thead>
            <tr>
              <th>書式</th>
              <th>内容</th>
              <th>例</th>
            </tr>
          </thead>
          <tbody>
            {functions.map((f) => (
              <tr key={f.name}>
                <td className="mono">{`{{${f.name}(項目)}}`}</td>
                <td>{f.description}</td>
                <td className="mono">{f.example}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function TemplatesPage() {
  const list = useQuery('template.list', {});
  const years = useQuery('subsidy.rules.years', {});
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const selected = list.data?.find((t) => t.id === selectedId) ?? list.data?.[0];
  return (
    <>
      <PageHeader title="帳票" lead="県独自の Excel 様式に、Renkei の数字を差し込んで作成します。" />
      <ReportTabs />
      <div className="stack">
        <section className="card stack" aria-labelledby="template-list-title">
          <h2 id="template-list-title">登録済みの様式</h2>
          {list.error && <ErrorNotice error={list.error} />}
          {list.data?.length === 0 && <p className="empty">様式はまだ登録されていません。下の「様式を登録」から登録してください。</p>}
          {list.data && list.data.length > 0 && (
            <div className="table-wrap">
              <table className="table" aria-label="登録済みの様式">
                <thead>
                  <tr>
                    <th>様式の名前</th>
                    <th>版</th>
                    <th>ファイル</th>
                    <th>差し込み項目</th>
                    <th>差し込み方</th>
                    <th>状態</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.map((t) => (
                    <tr key={t.id} aria-selected={t.id === selected?.id} className={t.id === selected?.id ? 'row-link' : undefined}>
                      <td>
                        <button type="button" className="button button--secondary button--small" onClick={() => setSelectedId(t.id)}>
                          {t.name}
                        </button>
                      </td>
                      <td className="num">第{t.version}版</td>
                      <td>{t.fileName}</td>
                      <td className="num">{t.placeholders.length} か所</td>
                      <td>{t.perCenter ? 'センターごと' : '全センターを一覧に'}</td>
                      <td>{t.disabled ? <span className="badge badge--gray">使用停止</span> : <span className="badge">使用中</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        {/* Keyed by version too: a version just registered is the one filled, not the one chosen before. */}
        {selected && years.data && <FillPanel key={`${selected.id}-${selected.version}`} template={selected} years={years.data} />}
        <RegisterForm />
        <Vocabulary />
      </div>
    </>
  );
}
