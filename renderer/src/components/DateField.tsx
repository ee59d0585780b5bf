/**
 * The one date input: officers type 令和5年4月1日, R5.4.1, 5.4.1, 2023/4/1 or
 * full-width forms (read by shared/wareki's parseDateText), see what was read
 * in 和暦 with the day of the week, or pick from a Japanese calendar that works
 * with the keyboard alone. Replaces the browser's date input, which shows
 * mm/dd/yyyy in English. The value is an ISO date, '' while empty or unreadable.
 */
import { type KeyboardEvent, type RefObject, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { type IsoDate, isoDate, isoDateOfLocal, toCalendarDate } from '@shared/dates';
import { type FiscalYear, fiscalYearEnd, fiscalYearOf, fiscalYearStart } from '@shared/fiscal-year';
import { formatWareki, formatWarekiWithWeekday, parseDateText } from '@shared/wareki';
import { converting } from './ime';
import './inputs.css';

export interface DateFieldProps {
  /** YYYY-MM-DD, or '' for none. */
  value: string;
  onChange(value: string): void;
  /** The first and last day that may be chosen (the form's 年度, say). */
  min?: IsoDate;
  max?: IsoDate;
  /** The 年度 the date must lie in: min and max are its first and last day unless given. */
  fiscalYear?: FiscalYear;
  /**
   * What to say of a date past max in the 年度 after fiscalYear (a payment of the next year typed into this one),
   * instead of the plain 「…は選べる期間の外です」: where it belongs and what to do.
   */
  nextYear?: (date: IsoDate, next: FiscalYear) => string;
  /** The day whose era a date typed without one (5.4.1) is in; by default min, the value or today. */
  reference?: IsoDate;
  id?: string;
  name?: string;
  required?: boolean;
  disabled?: boolean;
  placeholder?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-label'?: string;
}

const WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];

function isIso(value: string): value is IsoDate {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** What the input shows for a value set from outside: 和暦, as officers read dates. */
function textOf(value: string): string {
  if (!isIso(value)) return value;
  try {
    return formatWareki(value);
  } catch {
    return value;
  }
}

function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = toCalendarDate(date);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The same day `months` later, or the month's last day when it has fewer. */
function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = toCalendarDate(date);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return isoDate(first.getUTCFullYear(), first.getUTCMonth() + 1, Math.min(day, last));
}

function rangeText(min: IsoDate | undefined, max: IsoDate | undefined): string {
  return `${min ? formatWareki(min) : ''}〜${max ? formatWareki(max) : ''}`;
}

interface Bounds {
  min?: IsoDate;
  max?: IsoDate;
  fiscalYear?: FiscalYear;
  nextYear?: DateFieldProps['nextYear'];
}

/** Why a typed text gives no date, or the date. */
function readText(
  text: string,
  reference: IsoDate,
  { min, max, fiscalYear, nextYear }: Bounds,
): { date: IsoDate } | { problem: string } | null {
  if (text.trim() === '') return null;
  let date: IsoDate;
  try {
    date = parseDateText(text, { reference });
  } catch (error) {
    return { problem: (error as Error).message };
  }
  if (max && date > max && fiscalYear !== undefined && nextYear && fiscalYearOf(date) === fiscalYear + 1) {
    return { problem: nextYear(date, fiscalYearOf(date)) };
  }
  if ((min && date < min) || (max && date > max)) {
    return { problem: `${formatWareki(date)}は選べる期間（${rangeText(min, max)}）の外です` };
  }
  return { date };
}

export function DateField({
  value,
  onChange,
  fiscalYear,
  min = fiscalYear === undefined ? undefined : fiscalYearStart(fiscalYear),
  max = fiscalYear === undefined ? undefined : fiscalYearEnd(fiscalYear),
  nextYear,
  reference,
  placeholder = '例: R5.4.1、令和5年4月1日',
  ...input
}: DateFieldProps) {
  const bounds: Bounds = { min, max, fiscalYear, nextYear };
  const [text, setText] = useState(() => textOf(value));
  const [open, setOpen] = useState(false);
  // The value this field last reported, so a parent echoing it back does not rewrite what is being typed.
  const reported = useRef(value);
  const inputRef = useRef<HTMLInputElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const lineId = useId();
  const today = isoDateOfLocal(new Date());
  const ref = reference ?? min ?? (isIso(value) ? value : today);

  useEffect(() => {
    if (value !== reported.current) {
      reported.current = value;
      setText(textOf(value));
    }
  }, [value]);

  const read = readText(text, ref, bounds);
  const problem = read && 'problem' in read ? read.problem : undefined;
  useEffect(() => {
    inputRef.current?.setCustomValidity(problem ?? '');
  }, [problem]);

  const report = (next: string) => {
    if (next === reported.current) return;
    reported.current = next;
    onChange(next);
  };
  const type = (next: string) => {
    setText(next);
    const r = readText(next, ref, bounds);
    report(r && 'date' in r ? r.date : '');
  };
  const pick = (date: IsoDate) => {
    setText(formatWareki(date));
    report(date);
    setOpen(false);
    inputRef.current?.focus();
  };
  const onInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (converting(e)) return;
    if ((e.altKey && e.key === 'ArrowDown') || e.key === 'F4') {
      e.preventDefault();
      setOpen(true);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };

  const describedBy = [input['aria-describedby'], lineId].filter(Boolean).join(' ');
  return (
    <div className="date-field" ref={wrapRef}>
      <div className="date-field__row">
        <input
          {...input}
          ref={inputRef}
          type="text"
          inputMode="text"
          autoComplete="off"
          placeholder={placeholder}
          value={text}
          aria-invalid={input['aria-invalid'] || Boolean(problem)}
          aria-describedby={describedBy}
          // Its form is not sent while this shows (saveShortcut.ts): the value it reports meanwhile is '', not the date meant.
          data-own-problem={problem ? '' : undefined}
          onChange={(e) => type(e.target.value)}
          onBlur={() => {
            // Show what was read in the officer's own terms once they leave the field.
            if (read && 'date' in read) setText(formatWareki(read.date));
          }}
          onKeyDown={onInputKey}
        />
        <button
          type="button"
          className="date-field__open"
          aria-label="カレンダーから選ぶ"
          aria-haspopup="dialog"
          aria-expanded={open}
          title="カレンダーから選ぶ（Alt+↓）"
          disabled={input.disabled}
          onClick={() => setOpen(!open)}
        >
          <CalendarIcon />
        </button>
      </div>
      <span id={lineId} className={`date-field__line${problem ? ' date-field__line--error' : ''}`} aria-live="polite">
        {read === null ? '' : 'date' in read ? formatWarekiWithWeekday(read.date) : read.problem}
      </span>
      {open && (
        <Calendar
          anchor={wrapRef}
          selected={read && 'date' in read ? read.date : null}
          start={read && 'date' in read ? read.date : min && today < min ? min : max && today > max ? max : today}
          today={today}
          min={min}
          max={max}
          onPick={pick}
          onClose={() => {
            setOpen(false);
            inputRef.current?.focus();
          }}
        />
      )}
    </div>
  );
}

function CalendarIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <rect x="2.5" y="4" width="15" height="13.5" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M2.5 8h15M6.5 2v4M13.5 2v4" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

/** 令和5年（2023年）4月 */
function monthTitle(date: IsoDate): string {
  const { year, month } = toCalendarDate(date);
  const era = formatWareki(isoDate(year, month, 1)).replace(/年.*$/, '年');
  return `${era}（${year}年）${month}月`;
}

function Calendar({
  anchor,
  selected,
  start,
  today,
  min,
  max,
  onPick,
  onClose,
}: {
  anchor: RefObject<HTMLDivElement | null>;
  selected: IsoDate | null;
  start: IsoDate;
  today: IsoDate;
  min?: IsoDate;
  max?: IsoDate;
  onPick(date: IsoDate): void;
  onClose(): void;
}) {
  const [active, setActive] = useState<IsoDate>(start);
  const [place, setPlace] = useState<{ top: number; left: number }>();
  const gridRef = useRef<HTMLDivElement>(null);
  const popRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const { year, month } = toCalendarDate(active);
  const first = isoDate(year, month, 1);
  const lead = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const days = Array.from({ length: 42 }, (_, i) => addDays(first, i - lead));
  const weeks = Array.from({ length: days[35]!.slice(0, 7) === first.slice(0, 7) ? 6 : 5 }, (_, w) => days.slice(w * 7, w * 7 + 7));
  const allowed = (d: IsoDate) => !(min && d < min) && !(max && d > max);

  // Fixed, so a drawer's scrolling box does not clip it; above the field when there is no room below.
  useLayoutEffect(() => {
    const box = anchor.current?.getBoundingClientRect();
    const height = popRef.current?.offsetHeight ?? 0;
    const width = popRef.current?.offsetWidth ?? 0;
    if (!box) return;
    const below = box.top + 48 + height <= window.innerHeight;
    setPlace({
      top: below ? box.top + 48 : Math.max(8, box.top - height - 4),
      left: Math.max(8, Math.min(box.left, window.innerWidth - width - 8)),
    });
  }, [anchor]);
  // Once placed: a hidden element cannot take focus.
  const placed = place !== undefined;
  useEffect(() => {
    if (placed) gridRef.current?.focus();
  }, [placed]);
  useEffect(() => {
    const away = (e: MouseEvent) => {
      if (!popRef.current?.contains(e.target as Node) && !anchor.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [anchor, onClose]);

  const move = (next: IsoDate) => setActive(next);
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, () => IsoDate> = {
      ArrowLeft: () => addDays(active, -1),
      ArrowRight: () => addDays(active, 1),
      ArrowUp: () => addDays(active, -7),
      ArrowDown: () => addDays(active, 7),
      PageUp: () => addMonths(active, e.shiftKey ? -12 : -1),
      PageDown: () => addMonths(active, e.shiftKey ? 12 : 1),
      Home: () => addDays(active, -toWeekday(active)),
      End: () => addDays(active, 6 - toWeekday(active)),
    };
    if (e.key in moves) {
      e.preventDefault();
      move(moves[e.key]!());
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (allowed(active)) onPick(active);
    }
  };

  return (
    <div
      ref={popRef}
      className="date-calendar"
      role="dialog"
      aria-modal="false"
      aria-labelledby={titleId}
      style={place ? { top: place.top, left: place.left } : { visibility: 'hidden' }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="date-calendar__head">
        <button type="button" className="date-calendar__nav" aria-label="前の月" onClick={() => move(addMonths(active, -1))}>
          ‹
        </button>
        <span id={titleId} className="date-calendar__title" aria-live="polite">
          {monthTitle(active)}
        </span>
        <button type="button" className="date-calendar__nav" aria-label="次の月" onClick={() => move(addMonths(active, 1))}>
          ›
        </button>
      </div>
      <div
        ref={gridRef}
        className="date-calendar__grid"
        role="grid"
        tabIndex={0}
        aria-labelledby={titleId}
        aria-activedescendant={`${titleId}-${active}`}
        onKeyDown={onKey}
      >
        <div role="row" className="date-calendar__week">
          {WEEKDAYS.map((w, i) => (
            <span key={w} role="columnheader" className={`date-calendar__weekday${i === 0 ? ' is-sunday' : i === 6 ? ' is-saturday' : ''}`}>
              {w}
            </span>
          ))}
        </div>
        {weeks.map((week) => (
          <div role="row" key={week[0]} className="date-calendar__week">
            {week.map((d) => {
              const { month: m, day } = toCalendarDate(d);
              const classes = [
                'date-calendar__day',
                m !== month && 'is-outside',
                d === today && 'is-today',
                d === selected && 'is-selected',
                d === active && 'is-active',
                toWeekday(d) === 0 && 'is-sunday',
                toWeekday(d) === 6 && 'is-saturday',
              ].filter(Boolean);
              return (
                <span
                  key={d}
                  id={`${titleId}-${d}`}
                  role="gridcell"
                  className={classes.join(' ')}
                  aria-selected={d === selected}
                  aria-disabled={!allowed(d)}
                  aria-label={formatWarekiWithWeekday(d)}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => {
                    if (allowed(d)) onPick(d);
                  }}
                >
                  {day}
                </span>
              );
            })}
          </div>
        ))}
      </div>
      <div className="date-calendar__foot">
        <button type="button" className="button button--secondary button--small" disabled={!allowed(today)} onClick={() => onPick(today)}>
          今日（{formatWareki(today)}）
        </button>
        <span className="date-calendar__keys">矢印で移動・Enter で決定・Esc で閉じる</span>
      </div>
    </div>
  );
}

function toWeekday(date: IsoDate): number {
  const { year, month, day } = toCalendarDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}
