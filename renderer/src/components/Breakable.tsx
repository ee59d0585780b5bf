/** Text that wraps only between its parts: Japanese phrases kept whole in narrow cells and boxes. */
import { Fragment } from 'react';

/**
 * Text that wraps only between `parts` (never inside a date, a figure or a phrase), for narrow table cells and boxes.
 * @example <Breakable parts={['（台帳の', '画面で', '入力すると', '見本が出ます）']} />
 */
export function Breakable({ parts }: { parts: readonly string[] }) {
  return (
    <span style={{ whiteSpace: 'normal', wordBreak: 'keep-all' }}>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </span>
  );
}
