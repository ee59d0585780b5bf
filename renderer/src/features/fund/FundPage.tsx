/**
 * 基金: the year view of the fund plan — 医療分 or 介護分, a 年度 and one of its
 * budget versions — with the projects by 区分 edited in place, the year's
 * problems, budget against spending per 区分, the comparison of two versions
 * and the fund's balance year by year. The plan's narrative of the year is
 * written on its own page (PlanTextPage.tsx).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { OpFailure } from '@renderer/api/client';
import { useApi, useMutation, useQuery } from '@renderer/api/hooks';
import { ConfirmDialog } from '@renderer/components/ConfirmDialog';
import { ConflictNotice, isVersionConflict } from '@renderer/components/ConflictNotice';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field } from '@renderer/components/Field';
import { FiscalYearSelect } from '@renderer/components/FiscalYearSelect';
import { LeaveGuard } from '@renderer/components/LeaveGuard';
import { Options } from '@renderer/components/Options';
import { PageHeader } from '@renderer/components/PageHeader';
import { useReadOnly } from '@renderer/components/ReadOnly';
import { SentPackNotice } from '@renderer/components/SentPackNotice';
import { useToast } from '@renderer/components/Toast';
import type { OpError } from '@shared/contract';
import { FUND_SIDE_LABELS, FUND_SIDES, type FundProject, type FundSide, type FundYearResult } from '@shared/contract/fund';
import type { IsoDate } from '@shared/dates';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import { formatYen } from '@shared/format';
import { lineAmounts, type ProjectAmounts } from '@shared/fund/amounts';
import { recomputeYearView } from '@shared/fund/year';
import { yen } from '@shared/money';
import { readAmountText } from '@shared/numbers';
import { formatWareki } from '@shared/wareki';
import { AddToVersion } from './AddToVersion';
import { type AmountLine, type EditableField, editedLine } from './amountLine';
import { BalanceTable } from './BalanceTable';
import { BudgetChart } from './BudgetChart';
import { ComparePanel } from './ComparePanel';
import {
  type MoneyUnit,
  PLAUSIBLE_YEN_FLOOR,
  SEN_YEN_CEILING,
  type SenYenSlip,
  senYenSlip,
  TYPED_UNITS,
  UNIT_LABELS,
  unitNote,
  unitSlipWarning,
} from './money';
import { ProjectDrawer } from './ProjectDrawer';
import { ProjectImport } from './ProjectImport';
import { oneQuestion, type Question } from './question';
import { useNewestPlannedYear } from './useNewestPlannedYear';
import { VersionForm } from './VersionForm';
import { type CommitCell, YearTable } from './YearTable';

function Toggle<T extends string>({
  legend,
  name,
  options,
  labels,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  options: readonly T[];
  labels: Record<T, string>;
  value: T;
  onChange(v: T): void;
}) {
  return (
    <fieldset className="fund-toggle">
      <legend>{legend}</legend>
      <div className="fund-toggle__options">
        {options.map((o) => (
          <label key={o} className={o === value ? 'fund-toggle__option fund-toggle__option--on' : 'fund-toggle__option'}>
            <input type="radio" name={name} value={o} checked={o === value} onChange={() => onChange(o)} />
            {labels[o]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * What the screen asks before going on: before throwing a held 流用 line away, or before saving a figure typed bare in
 * the 千円 view that reads a thousand times larger than the officer likely meant (`named` is the project and field).
 */
type Asked = { held: HeldLoss } | { slip: SenYenSlip; named: string; typed: string };

type StoredLine = FundYearResult['amounts'][number];

/** What would throw a held 流用 line away, as the question before it says it. */
type HeldLoss = 'move' | 'import';
const HELD_LOSS: Record<HeldLoss, { confirm: string; loss: string }> = {
  move: { confirm: '保存せずに移動する', loss: '移動すると入力した内容は失われます。' },
  import: {
    confirm: '保存せずに取り込む',
    loss: 'Excel から取り込むと、この版の金額はファイルの金額になり、入力した内容は失われます。',
  },
};

/**
 * A line shown before the core has answered for it: typed and being saved, or
 * `saved` and shown until the year is read at its version or a later one — a
 * reading asked before the save may come after it, and must not bring the old
 * figures back for a moment.
 */
interface PendingLine {
  line: StoredLine;
  saved?: boolean;
}

/** A line as shown, or as this screen last saved it when that is newer (an undo since moves the shown one past it). */
function newestOf(savedHere: StoredLine | undefined, shown: StoredLine | undefined): StoredLine | undefined {
  return savedHere && (!shown || savedHere.version > shown.version) ? savedHere : shown;
}

/** Whether the year as read has caught up with a saved line shown ahead of it (the line is gone, or at its version or later). */
function caughtUp(key: string, p: PendingLine, year: FundYearResult | undefined): boolean {
  if (!p.saved || !year) return false;
  const read = year.amounts[Number(key.split(':')[1])];
  return read === undefined || read.version >= p.line.version;
}

/** The amounts the core will store for a line it accepts; undefined for a figure it will refuse (it says why). */
function savedAmounts(line: AmountLine): ProjectAmounts | undefined {
  const figures = [line.fundAmount, line.otherAmount, line.publicAmount, line.privateAmount, line.entrustedAmount];
  if (!figures.every((n) => Number.isSafeInteger(n) && n >= 0)) return undefined;
  try {
    return lineAmounts(line);
  } catch {
    return undefined;
  }
}

function YearScreen({ initialYear }: { initialYear: FiscalYear }) {
  const readOnly = useReadOnly();
  const [side, setSide] = useState<FundSide>('medical');
  const [fy, setFy] = useState(initialYear);
  const [versionId, setVersionId] = useState<number>();
  const [unit, setUnit] = useState<MoneyUnit>('yen');
  const [adding, setAdding] = useState(false);
  /** The latest version whose date and reason are being corrected. */
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [importing, setImporting] = useState(false);
  /** A cell's save refused over someone else's newer change, with what was typed; 再読み込み refetches the year. */
  const [conflict, setConflict] = useState<{ error: OpError; unsaved: string; heading?: string }>();
  /** Bumped by 再読み込み: the table's cells start again from the figures read (their refusals cleared). */
  const [reloads, setReloads] = useState(0);
  /**
   * Each line as it was when one of its cells began to be edited: its save names that version, so a change
   * someone else made meanwhile (arriving on screen or not) is refused rather than written over.
   */
  const editedFrom = useRef(new Map<string, FundYearResult['amounts'][number]>());
  /** Each line as this screen's last save of it wrote it: the screen's figures may not show it yet (a render behind). */
  const savedHere = useRef(new Map<string, FundYearResult['amounts'][number]>());

  /** The project in the drawer: null for a new one, undefined when the drawer is closed. */
  const [drawer, setDrawer] = useState<FundProject | null>();
  const { client, invalidate, started } = useApi();
  const toast = useToast();
  const year = useQuery('fund.year', { side, fiscalYear: fy, ...(versionId !== undefined ? { versionId } : {}) });
  const projects = useQuery('fund.projects.list', { side });
  const numbers = new Map((projects.data ?? []).map((p) => [p.id, p.number]));
  const names = new Map((projects.data ?? []).map((p) => [p.id, p.name]));
  /**
   * Lines typed in the table, by `versionId:projectId`: the total and subtotals follow at once, recomputed here
   * as the core recomputes them, while the save is on its way; a refused save takes its line back out.
   */
  const [pending, setPending] = useState<ReadonlyMap<string, PendingLine>>(new Map());
  const changePending = (key: string, next: PendingLine | undefined) =>
    setPending((map) => {
      const copy = new Map(map);
      if (next) copy.set(key, next);
      else copy.delete(key);
      return copy;
    });
  /**
   * A 流用 typed in the table, cell by cell: the lines that change the year's 基金 total, held here (shown, not sent)
   * until a line typed with them brings the total back, and then saved together — the core refuses a 流用 that
   * changes the total, so the first half of a move could never be saved alone. `difference` is the total's change.
   * `notes` are what to say of the held figures once they are saved (a 千円 figure typed bare in the 円 view), by
   * `projectId:field`.
   */
  const held = useRef<{ versionId: number; lines: Map<number, AmountLine>; notes: Map<string, string> } | null>(null);
  const [heldDifference, setHeldDifference] = useState(0);
  const dropHeld = useCallback(() => {
    const was = held.current;
    held.current = null;
    setHeldDifference(0);
    if (!was) return;
    setPending((map) => {
      const copy = new Map(map);
      for (const projectId of was.lines.keys()) copy.delete(`${was.versionId}:${projectId}`);
      return copy;
    });
  }, []);
  /**
   * What would throw a held 流用 line away — a move off the version on screen (another 区分, 年度 or 版) or an import
   * into it — or save a figure a thousand times larger than meant, waiting for the officer's answer.
   */
  const [asking, setAsking] = useState<Question<Asked>>();
  const [ask] = useState(() => oneQuestion(setAsking));
  /**
   * Whether to go on: at once when no line is held, else once the officer answers (as LeaveGuard asks before another
   * screen); a second ask answers a question still waiting as cancelled.
   */
  const askHeld = (what: HeldLoss): Promise<boolean> => (held.current ? ask({ held: what }) : Promise.resolve(true));
  /** Moves away from the version on screen, asking first while a 流用 line is held. */
  const leaveHeld = (move: () => void) => {
    if (held.current) void askHeld('move').then((go) => go && move());
    else move();
  };
  const fetched = year.data;
  // The year read again after a save: the core's figures replace what was shown ahead of it.
  useEffect(() => {
    setPending((map) => {
      const stale = [...map].filter(([key, p]) => caughtUp(key, p, fetched));
      if (stale.length === 0) return map;
      const copy = new Map(map);
      for (const [key] of stale) copy.delete(key);
      return copy;
    });
  }, [fetched]);
  /** Each shown line ahead of the core, by project id, in the version on screen. */
  const ahead = useMemo(() => {
    const lines = new Map<number, StoredLine>();
    if (!fetched?.version) return lines;
    for (const [key, p] of pending) {
      const [versionId, projectId] = key.split(':').map(Number);
      if (versionId === fetched.version.id && !caughtUp(key, p, fetched)) lines.set(projectId!, p.line);
    }
    return lines;
  }, [pending, fetched]);
  const data = useMemo(
    () =>
      fetched && ahead.size > 0
        ? {
            ...fetched,
            amounts: { ...fetched.amounts, ...Object.fromEntries(ahead) },
            view: recomputeYearView(fetched.view, fetched.amounts, ahead),
          }
        : fetched,
    [fetched, ahead],
  );
  const versions = data?.versions ?? [];
  const remove = useMutation('fund.versions.delete');
  // The version being deleted leaves 版の比較 at once: the screens reload as the delete returns, before the year's
  // versions do, and the comparison would ask once more for a version that is gone. Kept until the list no longer
  // holds it (a new version may later take its id).
  const [removing, setRemoving] = useState<number>();
  if (removing !== undefined && !versions.some((v) => v.id === removing)) setRemoving(undefined);
  const compared = removing === undefined ? versions : versions.filter((v) => v.id !== removing);
  // Only the year's latest version changes; the ones before it are the history officers reported.
  const isLatest = data?.version != null && data.version.id === versions.at(-1)?.id;
  // Held lines belong to the version they were typed in: once another is shown (that one deleted, a version added),
  // they are no longer on screen, and neither is their notice.
  const shownVersionId = data ? (data.version?.id ?? null) : undefined;
  useEffect(() => {
    if (shownVersionId !== undefined && held.current && held.current.versionId !== shownVersionId) dropHeld();
  }, [shownVersionId, dropHeld]);
  /** The held lines as the question before leaving them names them: the version they were typed in. */
  const heldWhat = `${formatFiscalYear(fy)} ${versions.find((v) => v.id === held.current?.versionId)?.label ?? '流用'}の金額`;

  const choose = (next: { side?: FundSide; fy?: FiscalYear }) => leaveHeld(() => chooseNow(next));
  const chooseNow = (next: { side?: FundSide; fy?: FiscalYear }) => {
    if (next.side) setSide(next.side);
    if (next.fy) setFy(next.fy);
    setVersionId(undefined);
    dropHeld();
    setAdding(false);
    setEditing(false);
    setImporting(false);
    setConflict(undefined);
    remove.reset();
  };

  const doDelete = async () => {
    const version = data!.version!;
    setDeleting(false);
    setRemoving(version.id);
    if (await remove.run({ id: version.id })) {
      // A 流用 line held in the version deleted goes with it (the question before deleting said so).
      if (held.current?.versionId === version.id) dropHeld();
      toast(`${formatFiscalYear(fy)}の「${version.label}」を削除しました`, 'success');
      setVersionId(undefined);
      setEditing(false);
    } else setRemoving(undefined);
  };

  /**
   * A line's saves go one after another: a figure typed and saved while the line's previous save is on its way
   * starts from the line that save wrote (it named the version before it and was refused as someone else's change).
   * Not useSavedDraft: the table holds no draft to keep — each cell sends its own figure into a line of the year read
   * whole, shown ahead of it with its totals — so the queue and the line a save starts from are kept per line.
   */
  const saving = useRef(new Map<string, Promise<unknown>>());
  const commit: CommitCell = (projectId, field, text) => {
    const lineKey = `${data?.version?.id}:${projectId}`;
    const queued = (saving.current.get(lineKey) ?? Promise.resolve()).then(() => commitNow(lineKey, projectId, field, text));
    const settled = queued.catch(() => undefined);
    saving.current.set(lineKey, settled);
    void settled.then(() => {
      if (saving.current.get(lineKey) !== settled) return;
      // The last save of the line: the next edit starts from the figures on screen again (an undo moves them on).
      saving.current.delete(lineKey);
      editedFrom.current.delete(lineKey);
    });
    return queued;
  };
  const commitNow = async (lineKey: string, projectId: number, field: EditableField, text: string) => {
    const current = editedFrom.current.get(lineKey) ?? newestOf(savedHere.current.get(lineKey), latest.current.data?.amounts[projectId]);
    if (!data?.version || !current) return undefined;
    const label = field === 'fundAmount' ? '基金充当額' : 'その他';
    const read = readAmountText(text, { label, unit: TYPED_UNITS[unit] });
    if ('problem' in read) return read.problem;
    // A cleared cell is no 0円: as in the subsidy forms, the figure must be typed.
    if (read.value === null) return `${label}を入力してください（ない場合は 0）`;
    const { value } = read;
    if (value === current[field]) return undefined;
    const named = `${names.get(projectId) ?? ''}の${label}`;
    // A 円 figure typed bare in the 千円 view is saved a thousand times larger (85,419,000 as 854億円): one project's
    // figure out of all proportion throws the year's totals, the plan and the reports out, so it is asked before it is
    // sent. The answer waits on a keyboard: Esc or Enter on キャンセル (where the focus starts) leaves it unsaved.
    const tooLarge = unit === 'sen' ? senYenSlip(value, text, SEN_YEN_CEILING) : undefined;
    if (tooLarge && !(await ask({ slip: tooLarge, named, typed: text }))) {
      return `保存していません。円単位なら ${tooLarge.asYen} と「円」を付けて入力してください`;
    }
    // A 千円 figure typed bare in the 円 view is saved as typed, and said once it is (元に戻す or typing again puts
    // it right): a small figure may well be meant.
    const tooSmall =
      unit === 'yen'
        ? unitSlipWarning(named, value, text, PLAUSIBLE_YEN_FLOOR.projectLine, 'saved')?.concat(
            '（表示の単位を「千円」にすると、千円のまま入力できます）',
          )
        : undefined;
    let notes = tooSmall ? [tooSmall] : [];
    // The 事業主体 decides a new line's 公/民, as in the import; the list is read with the year, and 民 until it is.
    const operatorKind = latest.current.projects?.find((p) => p.id === projectId)?.operatorKind ?? 'private';
    const line = editedLine(projectId, current, field, value, operatorKind);
    const shown = savedAmounts(line);
    const splitOverride = line.split !== null;
    if (shown) changePending(lineKey, { line: { ...shown, splitOverride, version: current.version } });
    const versionId = data.version.id;
    let lines = [line];
    const heldHere = held.current?.versionId === versionId ? held.current.lines : undefined;
    // In a 流用, a 基金充当額 that changes the total is held, and so is any other figure of a held line (with it):
    // sent alone, the held line's 基金充当額 would change the total and the edit be refused.
    if (data.version.kind === 'transfer' && shown && (field === 'fundAmount' || heldHere?.has(projectId))) {
      const together = new Map(heldHere ?? []);
      together.set(projectId, line);
      // Said once the held lines are saved, not while they wait (a 流用 left half-typed is never saved).
      const heldNotes = new Map(held.current?.versionId === versionId ? held.current.notes : []);
      if (tooSmall) heldNotes.set(`${projectId}:${field}`, tooSmall);
      else heldNotes.delete(`${projectId}:${field}`);
      const stored = latest.current.fetched?.amounts ?? {};
      let difference = 0;
      for (const [id, l] of together) difference += l.fundAmount - (stored[id]?.fundAmount ?? 0);
      if (difference !== 0) {
        held.current = { versionId, lines: together, notes: heldNotes };
        setHeldDifference(difference);
        return undefined;
      }
      lines = [...together.values()];
      notes = [...heldNotes.values()];
      held.current = null;
      setHeldDifference(0);
    }
    const keyOf = (l: AmountLine) => `${versionId}:${l.projectId}`;
    // A save on its way, as every form's: 元に戻す waits for it rather than taking back the change before it.
    const settled = started();
    try {
      const saved = await client.call('fund.amounts.save', { versionId, lines });
      for (const [i, l] of lines.entries()) {
        // The next edit starts from the line as saved (shown until the year is read again below).
        const figures = { ...saved[i]!, splitOverride: l.split !== null };
        editedFrom.current.delete(keyOf(l));
        savedHere.current.set(keyOf(l), figures);
        changePending(keyOf(l), { line: figures, saved: true });
      }
      invalidate();
      for (const note of notes) toast(note, 'info');
      return undefined;
    } catch (e) {
      for (const l of lines) changePending(keyOf(l), undefined);
      const message = e instanceof OpFailure ? e.message : String(e);
      // A 流用 saved together is refused together: every line it carried is named, none of them kept on screen.
      const stored = latest.current.fetched?.amounts ?? {};
      const grouped = lines.length > 1;
      const notSaved = grouped
        ? `流用の ${lines.length} 行（${lines.map((l) => names.get(l.projectId) ?? '').join('、')}）は保存していません。`
        : '';
      const typed = grouped
        ? lines.map(
            (l) =>
              `${names.get(l.projectId) ?? ''} 基金充当額: ${formatYen(yen(l.fundAmount))}` +
              (l.otherAmount !== stored[l.projectId]?.otherAmount ? `、その他: ${formatYen(yen(l.otherAmount))}` : ''),
          )
        : [`${names.get(projectId) ?? ''} ${label}: ${text}`];
      if (e instanceof OpFailure && isVersionConflict(e.error)) {
        setConflict({
          error: e.error,
          unsaved: typed.join('\n'),
          ...(grouped ? { heading: `保存できませんでした。${notSaved}` } : {}),
        });
        return '保存できませんでした（上のお知らせ）';
      }
      toast(grouped ? `${message} ${notSaved}` : message, 'error');
      return message;
    } finally {
      settled();
    }
  };

  // The table's lines are drawn again only when their figures change: they are given callbacks that stay the same.
  const latest = useRef({ commit, data, fetched, projects: projects.data });
  latest.current = { commit, data, fetched, projects: projects.data };
  const onCommit = useCallback<CommitCell>((...args) => latest.current.commit(...args), []);
  const onEditStart = useCallback((projectId: number) => {
    const { data: shown } = latest.current;
    const key = `${shown?.version?.id}:${projectId}`;
    const line = newestOf(savedHere.current.get(key), shown?.amounts[projectId]);
    if (shown?.version && line) editedFrom.current.set(key, line);
  }, []);
  const onOpen = useCallback((id: number) => setDrawer(latest.current.projects?.find((p) => p.id === id) ?? null), []);

  return (
    <div className="fund-page">
      <div className="toolbar fund-toolbar">
        <Toggle
          legend="基金の区分"
          name="fund-side"
          options={FUND_SIDES}
          labels={FUND_SIDE_LABELS}
          value={side}
          onChange={(s) => choose({ side: s })}
        />
        <Field label="年度">{(p) => <FiscalYearSelect {...p} value={fy} onChange={(y) => choose({ fy: y })} />}</Field>
        <Field label="版">
          {(p) => (
            <select
              {...p}
              value={data?.version?.id ?? ''}
              disabled={versions.length === 0}
              onChange={(e) => {
                const id = Number(e.target.value);
                leaveHeld(() => {
                  dropHeld();
                  setVersionId(id);
                });
              }}
            >
              {versions.length === 0 && <option value="">（まだありません）</option>}
              <Options items={versions} value={(v) => v.id} label={(v) => v.label} />
            </select>
          )}
        </Field>
        <Toggle
          legend="表示の単位"
          name="fund-unit"
          options={['yen', 'sen'] as const}
          labels={UNIT_LABELS}
          value={unit}
          onChange={setUnit}
        />
        <div className="fund-toolbar__actions">
          <Link to={`/fund/plan/${fy}`} className="button button--secondary">
            県計画（本文）
          </Link>
          <button
            data-edit
            type="button"
            className="button button--secondary"
            aria-expanded={adding}
            onClick={() => {
              setEditing(false);
              // A new version is shown once it is added: a 流用 line held in this one is asked about first.
              if (adding) setAdding(false);
              else leaveHeld(() => setAdding(true));
            }}
          >
            ＋ 版を追加
          </button>
          <button
            data-edit
            type="button"
            className="button button--secondary"
            aria-expanded={importing}
            disabled={!data?.version}
            onClick={() => {
              if (importing) setImporting(false);
              // The import writes the version's lines: a 流用 line held over them is asked about first.
              else
                void askHeld('import').then((go) => {
                  if (!go) return;
                  dropHeld();
                  setImporting(true);
                });
            }}
          >
            Excel で取り込む
          </button>
          <button data-edit type="button" className="button" onClick={() => setDrawer(null)}>
            ＋ 事業を追加
          </button>
        </div>
      </div>

      {(adding || (editing && isLatest)) && (
        <VersionForm
          key={editing ? 'edit' : 'add'}
          side={side}
          fiscalYear={fy}
          versions={versions}
          editing={editing ? data!.version! : undefined}
          onSaved={() => {
            setVersionId(undefined);
            setAdding(false);
            setEditing(false);
          }}
          onCancel={() => {
            setAdding(false);
            setEditing(false);
          }}
        />
      )}
      {importing && data?.version && (
        <ProjectImport
          side={side}
          fiscalYear={fy}
          version={data.version}
          // A line held since the import was opened is asked about before the import writes over it.
          beforeCommit={async () => {
            const go = await askHeld('import');
            if (go) dropHeld();
            return go;
          }}
          onDone={() => setImporting(false)}
        />
      )}
      {year.error && <ErrorNotice error={year.error} />}
      {data && !data.version && (
        <div className="notice">
          {FUND_SIDE_LABELS[side]}の{formatFiscalYear(fy)}の計画はまだありません。「版を追加」から当初予算を作成してください。
        </div>
      )}
      {data?.version && (
        <div className="stack">
          <SentPackNotice fiscalYear={fy} />
          <div className="fund-version" data-testid="fund-version">
            <strong>
              {formatFiscalYear(fy)} {data.version.label}
            </strong>
            <span>{formatWareki(data.version.datedOn as IsoDate)}</span>
            {data.version.reason && <span className="muted">{data.version.reason}</span>}
            {isLatest ? (
              <span className="fund-version__actions" data-edit>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  aria-expanded={editing}
                  onClick={() => {
                    setAdding(false);
                    setEditing((e) => !e);
                  }}
                >
                  日付・理由を直す
                </button>
                <button type="button" className="button button--secondary button--small" onClick={() => setDeleting(true)}>
                  この版を削除…
                </button>
              </span>
            ) : (
              <span className="badge badge--gray" title="過去の版は読み取り専用です。変えるときは最新の版を選んでください">
                過去の版（読み取り専用）
              </span>
            )}
          </div>
          {remove.error && (
            <div className="notice notice--error" role="alert">
              {remove.error.message}
            </div>
          )}
          {data.view.problems.length > 0 && (
            <div className="notice fund-problems" role="status" aria-label="確認が必要な点">
              <strong>確認が必要な点が {data.view.problems.length} 件あります</strong>
              <ul>
                {data.view.problems.map((p) => (
                  <li key={p.message}>{p.message}</li>
                ))}
              </ul>
            </div>
          )}
          <div>
            <p className="fund-table-note">
              <span>{unitNote(unit)}</span>
              <span>
                {readOnly
                  ? ''
                  : isLatest
                    ? `基金充当額・その他のセルは、選んで数字を入力し Enter で保存します（${unit === 'sen' ? '千円単位。84,586.5 のように小数で円まで入力できます' : '円単位'}。Esc で取り消し、↑↓ で行を移動）。`
                    : '過去の版は読み取り専用です（報告した履歴が変わらないように）。金額を変えるときは最新の版を選んでください。'}
                国 = 基金充当額 × 2/3（1円未満切り捨て）、県はその残り。
              </span>
            </p>
            {heldDifference !== 0 && (
              <div className="notice fund-problems fund-held" role="status" aria-label="流用の途中">
                <span>
                  流用の途中です。基金充当額の合計が {formatYen(yen(Math.abs(heldDifference)))}{' '}
                  {heldDifference > 0 ? '増えています' : '減っています'}
                  （まだ保存していません）。付け替える先の事業の基金充当額を入力すると、合計が元に戻ったところでまとめて保存します。
                </span>
                <button type="button" className="button button--secondary button--small" onClick={dropHeld}>
                  入力を取り消す
                </button>
              </div>
            )}
            <ConflictNotice
              error={conflict?.error}
              unsaved={conflict?.unsaved}
              {...(conflict?.heading ? { heading: conflict.heading } : {})}
              onReload={() => {
                setConflict(undefined);
                editedFrom.current.clear();
                setReloads((n) => n + 1);
                invalidate();
              }}
            />
            <YearTable
              key={reloads}
              view={data.view}
              numbers={numbers}
              unit={unit}
              readOnly={!isLatest || readOnly}
              onCommit={onCommit}
              onEditStart={onEditStart}
              onOpen={onOpen}
            />
            {isLatest && (
              <AddToVersion versionId={data.version.id} projects={(projects.data ?? []).filter((p) => !(p.id in data.amounts))} />
            )}
          </div>
          <BudgetChart view={data.view} unit={unit} />
          {compared.length >= 2 && <ComparePanel key={`${side}-${fy}-${compared.length}`} versions={compared} names={names} unit={unit} />}
        </div>
      )}
      <div className="fund-balance">
        <BalanceTable key={side} side={side} unit={unit} year={fy} />
      </div>
      <LeaveGuard dirty={() => held.current !== null} what={heldWhat} />
      {asking && 'held' in asking.what && (
        <ConfirmDialog
          title="保存していない変更があります"
          confirmLabel={HELD_LOSS[asking.what.held].confirm}
          danger
          onConfirm={() => asking.answer(true)}
          onCancel={() => asking.answer(false)}
        >
          <p>
            「{heldWhat}」に入力した内容は保存されていません。{HELD_LOSS[asking.what.held].loss}
          </p>
        </ConfirmDialog>
      )}
      {asking && 'slip' in asking.what && (
        <ConfirmDialog
          title="千円単位で保存しますか"
          confirmLabel="千円単位で保存する"
          onConfirm={() => asking.answer(true)}
          onCancel={() => asking.answer(false)}
        >
          <p>
            {asking.what.named}に単位なしで「{asking.what.typed}」と入力しました。表示の単位が千円のため、
            <strong>{asking.what.slip.asSen}</strong>
            として保存します。1つの事業の金額としては大きすぎるため、円のつもりの入力かもしれません。
          </p>
          <p>円単位のつもりなら、キャンセルして {asking.what.slip.asYen} と「円」を付けて入力してください。</p>
        </ConfirmDialog>
      )}
      {deleting && data?.version && (
        <ConfirmDialog
          title={`「${data.version.label}」を削除しますか`}
          confirmLabel="削除する"
          danger
          onConfirm={() => void doDelete()}
          onCancel={() => setDeleting(false)}
        >
          <p>
            {formatFiscalYear(fy)}の「{data.version.label}」（{formatWareki(data.version.datedOn as IsoDate)}
            ）と、この版に入力した金額を削除します。
            {versions.length > 1 ? `前の版「${versions.at(-2)!.label}」が最新の版に戻ります。` : 'この年度の版はなくなります。'}
          </p>
          {held.current?.versionId === data.version.id && <p>流用の途中で保存していない金額の入力も取り消します。</p>}
          <p className="muted">削除は監査ログに残ります。執行や補助金の交付決定がこの版に基づいているときは削除できません。</p>
        </ConfirmDialog>
      )}
      {drawer !== undefined && (
        <ProjectDrawer
          key={drawer?.id ?? 'new'}
          project={drawer}
          side={side}
          fiscalYear={fy}
          versionId={isLatest ? data?.version?.id : undefined}
          unit={unit}
          onClose={() => setDrawer(undefined)}
        />
      )}
    </div>
  );
}

export function FundPage() {
  const initialYear = useNewestPlannedYear('medical');
  return (
    <>
      <PageHeader title="基金" lead="地域医療介護総合確保基金の計画と執行（事業ごとの予算・版・執行・基金残高）" />
      {initialYear === undefined ? <p className="muted">読み込み中…</p> : <YearScreen initialYear={initialYear} />}
    </>
  );
}
