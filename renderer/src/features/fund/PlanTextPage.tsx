/**
 * 県計画（本文） (#/fund/plan/2023): the 都道府県計画's narrative of a 年度 —
 * 1. 計画の基本的事項 (①位置づけ ②意義 ③実施する事業, 区域, 目標, 計画期間),
 * 2. 事業の評価方法, 3. 実施する事業 — written here and saved as a new
 * version each time (Ctrl+S), beside the versions saved so far (who and
 * when; an earlier one shown and its text copied back to be saved again) and
 * the 区域 the 台帳 sets. Leaving with unsaved text asks first. A save names
 * the version the text was based on: over someone else's newer version it is
 * refused, with 再読み込み. A new version (or one taken back by 元に戻す) shows
 * at once while nothing is being typed.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { ConflictNotice, isVersionConflict } from '@renderer/components/ConflictNotice';
import { Drawer } from '@renderer/components/Drawer';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field, FormErrorNotice, fieldError } from '@renderer/components/Field';
import { FiscalYearSelect } from '@renderer/components/FiscalYearSelect';
import { LeaveGuard } from '@renderer/components/LeaveGuard';
import { Redirect, useMover } from '@renderer/components/Navigation';
import { PageHeader } from '@renderer/components/PageHeader';
import { ReadOnlyFields } from '@renderer/components/ReadOnly';
import { SaveBar } from '@renderer/components/SaveBar';
import { useSavedDraft } from '@renderer/components/savedDraft';
import { useToast } from '@renderer/components/Toast';
import type { FundPlanText } from '@shared/contract/fund';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatTimestamp } from '@shared/format';
import { EMPTY_PLAN_SECTIONS, PLAN_SECTIONS, type PlanSections } from '@shared/fund/plan-text';
import { useNewestPlannedYear } from './useNewestPlannedYear';

const planPath = (fy: number) => `/fund/plan/${fy}`;

/** The chapters in print order, each with its sections. */
const CHAPTERS = [...new Set(PLAN_SECTIONS.map((s) => s.chapter))].map((chapter) => ({
  chapter,
  sections: PLAN_SECTIONS.filter((s) => s.chapter === chapter),
}));

function AreasTable({ areas }: { areas: FundPlanText['areas'] }) {
  return (
    <div className="fund-plan__areas">
      <p className="muted">
        区域（二次医療圏）と構成市町村は台帳から印字します（読み取り専用）。変えるときは
        <Link to="/masters/areas">台帳の圏域</Link>を直してください。
      </p>
      {areas.length === 0 ? (
        <p className="empty">台帳に二次医療圏がありません。</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>区域</th>
              <th>構成市町村</th>
            </tr>
          </thead>
          <tbody>
            {areas.map((a) => (
              <tr key={a.name}>
                <th scope="row">{a.name}</th>
                <td>{a.municipalities.join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function Versions({ text, onShow }: { text: FundPlanText; onShow(version: number): void }) {
  return (
    <section className="card" aria-labelledby="fund-plan-versions">
      <h2 id="fund-plan-versions">版の履歴</h2>
      {text.versions.length === 0 ? (
        <p className="empty">まだ保存されていません。保存すると第1版になります。</p>
      ) : (
        <ol className="fund-plan__versions" reversed>
          {[...text.versions].reverse().map((v) => (
            <li key={v.version} aria-current={v.version === text.current?.version ? 'true' : undefined}>
              <strong>第{v.version}版</strong>
              {v.version === text.current?.version ? (
                <span className="badge">最新</span>
              ) : (
                <button type="button" className="button button--secondary button--small" onClick={() => onShow(v.version)}>
                  表示
                </button>
              )}
              <span>{formatTimestamp(v.savedAt)}</span>
              <span className="muted">{v.savedBy || '（記録なし）'}</span>
            </li>
          ))}
        </ol>
      )}
      <p className="muted">保存するたびに新しい版になり、前の版も残ります（監査ログにも記録）。</p>
    </section>
  );
}

/** An earlier version's text, read-only; its text can be copied into the form to be saved as the next version. */
function OldVersion({ fy, version, onCopy, onClose }: { fy: FiscalYear; version: number; onCopy(s: PlanSections): void; onClose(): void }) {
  const old = useQuery('fund.planText.get', { fiscalYear: fy, version });
  const sections = old.data?.current?.sections;
  return (
    <Drawer
      title={`${formatFiscalYear(fy)}の県計画の本文 第${version}版`}
      onClose={onClose}
      footer={
        <>
          <span className="muted">写したあと保存すると、新しい版になります</span>
          <button type="button" className="button button--secondary" onClick={onClose}>
            閉じる
          </button>
          <button data-edit type="button" className="button" disabled={!sections} onClick={() => sections && onCopy(sections)}>
            この版の文章を編集欄に写す
          </button>
        </>
      }
    >
      {old.error && <ErrorNotice error={old.error} />}
      {sections && (
        <dl className="fund-plan__old">
          {PLAN_SECTIONS.map((s) => (
            <div key={s.key}>
              <dt>{s.heading}</dt>
              <dd>{sections[s.key] || '（未記入）'}</dd>
            </div>
          ))}
        </dl>
      )}
    </Drawer>
  );
}

/** Whether two forms hold the same text in every section. */
function sameSections(a: PlanSections, b: PlanSections): boolean {
  return PLAN_SECTIONS.every((s) => a[s.key] === b[s.key]);
}

function PlanTextForm({ fy, text }: { fy: FiscalYear; text: FundPlanText }) {
  // The text as last read or saved (its version goes with the save), and the sections typed over it.
  const form = useSavedDraft(text, (read) => read.current?.sections ?? EMPTY_PLAN_SECTIONS, sameSections);
  const { draft, setDraft, dirty, saved: initial } = form;
  const { client } = useApi();
  const save = useMutation('fund.planText.save');
  const toast = useToast();
  const [showing, setShowing] = useState<number>();
  // A new reading of the text (a colleague's save, or 元に戻す taking a version back) shows at once in a form nobody
  // is typing in; typing in progress stays, and its save then meets the conflict notice.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new reading of the text is followed, with the form as it is then.
  useEffect(() => {
    if (text.current?.version !== form.record.current?.version && !dirty) form.take(text);
  }, [text]);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!dirty) {
      toast('変更はありません', 'success');
      return;
    }
    const saved = await form.save((sent, from) => save.run({ fiscalYear: fy, sections: sent, version: from.current?.version ?? 0 }));
    if (saved?.current) {
      toast(`${formatFiscalYear(fy)}の計画の本文を第${saved.current.version}版として保存しました`, 'success');
    }
  };

  return (
    <div className="fund-plan__layout">
      <form
        id="fund-plan-form"
        className="stack fund-plan__form"
        onSubmit={submit}
        aria-label={`${formatFiscalYear(fy)}の県計画の本文`}
        data-save-shortcut
      >
        <ReadOnlyFields>
          <LeaveGuard dirty={dirty} what={`${formatFiscalYear(fy)}の県計画の本文`} />
          {CHAPTERS.map(({ chapter, sections }) => (
            <section key={chapter} className="card fund-plan__chapter">
              <h2>{chapter}</h2>
              {sections.map((s) => (
                <div key={s.key} className="fund-plan__section">
                  <Field label={s.heading} error={fieldError(save.error?.error, ['sections', s.key])}>
                    {(p) => (
                      <textarea
                        {...p}
                        name={s.key}
                        rows={s.key === 'implementation' || s.key === 'goals' ? 8 : 5}
                        value={draft[s.key]}
                        onChange={(e) => setDraft({ ...draft, [s.key]: e.target.value })}
                      />
                    )}
                  </Field>
                  {s.key === 'areas' && <AreasTable areas={text.areas} />}
                </div>
              ))}
            </section>
          ))}
          <ConflictNotice
            error={save.error?.error}
            unsaved={PLAN_SECTIONS.filter((s) => draft[s.key] !== initial[s.key])
              .map((s) => `${s.heading}: ${draft[s.key]}`)
              .join('\n')}
            onReload={async () => {
              form.take(await client.call('fund.planText.get', { fiscalYear: fy }));
              save.reset();
            }}
          />
          <FormErrorNotice
            error={isVersionConflict(save.error?.error) ? undefined : save.error?.error}
            fields={PLAN_SECTIONS.map((s) => ['sections', s.key])}
          />
          <SaveBar className="fund-plan__savebar" dirty={dirty} onRevert={() => setDraft(initial)}>
            <button type="submit" className="button" disabled={save.pending}>
              本文を保存する
            </button>
          </SaveBar>
        </ReadOnlyFields>
      </form>
      <aside className="fund-plan__side">
        <Versions text={text} onShow={setShowing} />
      </aside>
      {showing !== undefined && (
        <OldVersion
          fy={fy}
          version={showing}
          onClose={() => setShowing(undefined)}
          onCopy={(sections) => {
            setDraft(sections);
            setShowing(undefined);
            toast(`第${showing}版の文章を編集欄に写しました。保存すると新しい版になります`, 'success');
          }}
        />
      )}
    </div>
  );
}

function PlanTextScreen({ fy }: { fy: FiscalYear }) {
  const mover = useMover();
  const text = useQuery('fund.planText.get', { fiscalYear: fy });
  return (
    <div className="fund-page fund-plan">
      <div className="toolbar fund-toolbar">
        <Link to="/fund" className="button button--secondary">
          ← 予算と執行
        </Link>
        <Field label="年度">{(p) => <FiscalYearSelect {...p} value={fy} onChange={(y) => mover.go(planPath(y))} />}</Field>
        <div className="fund-toolbar__actions">
          <Link to={`/report/view/fund.plan?fy=${fy}`} className="button button--secondary">
            県計画を印刷（PDF）
          </Link>
        </div>
      </div>
      {text.error && <ErrorNotice error={text.error} />}
      {/* A fresh form per year, so another year's text never shows under this one; within a year the form follows new versions itself. */}
      {text.data && <PlanTextForm key={fy} fy={fy} text={text.data} />}
    </div>
  );
}

export function PlanTextPage() {
  const param = useParams().fy;
  const newest = useNewestPlannedYear('medical');
  const fy = param === undefined ? undefined : (Number(param) as FiscalYear);
  return (
    <>
      {/* #/fund/plan opens on the newest 年度 with a plan, as the year view does (not once the user has gone elsewhere). */}
      {param === undefined && newest !== undefined && <Redirect to={planPath(newest)} />}
      <PageHeader
        title="基金 県計画（本文）"
        lead="都道府県計画の本文（計画の基本的事項・事業の評価方法など）を年度ごとに書きます。保存するたびに版が残ります。"
      />
      {fy === undefined || Number.isNaN(fy) ? <p className="muted">読み込み中…</p> : <PlanTextScreen key={fy} fy={fy} />}
    </>
  );
}
