/** The 年度 picker of the report screens: this 年度 and the ten before it, and the chosen one wherever it lies. */
import type { SelectHTMLAttributes } from 'react';
import { type FiscalYear, formatFiscalYear } from '../../../../shared/fiscal-year';
import { currentFiscalYear, fiscalYearOptions, parseFiscalYearText } from './params';

export function FiscalYearSelect({
  value,
  onChange,
  ...field
}: { value: FiscalYear; onChange: (fy: FiscalYear) => void } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>) {
  const options = fiscalYearOptions();
  if (!options.some((o) => o.value === value)) options.push({ value, label: formatFiscalYear(value) });
  options.sort((a, b) => b.value - a.value);
  return (
    <select {...field} value={value} onChange={(e) => onChange(parseFiscalYearText(e.target.value) ?? currentFiscalYear())}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
