/** The `<option>`s of a select, one per item: the markup every list-backed select repeated. */
import type { ReactNode } from 'react';

export function Options<T>({
  items,
  value,
  label,
}: {
  items: readonly T[] | undefined;
  value: (item: T) => string | number;
  label: (item: T) => ReactNode;
}) {
  return (
    <>
      {items?.map((item) => (
        <option key={value(item)} value={value(item)}>
          {label(item)}
        </option>
      ))}
    </>
  );
}
