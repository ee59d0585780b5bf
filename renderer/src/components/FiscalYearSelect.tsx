/** The 年度 picker: this 年度 and the ten before it, and the chosen one wherever it lies. */
import type { SelectHTMLAttributes } from 'react';
import { isoDateOfLocal } from '../../../shared/dates';
import { addFiscalYears, type FiscalYear, fiscalYear, fiscalYearOf, formatFiscalYear } from '../../../shared/fiscal-year';

/** The 年度 today falls in, on this PC's calendar. */
export function currentFiscalYear(): FiscalYear {
  return fiscalYearOf(isoDateOfLocal(new Date()));
}

/** The current 年度 and the ten before it, newest first, for a select. */
export function fiscalYearOptions(): { value: FiscalYear; label: string }[] {
  const current = currentFiscalYear();
  return Array.from({ length: 11 }, (_, i) => {
    const fy = addFiscalYears(current, -i);
    return { value: fy, label: formatFiscalYear(fy) };
  });
}

export function FiscalYearSelect({
  value,
  onChange,
  ...field
}: { value: FiscalYear; onChange: (fy: FiscalYear) => void } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>) {
  const options = fiscalYearOptions();
  if (!options.some((o) => o.value === value)) options.push({ value, label: formatFiscalYear(value) });
  options.sort((a, b) => b.value - a.value);
  return (
    <select {...field} value={value} onChange={(e) => onChange(fiscalYear(Number(e.target.value)))}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
