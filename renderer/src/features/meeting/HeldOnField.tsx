/** 開催日 of a meeting or a training: a date of the 年度 it is filed in, read in that 年度's era. */
import { DateField } from '@renderer/components/DateField';
import { Field } from '@renderer/components/Field';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';

export function HeldOnField({ year, value, onChange }: { year: FiscalYear; value: string; onChange(value: string): void }) {
  return (
    <Field label="開催日" path={['heldOn']} hint={`${formatFiscalYear(year)}の日付`}>
      {(p) => <DateField {...p} value={value} fiscalYear={year} onChange={onChange} />}
    </Field>
  );
}
