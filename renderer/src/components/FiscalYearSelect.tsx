/**
 * The 年度 picker: this 年度 and the ten before it, and the chosen one wherever
 * it lies, labelled 令和5年度（2023）. Typing R5, 令和5 or 2023 on it picks that 年度.
 */
import { type KeyboardEvent, type SelectHTMLAttributes, useRef } from 'react';
import { isoDateOfLocal } from '@shared/dates';
import { addFiscalYears, type FiscalYear, fiscalYear, fiscalYearOf, formatFiscalYear } from '@shared/fiscal-year';
import { parseFiscalYearWareki } from '@shared/wareki';

/** The 年度 today falls in, on this PC's calendar. */
export function currentFiscalYear(): FiscalYear {
  return fiscalYearOf(isoDateOfLocal(new Date()));
}

/** The current 年度 and the ten before it, newest first, for a select. */
export function fiscalYearOptions(): { value: FiscalYear; label: string }[] {
  const current = currentFiscalYear();
  return Array.from({ length: 11 }, (_, i) => {
    const fy = addFiscalYears(current, -i);
    return { value: fy, label: fiscalYearLabel(fy) };
  });
}

/** 令和5年度（2023）: the 和暦 officers say, and the Western year files and other systems use. */
export function fiscalYearLabel(fy: FiscalYear): string {
  return `${formatFiscalYear(fy)}（${fy}）`;
}

export function FiscalYearSelect({
  value,
  onChange,
  withData,
  ...field
}: {
  value: FiscalYear;
  onChange: (fy: FiscalYear) => void;
  /** The years that have data, where some may have none (a report's): the others are labelled 「データなし」. */
  withData?: readonly number[];
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>) {
  const options = fiscalYearOptions();
  if (!options.some((o) => o.value === value)) options.push({ value, label: fiscalYearLabel(value) });
  if (withData) for (const o of options) if (!withData.includes(o.value)) o.label += '　データなし';
  options.sort((a, b) => b.value - a.value);
  // What has been typed on the closed select; the browser's own type-ahead only matches a label's start.
  const typed = useRef({ text: '', at: 0 });
  const onKeyDown = (e: KeyboardEvent<HTMLSelectElement>) => {
    if (e.key.length !== 1 || e.ctrlKey || e.metaKey || e.altKey) return;
    const now = e.timeStamp;
    typed.current = { text: (now - typed.current.at < 1000 ? typed.current.text : '') + e.key, at: now };
    let year: number;
    try {
      year = parseFiscalYearWareki(typed.current.text);
    } catch {
      return;
    }
    if (options.some((o) => o.value === year)) {
      e.preventDefault();
      if (year !== value) onChange(fiscalYear(year));
    }
  };
  return (
    <select {...field} value={value} onKeyDown={onKeyDown} onChange={(e) => onChange(fiscalYear(Number(e.target.value)))}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
