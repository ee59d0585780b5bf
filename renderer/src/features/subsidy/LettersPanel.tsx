/**
 * 「文書を作成」: the subsidy's letters for one center or all centers of the
 * year. A letter the prefecture sends first takes its 文書番号 from the
 * register of the 年度 it is dated in (set here when that year has none yet),
 * which for a late letter is the next year's; then the letters
 * come out as one PDF or one workbook, counted letter by letter with 中止 as
 * the pack is. 医師会・事務局 is offered the letters its centers submit only,
 * and neither the register nor its numbers.
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { OpFailure } from '@renderer/api/client';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { ConflictNotice } from '@renderer/components/ConflictNotice';
import { DateField } from '@renderer/components/DateField';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field, fieldError } from '@renderer/components/Field';
import { JobCancelled, JobProgress, useJob, wasCancelled } from '@renderer/components/JobProgress';
import { MissingCharactersNotice } from '@renderer/components/MissingCharactersNotice';
import { may, useRole } from '@renderer/components/Permitted';
import { useToast } from '@renderer/components/Toast';
import { saveFile } from '@renderer/lib/files';
import type { ReportFormat } from '@shared/contract';
import {
  type DocumentRegister,
  type DocumentRegisterEntry,
  isIssuedLetter,
  LETTER_KINDS,
  LETTER_LABELS,
  type LetterKind,
  letterSetName,
  type StepKind,
  suggestedLetterDate,
} from '@shared/contract/subsidy';
import { type IsoDate, isoDateOfLocal } from '@shared/dates';
import { allowedDates, type FiscalYear, fiscalYearOf, fiscalYearStart, formatFiscalYear } from '@shared/fiscal-year';
import { parseCountText } from '@shared/numbers';
import { formatWareki } from '@shared/wareki';
import { subsidyPath } from './labels';

const wareki = (date: string) => (date ? formatWareki(date as Parameters<typeof formatWareki>[0]) : '');

/**
 * The typed next number as the other number fields read it (１００１, 1,001, 1001号), or why it is none.
 * @example nextNumberOf('１，００１') // 1001
 */
function nextNumberOf(text: string): number | string {
  try {
    return parseCountText(text, undefined, '号') ?? '次の番号を入力してください（例: 1001）';
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * The year's prefix and next number, when the year has no register yet. It sends the version read with "none", so
 * when a colleague set the year's numbers meanwhile, this is refused instead of restarting their numbering.
 */
function SeriesForm({ fiscalYear, version }: { fiscalYear: number; version: number }) {
  const { invalidate } = useApi();
  const save = useMutation('subsidy.register.save');
  const [prefix, setPrefix] = useState('');
  // Empty, like the 頭書き beside it, with the example above: digits typed after a pre-filled 「1」 made 1001 into 第11001号.
  const [next, setNext] = useState('');
  // What the field itself could not read, said under it before anything is sent.
  const [nextProblem, setNextProblem] = useState<string>();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const nextNumber = nextNumberOf(next);
    setNextProblem(typeof nextNumber === 'string' ? nextNumber : undefined);
    if (typeof nextNumber === 'number') void save.run({ fiscalYear, prefix, nextNumber, version });
  };
  return (
    <form className="subsidy-letters__series" onSubmit={submit} aria-label="文書番号の設定">
      <ConflictNotice error={save.error?.error} onReload={invalidate} unsaved={`頭書き: ${prefix}\n次の番号: ${next}`} />
      <p className="muted">
        {formatFiscalYear(fiscalYear as FiscalYear)}の文書番号の頭書きと最初の番号を決めてください（一度使った番号は再び使いません）。
      </p>
      <div className="subsidy-letters__fields">
        <Field label="頭書き" hint="県の文書記号（例: 〇医政第）" error={fieldError(save.error?.error, 'prefix')}>
          {(p) => <input {...p} value={prefix} onChange={(e) => setPrefix(e.target.value)} maxLength={20} />}
        </Field>
        <Field label="次の番号" hint="例: 1001" error={nextProblem ?? fieldError(save.error?.error, 'nextNumber')}>
          {(p) => <input {...p} inputMode="numeric" value={next} onChange={(e) => setNext(e.target.value)} />}
        </Field>
        <button type="submit" className="button button--secondary" disabled={save.pending}>
          文書番号を設定
        </button>
      </div>
    </form>
  );
}

const NUMBERING = '県の発出文書には、作成のときに文書の日付の年度の文書番号台帳から番号を取ります';

/**
 * What the user is told when letters numbered before keep their date and number rather than the date given:
 * 「作成済み：令和6年3月1日付け 新医薬第1001号のまま作成しました…」.
 */
function keptNote(entries: readonly DocumentRegisterEntry[], date: string): string | null {
  const kept = entries.filter((e) => e.issuedOn !== date);
  const [first] = kept;
  if (!first) return null;
  const was = `${wareki(first.issuedOn)}付け ${first.documentNumber}`;
  const why = `文書番号と日付は一度付けたら変わらないため、文書の日付 ${wareki(date)} は使っていません。`;
  return kept.length === 1
    ? `作成済み：${was}のまま作成しました。${why}`
    : `作成済みの${kept.length}通は、前の日付・文書番号のまま作成しました（${was} ほか）。${why}`;
}

interface LettersProps {
  fiscalYear: number;
  center?: { id: number; name: string };
  /** The kind and date of the steps of the centers the letters go to; a letter's date starts at its step's. */
  steps: readonly { kind: StepKind; datedOn: string }[];
}

/**
 * The panel with the letters the signed-in person may make (the permission table decides, as the core does), and
 * the year's register where they may read it; nothing until the role is known, nor where no letter is theirs.
 */
export function LettersPanel(props: LettersProps) {
  const role = useRole();
  if (!role) return null;
  const kinds = LETTER_KINDS.filter((k) => may(role, 'report.set', { name: letterSetName(k) }));
  if (kinds.length === 0) return null;
  // The association's letters go to the centers it runs, all of which the year's list shows it.
  const everyCenter = role === 'assoc' ? '運営する全センター' : '全センター';
  return <LettersForm {...props} kinds={kinds} everyCenter={everyCenter} readsRegister={may(role, 'subsidy.register.get')} />;
}

/** The register of the year, handed to what is drawn with it: undefined while it is read. */
function WithRegister({ fiscalYear, children }: { fiscalYear: number; children: (register: DocumentRegister | undefined) => ReactNode }) {
  const register = useQuery('subsidy.register.get', { fiscalYear });
  return children(register.data);
}

/**
 * The 年度 whose register numbers a letter of this date: the one it is dated in (文書管理 numbers by the year of issue);
 * the subsidy's year while the date is not a whole one.
 * @example seriesYearOf('2024-05-20', 2023) // 2024
 */
function seriesYearOf(date: string, fiscalYear: number): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return fiscalYear;
  try {
    return fiscalYearOf(date as IsoDate);
  } catch {
    return fiscalYear;
  }
}

/** `readsRegister`: whether the person may read the register (no issued letter is offered otherwise). */
function LettersForm({
  fiscalYear,
  center,
  steps,
  kinds,
  everyCenter,
  readsRegister,
}: LettersProps & { kinds: readonly LetterKind[]; everyCenter: string; readsRegister: boolean }) {
  const { client } = useApi();
  const toast = useToast();
  const job = useJob();
  const issue = useMutation('subsidy.letters.issue');
  const [kind, setKind] = useState<LetterKind>(kinds.includes('decision') ? 'decision' : kinds[0]!);
  // null: the date of the step the letter reports, until the user types one.
  const [typedDate, setDate] = useState<string | null>(null);
  const date = typedDate ?? suggestedLetterDate(fiscalYear, kind, steps, isoDateOfLocal(new Date()));
  const allowed = allowedDates(fiscalYear as FiscalYear, 'subsidyStep');
  const [dueOn, setDueOn] = useState('');
  const [error, setError] = useState<OpFailure>();
  const [kept, setKept] = useState<string | null>(null);
  // The PDF just made, when it prints characters as 〓: what it was and where they are stay on screen until the next.
  const [printed, setPrinted] = useState<{ made: string; warnings: string[] } | null>(null);
  const issued = isIssuedLetter(kind);
  const seriesYear = seriesYearOf(date, fiscalYear);
  const target = center ? center.name : everyCenter;
  const cancelled = wasCancelled(error);

  const make = async (format: ReportFormat) => {
    setError(undefined);
    setKept(null);
    setPrinted(null);
    const centerIds = center ? [center.id] : [];
    if (issued) {
      const entries = await issue.run({ fiscalYear, kind, centerIds, date, ...(kind === 'refund_order' && dueOn ? { dueOn } : {}) });
      if (!entries) return;
      setKept(keptNote(entries, date));
    }
    try {
      const file = await job.run((options) =>
        client.call('report.set', { name: letterSetName(kind), fy: fiscalYear, centerIds, format }, options),
      );
      saveFile(file);
      const made = `${target}の${LETTER_LABELS[kind]}を作成しました（${file.fileName}）`;
      if (file.warnings.length > 0) setPrinted({ made, warnings: file.warnings });
      else toast(made, 'success');
    } catch (e) {
      setError(e instanceof OpFailure ? e : new OpFailure({ code: 'internal', message: String(e) }));
    }
  };

  /** `register`: the series' year's, undefined while it is read, null where the person may not read it. */
  const form = (register: DocumentRegister | null | undefined) => {
    const needsSeries = issued && register?.prefix === null;
    return (
      <section className="subsidy-letters" aria-label="文書を作成">
        <h3 className="subsidy-letters__title">文書を作成（{target}）</h3>
        <div className="subsidy-letters__row">
          <Field label="文書">
            {(p) => (
              <select
                {...p}
                value={kind}
                onChange={(e) => {
                  setKind(e.target.value as LetterKind);
                  setDate(null);
                  setKept(null);
                  setPrinted(null);
                }}
              >
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {LETTER_LABELS[k]}
                    {isIssuedLetter(k) ? '（県が発出・文書番号）' : '（センターが提出）'}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {issued && (
            <Field label="文書の日付" error={fieldError(issue.error?.error, 'date')}>
              {(p) => (
                <DateField
                  {...p}
                  min={allowed.from}
                  max={allowed.to}
                  reference={fiscalYearStart(fiscalYear as FiscalYear)}
                  value={date}
                  onChange={setDate}
                />
              )}
            </Field>
          )}
          {kind === 'refund_order' && (
            <Field label="返還期限" hint="空欄なら日付の20日後">
              {(p) => <DateField {...p} value={dueOn} onChange={setDueOn} />}
            </Field>
          )}
          {/* A letter the prefecture issues takes a 文書番号: an edit; one a center submits is only printed. */}
          <div className="subsidy-letters__actions" data-edit={issued ? '' : undefined}>
            <button type="button" className="button" disabled={job.running || issue.pending} onClick={() => void make('pdf')}>
              文書を作成（PDF）
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={job.running || issue.pending}
              onClick={() => void make('xlsx')}
            >
              Excel で作成
            </button>
          </div>
        </div>
        {/* Only a letter without a number needs the series: one numbered before prints again without it. */}
        {needsSeries && <SeriesForm key={seriesYear} fiscalYear={seriesYear} version={register.version} />}
        {/* What a letter made before keeps is said once: with what to do first while the date's year has no series. */}
        <p className="muted subsidy-letters__note">
          {!issued
            ? 'センターが提出する書類は、手続きに入力した日付・番号で作成します。'
            : needsSeries
              ? `${NUMBERING}。新しく番号を取る文書は、上で番号を設定してから作成してください。作成済みの文書は、前の日付・文書番号のまま作成できます。`
              : `${NUMBERING}（作成済みの文書は同じ番号のまま）。${register?.prefix ? `次の番号：${seriesYear === fiscalYear ? '' : `${formatFiscalYear(seriesYear as FiscalYear)}の`}${register.prefix}${register.nextNumber}号` : ''}`}{' '}
          {register !== null && <Link to={subsidyPath.report('subsidy.register', issued ? seriesYear : fiscalYear)}>文書番号台帳</Link>}
        </p>
        {kept && (
          <p className="notice" role="status">
            {kept}
          </p>
        )}
        {printed && (
          <MissingCharactersNotice
            warnings={printed.warnings}
            lead={`${printed.made}。〓 と印刷された字があります。`}
            testId="letters-warnings"
          />
        )}
        <JobProgress job={job} label="文書を作成しています" counted />
        {cancelled && (
          <JobCancelled>
            中止しました。ファイルは作っていません。
            {issued ? '取った文書番号は台帳に残り、もう一度作成すると同じ番号で作ります。' : ''}
            作成するときは、もう一度「文書を作成（PDF）」か「Excel で作成」を押してください。
          </JobCancelled>
        )}
        {/* A wrong date is told at its field. */}
        {issue.error && !fieldError(issue.error.error, 'date') && <ErrorNotice error={issue.error} title="文書番号を取れませんでした。" />}
        {error && !cancelled && <ErrorNotice error={error} title="文書を作成できませんでした。" />}
      </section>
    );
  };
  return readsRegister ? <WithRegister fiscalYear={seriesYear}>{form}</WithRegister> : form(null);
}
