/**
 * Returned forms coming back in a batch: many files (or a folder) chosen,
 * each matched to its target and checked — accepted, with warnings, with
 * errors at their sheet and cell, or refused with the reason — then the
 * ticked files saved, each file whole or not at all, the answer a file
 * replaces kept in the history.
 */
import { useEffect, useRef, useState } from 'react';
import { OpFailure } from '@renderer/api/client';
import { useApi, useMutation } from '@renderer/api/hooks';
import { Field } from '@renderer/components/Field';
import { FileField } from '@renderer/components/FileField';
import { JobProgress, useJob, wasCancelled } from '@renderer/components/JobProgress';
import { useErrorToast, useToast } from '@renderer/components/Toast';
import { readAsBase64 } from '@renderer/lib/files';
import { ANSWER_SOURCE_LABELS, type SurveyRoundDetail } from '@shared/contract/survey';
import type { SurveyFilePreview, SurveyFilesCommitResult } from '@shared/contract/survey-io';
import { SURVEY_FILE_STATUS_LABELS, SURVEY_FILE_STATUSES, type SurveyFileStatus } from '@shared/contract/survey-io';
import { formatNumber, formatTimestamp } from '@shared/format';
import { batches, commitInBatches, type Upload } from './batches';
import { withToggled } from './selection';
import { TargetName } from './TargetName';

const BADGES: Record<SurveyFileStatus, string> = {
  accepted: 'badge',
  warnings: 'badge survey-badge--warning',
  unchanged: 'badge badge--gray',
  errors: 'badge badge--error',
  refused: 'badge badge--error',
};
const takeable = (f: SurveyFilePreview) => f.status === 'accepted' || f.status === 'warnings';

/**
 * The files ticked at first: every one that can be taken, except where another takeable file has the same target
 * (a re-sent copy, often the corrected one): the list's order says nothing of which is right, so the user chooses.
 */
function firstChoice(files: readonly SurveyFilePreview[]): Set<string> {
  const takeableNames = new Set(files.filter(takeable).map((f) => f.fileName));
  return new Set(files.filter((f) => takeable(f) && !f.sameTargetAs.some((n) => takeableNames.has(n))).map((f) => f.fileName));
}

/** The files that repeat a target ticked earlier in the list: only one file per target can be taken. */
function clashes(files: readonly SurveyFilePreview[], chosen: ReadonlySet<string>): Map<string, string> {
  const first = new Map<string, string>();
  const out = new Map<string, string>();
  for (const f of files) {
    if (!chosen.has(f.fileName) || !f.target) continue;
    const earlier = first.get(f.target.id);
    if (earlier) out.set(f.fileName, earlier);
    else first.set(f.target.id, f.fileName);
  }
  return out;
}

/** 「「X」と同じ送り先です」: the server's word on files for one target, or the clash of two ticked ones in different batches. */
function SameTarget({ file, clashesWith }: { file: SurveyFilePreview; clashesWith: string | undefined }) {
  const others = file.sameTargetAs.length > 0 ? file.sameTargetAs : clashesWith ? [clashesWith] : [];
  if (others.length === 0) return null;
  const choose = clashesWith
    ? 'どちらか一方だけを選んでください。'
    : others.length === 1
      ? 'どちらかを選んでください。'
      : 'どれか一つを選んでください。';
  return (
    <span className={clashesWith ? 'field__error' : 'survey-warning'}>
      {others.map((n) => `「${n}」`).join('')}と同じ送り先です。{choose}
    </span>
  );
}

function Problems({ file }: { file: SurveyFilePreview }) {
  const place = (p: SurveyFilePreview['errors'][number]) =>
    p.sheet && p.cell ? `シート「${p.sheet}」${p.cell}` : p.sheet ? `シート「${p.sheet}」` : '';
  return (
    <ul className="plain-list survey-file__problems">
      {file.refusal && <li className={file.status === 'unchanged' ? 'muted' : 'field__error'}>{file.refusal}</li>}
      {file.errors.map((p, i) => (
        <li key={`e${i}`} className="field__error">
          {place(p) && <span className="survey-file__cell">{place(p)}</span>} {p.message}
        </li>
      ))}
      {file.warnings.map((p, i) => (
        <li key={`w${i}`} className="survey-warning">
          {place(p) && <span className="survey-file__cell">{place(p)}</span>} 注意: {p.message}
        </li>
      ))}
      {file.replaces && file.status !== 'unchanged' && (
        <li className="muted">
          いまの回答（{formatTimestamp(file.replaces.savedAt)}・{ANSWER_SOURCE_LABELS[file.replaces.source]}
          {file.replaces.fileName ? `「${file.replaces.fileName}」` : ''}
          {file.replaces.withErrors ? '・要確認' : ''}）を置き換えます。置き換えた回答は履歴に残ります。
        </li>
      )}
    </ul>
  );
}

export function ReturnedFiles({ round }: { round: SurveyRoundDetail }) {
  const { client } = useApi();
  const toast = useToast();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [files, setFiles] = useState<SurveyFilePreview[]>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [reading, setReading] = useState<string>();
  const [readError, setReadError] = useState<string>();
  const [result, setResult] = useState<SurveyFilesCommitResult & { left: number; notSent: string[] }>();
  /** Bumped after a commit, so the file boxes empty and the same files can be chosen again. */
  const [pick, setPick] = useState(0);
  const commit = useMutation('survey.files.commit');
  const job = useJob();
  /** Batches saved by the commit under way: once one is, a later batch's failure is said in the result, not as 「何も書き込んでいません」. */
  const savedBatches = useRef(0);
  useErrorToast(savedBatches.current > 0 ? undefined : commit.error);
  const clash = clashes(files ?? [], chosen);
  const section = useRef<HTMLElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  // The button pressed goes with the list of files: the focus goes to what was taken in, read out from there — unless
  // the officer has gone on elsewhere while it ran.
  useEffect(() => {
    const at = document.activeElement;
    if (result && (at === null || at === document.body || section.current?.contains(at))) resultRef.current?.focus();
  }, [result]);

  /** From a folder only its workbooks are read; Excel's own lock files (~$…) never. */
  const choose = async (list: FileList | null, fromFolder = false) => {
    setFiles(undefined);
    setResult(undefined);
    setReadError(undefined);
    const picked = [...(list ?? [])].filter((f) => !f.name.startsWith('~$') && (!fromFolder || /\.xlsx$/i.test(f.name)));
    if (picked.length === 0) {
      if (list && list.length > 0)
        setReadError('選んだフォルダに Excel ブック（.xlsx）がありません。回収した調査票を入れたフォルダを選んでください。');
      return;
    }
    try {
      setReading(`${formatNumber(picked.length)}ファイルを読み込んでいます…`);
      const read: Upload[] = [];
      // A folder's files are named by their path inside it, so two of the same name in subfolders stay apart.
      for (const f of picked) read.push({ fileName: f.webkitRelativePath || f.name, data: await readAsBase64(f) });
      setReading(`${formatNumber(read.length)}ファイルを確かめています…`);
      const previews: SurveyFilePreview[] = [];
      await job.run(async (options) => {
        for (const batch of batches(read))
          previews.push(...(await client.call('survey.files.preview', { roundId: round.id, files: batch }, options)).files);
      });
      setUploads(read);
      setFiles(previews);
      setChosen(firstChoice(previews));
    } catch (error) {
      setReadError(error instanceof OpFailure ? error.message : String(error));
    } finally {
      setReading(undefined);
    }
  };

  const doCommit = async () => {
    const picked = uploads.filter((u) => chosen.has(u.fileName));
    let outcome: Awaited<ReturnType<typeof commitInBatches>> | undefined;
    await job.run(async (options) => {
      savedBatches.current = 0;
      outcome = await commitInBatches(picked, async (batch) => {
        const done = await commit.run({ roundId: round.id, files: batch }, options);
        if (done) savedBatches.current += 1;
        return done;
      });
    });
    const last = outcome?.last;
    if (!outcome || !last) return;
    const { saved, skipped, notSent } = outcome;
    const notSentNames = new Set(notSent.map((u) => u.fileName));
    setResult({ ...last, saved, skipped, left: uploads.length - picked.length, notSent: [...notSentNames] });
    if (notSent.length > 0) {
      // Stopped part way: what was saved is said above; the files not sent stay listed and ticked, to be taken again.
      setUploads((list) => list.filter((u) => notSentNames.has(u.fileName)));
      setFiles((list) => list?.filter((f) => notSentNames.has(f.fileName)));
      setChosen(notSentNames);
    } else {
      setFiles(undefined);
      setUploads([]);
      setPick((n) => n + 1);
    }
    toast(`${formatNumber(saved.length)}ファイルの回答を取り込みました（${last.tracker.label}）`, 'success');
  };

  const counts = Object.fromEntries(SURVEY_FILE_STATUSES.map((s) => [s, (files ?? []).filter((f) => f.status === s).length])) as Record<
    SurveyFileStatus,
    number
  >;

  return (
    <section data-edit="association" className="card survey-return" aria-labelledby="survey-return-title" ref={section}>
      <div className="card__head">
        <h2 id="survey-return-title">回収した調査票を取り込む</h2>
        <span className="muted">ファイルごとに、全部取り込むか取り込まないかのどちらかです</span>
      </div>
      <div className="toolbar survey-return__tools" key={pick}>
        <Field label="回収した調査票（.xlsx、複数選べます）" hint="Ctrl や Shift を押しながら選ぶと、複数のファイルを一度に選べます">
          {(p) => <FileField {...p} multiple accept=".xlsx,.xlsm,.xls,.csv" onChange={(files) => void choose(files)} />}
        </Field>
        <Field label="フォルダごと選ぶ" hint="フォルダの中の調査票をすべて読み込みます">
          {(p) => <FileField {...p} directory onChange={(files) => void choose(files, true)} />}
        </Field>
      </div>
      {job.running ? (
        <JobProgress job={job} label={reading ?? '取り込んでいます'} />
      ) : (
        reading && (
          <p className="muted" role="status">
            {reading}
          </p>
        )
      )}
      {readError && (
        <div className="notice notice--error" role="alert">
          {readError}
        </div>
      )}
      {files && (
        <div className="survey-return__preview">
          <p className="chips" data-testid="survey-files-counts">
            {SURVEY_FILE_STATUSES.map((s) => (
              <span key={s} className={counts[s] > 0 ? BADGES[s] : 'badge badge--gray'}>
                {SURVEY_FILE_STATUS_LABELS[s]} {formatNumber(counts[s])}
              </span>
            ))}
          </p>
          <div className="table-wrap">
            <table className="table" aria-label="取り込むファイル">
              <thead>
                <tr>
                  <th>取り込む</th>
                  <th>ファイル</th>
                  <th>送り先</th>
                  <th>状態</th>
                  <th>内容（シート・セルと理由）</th>
                </tr>
              </thead>
              <tbody>
                {files.map((f) => (
                  <tr
                    key={f.fileName}
                    data-file={f.fileName}
                    className={f.status === 'errors' || f.status === 'refused' ? 'survey-file--blocked' : undefined}
                  >
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${f.fileName}を取り込む`}
                        disabled={!takeable(f)}
                        checked={chosen.has(f.fileName)}
                        onChange={(e) => setChosen((s) => withToggled(s, f.fileName, e.target.checked))}
                      />
                    </td>
                    <td className="survey-file__name">{f.fileName}</td>
                    <td className="survey-file__target">
                      {f.target ? <TargetName target={f.target} /> : <span className="muted">（不明）</span>}
                    </td>
                    <td className="nowrap">
                      <span className={BADGES[f.status]}>{SURVEY_FILE_STATUS_LABELS[f.status]}</span>
                    </td>
                    <td>
                      <Problems file={f} />
                      <SameTarget file={f} clashesWith={clash.get(f.fileName)} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="actions survey-return__commit">
            <button
              type="button"
              className="button"
              disabled={chosen.size === 0 || clash.size > 0 || commit.pending}
              onClick={() => void doCommit()}
            >
              {commit.pending ? '取り込み中…' : `選んだ ${formatNumber(chosen.size)} ファイルを取り込む`}
            </button>
            <span className="muted">
              誤りのあるファイル、取り込めないファイル、いまの回答と同じファイルは選べません。誤りのある調査票は、直したものを返送してもらってから取り込んでください。
            </span>
          </div>
        </div>
      )}
      {result && (
        <div className="notice survey-return__result" role="status" data-testid="survey-files-result" ref={resultRef} tabIndex={-1}>
          <strong>
            {formatNumber(result.saved.length)}ファイルを取り込みました（{result.tracker.label}）。
          </strong>
          {result.saved.length > 0 && (
            <ul className="plain-list">
              {result.saved.map((s) => (
                <li key={s.fileName}>
                  <TargetName target={s.target} />: 「{s.fileName}」{s.replaced ? '（前の回答を置き換え）' : ''}
                  {s.record.warnings.length > 0 && `・注意 ${s.record.warnings.length} 件`}
                </li>
              ))}
            </ul>
          )}
          {result.notSent.length > 0 && (
            <p className="field__error">
              {wasCancelled(commit.error) ? '中止したため' : `途中でエラーになったため（${commit.error?.message ?? ''}）`}、
              {formatNumber(result.notSent.length)} ファイル（「{result.notSent[0]}」{result.notSent.length > 1 ? 'ほか' : ''}
              ）は取り込んでいません。一覧に残しましたので、もう一度取り込んでください。
            </p>
          )}
          {result.left > 0 && (
            <p className="muted">
              選ばなかった {formatNumber(result.left)} ファイルは取り込んでいません。直した調査票が届いたら、あらためて選んでください。
            </p>
          )}
          {result.skipped.length > 0 && (
            <ul className="plain-list">
              {result.skipped.map((s) => (
                <li key={s.fileName} className="field__error">
                  「{s.fileName}」: {s.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
