/**
 * 開催日 of a meeting or a training: a date of the 年度 it is filed in, read in that 年度's era. Its example is the
 * 年度's first day, in full: the form's column has no room for the DateField's two (「例: R5.4.1、令和5年4月1日」).
 */
import { DateField } from '@renderer/components/DateField';
import { Field } from '@renderer/components/Field';
import { type FiscalYear, fiscalYearStart, formatFiscalYear } from '@shared/fiscal-year';
import { formatWareki } from '@shared/wareki';

export function HeldOnField({ year, value, onChange }: { year: FiscalYear; value: string; onChange(value: string): void }) {
  return (
    <Field label="開催日" path={['heldOn']} hint={`${formatFiscalYear(year)}の日付`}>
      {(p) => (
        <DateField {...p} value={value} fiscalYear={year} placeholder={`例: ${formatWareki(fiscalYearStart(year))}`} onChange={onChange} />
      )}
    </Field>
  );
}
