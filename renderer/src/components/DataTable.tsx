/**
 * A list table with click-to-sort headers (keyboard: Enter on a header),
 * optional row activation (click or Enter on a row) and an optional total
 * row. Its rows are one Tab stop, the row last in use: ↑↓ move between rows,
 * ←→ between a row and its own boxes and buttons, which Tab passes over (700
 * clinics' rows with three controls each were 2,800 Tab stops); the table's
 * description says so. A focused row that goes away (its record deleted)
 * hands the focus to the row now in its place. Given the queries its rows come from, it says a list is empty only
 * once they answered: a failed one shows its notice instead.
 */
import {
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
} from 'react';
import type { QueryState } from '../api/hooks';
import { ErrorNotice } from './ErrorNotice';
import { converting } from './ime';

/** From a search field: ↓ moves focus to the first row of the table labelled `label`. */
export function focusFirstRowOnArrowDown(label: string) {
  return (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'ArrowDown' || converting(e)) return;
    const row = document.querySelector<HTMLElement>(`table[aria-label="${label}"] tbody tr.row-link`);
    if (row) {
      e.preventDefault();
      row.focus();
    }
  };
}

/** The controls of a row the arrow keys reach. */
const ROW_CONTROLS = 'a[href], button, input, select, textarea';
/** Controls whose own arrow keys move inside them (a caret, a list's choice): the row's arrows leave them be. */
const OWN_ARROWS = 'select, textarea, input:not([type="checkbox"], [type="radio"], [type="button"])';

/** A row, then its controls left to right: where ←→ go in it. */
function stopsOf(row: Element): HTMLElement[] {
  return [row as HTMLElement, ...[...row.querySelectorAll<HTMLElement>(ROW_CONTROLS)].filter((el) => !el.matches(':disabled'))];
}

function onRowKey(e: KeyboardEvent<HTMLTableRowElement>, activate: () => void) {
  const row = e.currentTarget;
  const at = e.target as HTMLElement;
  if (e.key === 'Enter') {
    // A button's or a link's own Enter is its click, not the row's.
    if (at !== row) return;
    // Without this the same Enter would submit the form that opens with focus inside it.
    e.preventDefault();
    activate();
    return;
  }
  if (at !== row && at.matches(OWN_ARROWS)) return;
  const stops = stopsOf(row);
  const place = Math.max(0, stops.indexOf(at));
  let next: HTMLElement | undefined;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    const other = e.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
    // The same place in the row above or below: from a row's 回答 button to the next row's.
    if (other instanceof HTMLElement) {
      const there = stopsOf(other);
      next = there[Math.min(place, there.length - 1)];
    }
  } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
    next = stops[place + (e.key === 'ArrowRight' ? 1 : -1)];
  }
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

/**
 * The least height of a row in CSS pixels: one line of the table's text and its padding (global.css `.table td`;
 * 27.7 here), so no more rows than this many a window's height could show.
 */
const ROW_HEIGHT_LEAST = 27;

/** The most rows a window could show (no layout read): a list no longer is drawn whole at once. */
const windowRows = () => Math.ceil(window.innerHeight / ROW_HEIGHT_LEAST) + 1;

/**
 * Rows drawn at once when a table's rows change: those that can show from the top of the table's body (as last drawn,
 * where the list was scrolled too) to the bottom of the window, and two more (for a notice above it gone meanwhile).
 * A fixed 40 (more than 1920×1080 shows) were 13 rows' worth on a 1366×768 screen and ~30 ms more of 台帳's list's
 * first open, drawn below the fold before the first frame.
 */
function firstRows(body: HTMLElement): number {
  const top = body.getBoundingClientRect().top;
  return Math.max(1, Math.ceil((window.innerHeight - Math.min(top, window.innerHeight)) / ROW_HEIGHT_LEAST) + 2);
}

/** How long a deleted row's place waits for the row that takes it (drawn in a later stage, or behind a closing drawer). */
const HEIR_WAITS_MS = 5_000;

function sameRows<T>(drawn: T[] | null, rows: T[], rowKey: (row: T) => string | number): boolean {
  return drawn === rows || (drawn !== null && drawn.length === rows.length && rows.every((row, i) => rowKey(row) === rowKey(drawn[i]!)));
}

/**
 * A long list's rows that fit the window now (firstRows), the rest once they
 * are on screen (after the next frame is painted): a new page or search
 * result of 100 rows shows without first laying out the rows below the fold.
 */
function useRowsInStages<T>(rows: T[], rowKey: (row: T) => string | number, body: RefObject<HTMLElement | null>): T[] {
  // The rows last drawn whole (at once, or in two stages). The same rows in a new array (a filter or a sort made again
  // as the screen draws, or the list read again after a save, its rows new objects) are drawn whole at once: only rows
  // not drawn yet are staged, so neither a click that redraws the screen, nor a fresh answer, nor a window made smaller
  // takes the rows below the first stage away — with the window's scroll and the chosen row. The stage is measured
  // (a layout read) only for rows not drawn whole yet and longer than a window could show.
  const whole = useRef<T[] | null>(null);
  const [, drawAgain] = useReducer((n: number) => n + 1, 0);
  // A table whose body is not drawn yet (its screen's first drawing came with its rows) draws none of them at first, and
  // at once again, before the browser paints (a layout effect's update), now that its body can be measured.
  const first =
    rows.length > windowRows() && !sameRows(whole.current, rows, rowKey) ? (body.current ? firstRows(body.current) : 0) : rows.length;
  const staged = rows.length > first;
  useLayoutEffect(() => {
    if (staged && first === 0) drawAgain();
  });
  useEffect(() => {
    if (!staged) {
      whole.current = rows;
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        whole.current = rows;
        drawAgain();
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [rows, staged]);
  return staged ? rows.slice(0, first) : rows;
}

export interface Column<T> {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** Sort value; columns without one are not sortable. */
  sortValue?: (row: T) => string | number;
  numeric?: boolean;
  /** Keep the cell on one line (dates, short codes). */
  nowrap?: boolean;
  width?: string;
}

export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
  onActivate,
  footer,
  empty = '該当するデータはありません。',
  initialSort,
  from = [],
  focusKey,
}: {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  onActivate?: (row: T) => void;
  footer?: ReactNode;
  empty?: string;
  initialSort?: { key: string; desc?: boolean };
  /** The queries the rows come from: no rows is "empty" only when all answered (a failed one's notice stands above). */
  from?: readonly Pick<QueryState<unknown>, 'error' | 'loading'>[];
  /**
   * The row to choose once it is drawn (it takes the focus, scrolled to the middle of the window): the one the user
   * opened, when they come back to the list from it. Chosen once for each key given.
   */
  focusKey?: string | number;
}) {
  const failed = from.find((q) => q.error)?.error;
  const answered = !failed && from.every((q) => !q.loading);
  const [sort, setSort] = useState(initialSort ?? null);
  const sorted = useMemo(() => {
    const column = columns.find((c) => c.key === sort?.key);
    if (!column?.sortValue) return rows;
    const value = column.sortValue;
    const dir = sort?.desc ? -1 : 1;
    return [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'ja')) * dir;
    });
  }, [rows, columns, sort]);
  const body = useRef<HTMLTableSectionElement>(null);
  const shown = useRowsInStages(sorted, rowKey, body);
  const chosen = useRef<string | number | undefined>(undefined);
  /** The chosen row while it could not take the focus: marked as the focus would mark it, until a row takes the focus. */
  const [marked, setMarked] = useState<string | number | undefined>(undefined);
  // A row below the first stage is drawn a frame later: the ref of that drawing chooses it. It takes the focus only if
  // nothing in the screen has it: an answer slow to come must not pull the officer out of the filter they moved to.
  const chooseOnce = (el: HTMLTableRowElement | null) => {
    if (!el || chosen.current === focusKey) return;
    chosen.current = focusKey;
    const at = document.activeElement;
    if (at === null || at === document.body || at === document.querySelector('main h1')) el.focus({ preventScroll: true });
    else setMarked(focusKey);
    el.scrollIntoView({ block: 'center' });
  };
  /** The row that last had the focus, and its record. */
  const focused = useRef<{ row: HTMLElement; key: string | number } | null>(null);
  /** The rows' records in order as last drawn, and the list they were read from. */
  const order = useRef<{ of: T[]; keys: (string | number)[] }>({ of: [], keys: [] });
  /** The record whose row takes the focus once it is drawn and nothing else holds the focus, and since when it waits. */
  const heir = useRef<{ key: string | number; since: number } | undefined>(undefined);
  useEffect(() => {
    const before = order.current.keys;
    if (order.current.of !== sorted) order.current = { of: sorted, keys: sorted.map(rowKey) };
    const keys = order.current.keys;
    const last = focused.current;
    if (last && !last.row.isConnected) {
      // Redrawn, or its record gone: the same record's new row, else the next one still listed (the one above, at the
      // end) — by record, not by place, since a long list is drawn in stages and its first may not reach that row.
      focused.current = null;
      const still = new Set(keys);
      const at = before.indexOf(last.key);
      const key = [last.key, ...before.slice(at + 1), ...before.slice(0, Math.max(at, 0)).reverse()].find((k) => still.has(k));
      heir.current = key === undefined ? undefined : { key, since: performance.now() };
    }
    // Given up after a few seconds: a later redraw must not pull the focus back to the list.
    if (heir.current && performance.now() - heir.current.since > HEIR_WAITS_MS) heir.current = undefined;
    const to = heir.current?.key;
    if (to === undefined) return;
    const index = shown.findIndex((row) => rowKey(row) === to);
    if (index < 0) {
      if (!keys.includes(to)) heir.current = undefined;
      return; // drawn in the next stage
    }
    const now = document.activeElement;
    // A drawer or a question still open (the delete confirmed, the drawer not yet closed): once it closes.
    if (now !== null && now !== document.body && now.closest('[role="dialog"], [role="alertdialog"]')) return;
    heir.current = undefined;
    const row = now === null || now === document.body ? body.current?.querySelectorAll<HTMLElement>('tr.row-link')[index] : undefined;
    if (row) {
      row.focus({ preventScroll: true });
      row.scrollIntoView({ block: 'nearest' });
    }
  });

  // One Tab stop: the row last in use (the first row until one is), its controls reached by the arrow keys.
  const [inUse, setInUse] = useState<string | number | undefined>(undefined);
  const tabStop = shown.some((row) => rowKey(row) === inUse) ? inUse : shown[0] && rowKey(shown[0]);
  /** What ←→ reach in the rows, told with the table; null when the rows hold no controls. */
  const [arrowsReach, setArrowsReach] = useState<string | null>(null);
  useEffect(() => {
    if (!onActivate) return;
    const controls = [...(body.current?.querySelectorAll<HTMLElement>(`tr.row-link :is(${ROW_CONTROLS})`) ?? [])];
    for (const el of controls) el.tabIndex = -1;
    const boxes = controls.some((el) => el.matches('input[type="checkbox"]'));
    setArrowsReach(controls.length === 0 ? null : boxes ? 'チェックボックスやボタン' : 'ボタン');
  });
  const arrowsHint = useId();

  const toggle = (key: string) => setSort((s) => (s?.key === key ? { key, desc: !s.desc } : { key, desc: false }));

  return (
    <>
      {failed && <ErrorNotice error={failed} />}
      {arrowsReach && (
        <p id={arrowsHint} className="sr-only">
          行の中の{arrowsReach}へは ← → で移動します
        </p>
      )}
      <div className="table-wrap">
        <table className="table" aria-label={label} aria-describedby={arrowsReach ? arrowsHint : undefined}>
          <thead>
            <tr>
              {columns.map((c) => {
                const active = sort?.key === c.key;
                return (
                  <th
                    key={c.key}
                    className={c.numeric ? 'num' : undefined}
                    style={c.width ? { width: c.width } : undefined}
                    aria-sort={active ? (sort?.desc ? 'descending' : 'ascending') : undefined}
                  >
                    {c.sortValue ? (
                      <button type="button" className="sort-button" onClick={() => toggle(c.key)}>
                        {c.header}
                        <span aria-hidden="true">{active ? (sort?.desc ? ' ▼' : ' ▲') : ''}</span>
                      </button>
                    ) : (
                      c.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody ref={body}>
            {sorted.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="empty">
                  {failed ? '読み込めなかったため表示できません。' : answered ? empty : '読み込み中…'}
                </td>
              </tr>
            )}
            {shown.map((row) => (
              <tr
                key={rowKey(row)}
                ref={focusKey !== undefined && rowKey(row) === focusKey ? chooseOnce : undefined}
                className={onActivate ? (rowKey(row) === marked ? 'row-link row-link--chosen' : 'row-link') : undefined}
                tabIndex={onActivate ? (rowKey(row) === tabStop ? 0 : -1) : undefined}
                onClick={onActivate ? () => onActivate(row) : undefined}
                onKeyDown={onActivate ? (e) => onRowKey(e, () => onActivate(row)) : undefined}
                onFocus={
                  onActivate
                    ? (e) => {
                        focused.current = { row: e.currentTarget, key: rowKey(row) };
                        setMarked(undefined);
                        setInUse(rowKey(row));
                      }
                    : undefined
                }
              >
                {columns.map((c) => (
                  <td key={c.key} className={[c.numeric && 'num', c.nowrap && 'nowrap'].filter(Boolean).join(' ') || undefined}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {footer && <tfoot>{footer}</tfoot>}
        </table>
      </div>
    </>
  );
}
