/**
 * The year view's table: projects grouped by 区分 with subtotals and the total.
 * 基金充当額 and その他 are edited in place like a spreadsheet: focus a cell
 * (click or Tab) and type; Enter or Tab saves, Escape puts the figure back,
 * ↑↓ move to the same column in the row above or below (saving on the way).
 * A figure refused stays in its cell, marked, beside its refusal, until it is
 * corrected or put back with Escape.
 * A project's line is drawn again only when its own figures change, so one
 * edit in a year of hundreds of projects redraws that line and the sums.
 */
import { type KeyboardEvent, memo, useLayoutEffect, useRef, useState } from 'react';
import { converting } from '@renderer/components/ime';
import { formatRate } from '@shared/format';
import { categoryHeading } from '@shared/fund/categories';
import type { FundProblem } from '@shared/fund/problems';
import type { YearFigures, YearRow, YearView } from '@shared/fund/year';
import type { Yen } from '@shared/money';
import type { EditableField } from './amountLine';
import { editableAmount, formatAmount, type MoneyUnit, UNIT_LABELS } from './money';

/** Saves a figure; resolves to the core's refusal, or undefined when saved. */
export type CommitCell = (projectId: number, field: EditableField, text: string) => Promise<string | undefined>;

const FIELD_HEADERS: Record<EditableField, string> = { fundAmount: '基金充当額', otherAmount: 'その他' };

function AmountCell({
  label,
  value,
  unit,
  row,
  field,
  readOnly,
  onCommit,
  onStart,
}: {
  label: string;
  value: Yen;
  unit: MoneyUnit;
  row: number;
  field: EditableField;
  readOnly: boolean;
  onCommit(text: string): Promise<string | undefined>;
  /** Editing begins: the figures shown now are the ones a save will name as read. */
  onStart?(): void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  // The text last sent and the core's answer to it, so the blur after an Enter does not send it twice.
  const sent = useRef<{ text: string; answer: Promise<string | undefined> } | null>(null);
  // The text last saved from this cell: while the draft still says it, nothing new was typed since.
  const saved = useRef<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // A click's mouseup would otherwise drop the select-all made on focus.
  const focusedByMouse = useRef(false);
  const editing = draft !== null;
  const shownForEditing = editableAmount(value, unit);
  // Select-all happens in the same render as the change it follows (focus,
  // Escape), never a frame later, when it would swallow what is being typed.
  const [selectAll, setSelectAll] = useState(0);
  useLayoutEffect(() => {
    if (editing && document.activeElement === input.current) input.current?.select();
  }, [editing, selectAll]);
  // The stored figure changed under the cell being edited (an undo, a colleague's save): a draft that still says the
  // figure shown before, or the one this cell saved, follows it — and typing that figure again is a change to save.
  const shownBefore = useRef(shownForEditing);
  useLayoutEffect(() => {
    const before = shownBefore.current;
    shownBefore.current = shownForEditing;
    if (draft === null || before === shownForEditing || draft === shownForEditing) return;
    if (draft !== before && draft !== saved.current) return;
    sent.current = null;
    saved.current = null;
    setError(undefined);
    setDraft(shownForEditing);
    setSelectAll((n) => n + 1);
  }, [draft, shownForEditing]);

  const commit = (text: string): Promise<string | undefined> => {
    if (sent.current?.text === text) return sent.current.answer;
    const answer = onCommit(text).then((problem) => {
      if (problem === undefined) saved.current = text;
      setError(problem);
      return problem;
    });
    sent.current = { text, answer };
    return answer;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (draft === null || converting(e)) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      const text = draft;
      // Enter on a figure refused sends it again: a question answered キャンセル is asked again, a refusal said again.
      if (error !== undefined && sent.current?.text === text) sent.current = null;
      e.currentTarget.select();
      // Once saved, select again only if nothing was typed meanwhile.
      void commit(text).then(() => {
        const el = input.current;
        if (el && document.activeElement === el && el.value === text) el.select();
      });
    } else if (e.key === 'Escape') {
      e.preventDefault();
      sent.current = null;
      saved.current = null;
      setError(undefined);
      setDraft(shownForEditing);
      setSelectAll((n) => n + 1);
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const next = e.currentTarget
        .closest('table')
        ?.querySelector<HTMLInputElement>(`input[data-field="${field}"][data-row="${row + (e.key === 'ArrowUp' ? -1 : 1)}"]`);
      if (next) {
        e.preventDefault();
        next.focus();
      }
    }
  };

  return (
    <td className={`num fund-cell${error ? ' fund-cell--error' : ''}`} data-field={field}>
      <input
        ref={input}
        className="fund-cell__input"
        aria-label={label}
        aria-invalid={Boolean(error)}
        readOnly={readOnly}
        title={
          readOnly
            ? '過去の版は変更できません。変えるときは最新の版を選んでください'
            : editing
              ? `${UNIT_LABELS[unit]}単位で入力（Enter で保存、Esc で取り消し）`
              : 'クリックして編集'
        }
        inputMode="numeric"
        autoComplete="off"
        data-field={field}
        data-row={row}
        value={draft ?? formatAmount(value, unit)}
        onMouseDown={() => {
          focusedByMouse.current = document.activeElement !== input.current;
        }}
        onMouseUp={(e) => {
          if (focusedByMouse.current) e.preventDefault();
          focusedByMouse.current = false;
        }}
        onFocus={() => {
          if (readOnly) return;
          onStart?.();
          // Back in a cell that kept what was typed (refused, or still being saved): it is there to correct.
          if (draft !== null) {
            setSelectAll((n) => n + 1);
            return;
          }
          sent.current = null;
          saved.current = null;
          setDraft(shownForEditing);
        }}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => {
          if (draft === null) return;
          const text = draft;
          if (text === shownForEditing && sent.current === null) {
            setDraft(null);
            return;
          }
          // Like Enter, and Tab moves on: what was typed stays in the cell until it is saved; refused, it stays beside
          // its refusal, to be corrected (or put back with Esc), never dropped unsaid.
          void commit(text).then((problem) => {
            if (problem === undefined && document.activeElement !== input.current) setDraft((d) => (d === text ? null : d));
          });
        }}
        onKeyDown={onKeyDown}
      />
      {error && (
        <span className="fund-cell__error" role="alert">
          {error}
        </span>
      )}
    </td>
  );
}

function Figures({ figures, unit, flagged }: { figures: YearFigures; unit: MoneyUnit; flagged?: boolean }) {
  return (
    <>
      <td className="num" data-field="spent">
        {flagged && (
          <span className="badge badge--error" title="執行額が総事業費を超えています">
            超過
          </span>
        )}{' '}
        {formatAmount(figures.spent, unit)}
      </td>
      <td className={`num${figures.remaining < 0 ? ' fund-negative' : ''}`} data-field="remaining">
        {formatAmount(figures.remaining, unit)}
      </td>
      <td className="num" data-field="executionRate">
        {formatRate(figures.executionRate.numerator, figures.executionRate.denominator)}
      </td>
    </>
  );
}

function SumRow({ label, figures, unit, testId }: { label: string; figures: YearFigures; unit: MoneyUnit; testId: string }) {
  return (
    <tr className="fund-sum" data-testid={testId}>
      <th scope="row" colSpan={2}>
        {label}
      </th>
      <td className="num" data-field="totalCost">
        {formatAmount(figures.totalCost, unit)}
      </td>
      <td className="num" data-field="fundAmount">
        {formatAmount(figures.fundAmount, unit)}
      </td>
      <td className="num" data-field="national">
        {formatAmount(figures.national, unit)}
      </td>
      <td className="num" data-field="prefectural">
        {formatAmount(figures.prefectural, unit)}
      </td>
      <td className="num" data-field="otherAmount">
        {formatAmount(figures.otherAmount, unit)}
      </td>
      <Figures figures={figures} unit={unit} />
    </tr>
  );
}

interface ProjectRowProps {
  row: YearRow;
  /** 事業番号 */
  number: string;
  /** The line's place in the table, for ↑↓. */
  at: number;
  unit: MoneyUnit;
  readOnly: boolean;
  /** Overspent: 執行額 is over 総事業費. */
  flagged: boolean;
  onCommit: CommitCell;
  onEditStart?(projectId: number): void;
  onOpen(projectId: number): void;
}

/** The same line drawn: the same figures (a recomputed view makes new row objects) and the same everything else. */
function sameLine(before: ProjectRowProps, after: ProjectRowProps): boolean {
  const keys = Object.keys(after) as (keyof ProjectRowProps)[];
  if (keys.length !== Object.keys(before).length) return false;
  return keys.every((key) => {
    if (key !== 'row') return before[key] === after[key];
    const [a, b] = [before.row, after.row];
    return (Object.keys(b) as (keyof YearRow)[]).every((field) =>
      field === 'executionRate'
        ? a.executionRate.numerator === b.executionRate.numerator && a.executionRate.denominator === b.executionRate.denominator
        : a[field] === b[field],
    );
  });
}

const ProjectRow = memo(function ProjectRow({ row, number, at, unit, readOnly, flagged, onCommit, onEditStart, onOpen }: ProjectRowProps) {
  return (
    <tr data-testid={`project-${row.projectId}`}>
      <td className="nowrap">{number}</td>
      <th scope="row" className="fund-table__name">
        <button type="button" className="fund-table__open" title="事業の詳細・執行を開く" onClick={() => onOpen(row.projectId)}>
          {row.name}
        </button>
      </th>
      <td className="num" data-field="totalCost">
        {formatAmount(row.totalCost, unit)}
      </td>
      <AmountCell
        label={`${row.name} ${FIELD_HEADERS.fundAmount}`}
        value={row.fundAmount}
        unit={unit}
        row={at}
        field="fundAmount"
        readOnly={readOnly}
        onCommit={(text) => onCommit(row.projectId, 'fundAmount', text)}
        onStart={() => onEditStart?.(row.projectId)}
      />
      <td className="num" data-field="national">
        {formatAmount(row.national, unit)}
      </td>
      <td className="num" data-field="prefectural">
        {formatAmount(row.prefectural, unit)}
      </td>
      <AmountCell
        label={`${row.name} ${FIELD_HEADERS.otherAmount}`}
        value={row.otherAmount}
        unit={unit}
        row={at}
        field="otherAmount"
        readOnly={readOnly}
        onCommit={(text) => onCommit(row.projectId, 'otherAmount', text)}
        onStart={() => onEditStart?.(row.projectId)}
      />
      <Figures figures={row} unit={unit} flagged={flagged} />
    </tr>
  );
}, sameLine);

export function YearTable({
  view,
  numbers,
  unit,
  readOnly = false,
  onCommit,
  onEditStart,
  onOpen,
}: {
  view: YearView;
  /** 事業番号 by project id. */
  numbers: ReadonlyMap<number, string>;
  unit: MoneyUnit;
  /** An older version: its figures are shown, not edited (history does not change). */
  readOnly?: boolean;
  onCommit: CommitCell;
  /** A cell of the project's line begins to be edited (the line as read then is what its save names). */
  onEditStart?(projectId: number): void;
  /** Opens the project's drawer (its 事業名 is a button). */
  onOpen(projectId: number): void;
}) {
  const overspent = new Set(view.problems.filter((p: FundProblem) => p.code === 'overspent').map((p) => p.projectId));
  let index = 0;
  return (
    <div className="table-wrap">
      <table className="table fund-table" aria-label="年度の事業と金額">
        <thead>
          <tr>
            <th rowSpan={2}>番号</th>
            <th rowSpan={2}>事業名</th>
            <th rowSpan={2} className="num">
              総事業費
            </th>
            <th colSpan={3} className="fund-table__span">
              基金
            </th>
            <th rowSpan={2} className="num">
              その他
            </th>
            <th rowSpan={2} className="num">
              執行額
            </th>
            <th rowSpan={2} className="num">
              残額
            </th>
            <th rowSpan={2} className="num">
              執行率
            </th>
          </tr>
          <tr>
            <th className="num">充当額</th>
            <th className="num">うち国</th>
            <th className="num">うち県</th>
          </tr>
        </thead>
        {view.groups.map((group) => (
          <tbody key={group.categoryCode}>
            <tr className="fund-group">
              <th colSpan={10} scope="rowgroup">
                {group.category ? categoryHeading(group.category) : `区分${group.categoryCode}（区分の一覧にありません）`}
              </th>
            </tr>
            {group.rows.map((row) => (
              <ProjectRow
                key={row.projectId}
                row={row}
                number={numbers.get(row.projectId) ?? ''}
                at={index++}
                unit={unit}
                readOnly={readOnly}
                flagged={overspent.has(row.projectId)}
                onCommit={onCommit}
                onEditStart={onEditStart}
                onOpen={onOpen}
              />
            ))}
            <SumRow
              label={`区分${group.categoryCode} 小計`}
              figures={group.subtotal}
              unit={unit}
              testId={`subtotal-${group.categoryCode}`}
            />
          </tbody>
        ))}
        <tfoot>
          <SumRow label="合計" figures={view.total} unit={unit} testId="total" />
        </tfoot>
      </table>
    </div>
  );
}
