/**
 * A page's answer to leaving with unsaved typing: going to another screen
 * (the sidebar, a link, Ctrl+number) first asks, as a drawer asks before it
 * closes, so a slip of the key loses nothing. Render it in the page while it
 * holds a form.
 */
import { useBlocker } from 'react-router';
import { ConfirmDialog } from './ConfirmDialog';

export function LeaveGuard({
  dirty,
  what,
}: {
  /** Whether there is unsaved typing: as drawn, or asked at the moment of leaving (a page that saves, then moves at once). */
  dirty: boolean | (() => boolean);
  what: string;
}) {
  // A move that replaces the address is the page's own (a new record's address once it is saved), not the user leaving.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation, historyAction }) =>
      (typeof dirty === 'function' ? dirty() : dirty) &&
      historyAction !== 'REPLACE' &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );
  if (blocker.state !== 'blocked') return null;
  return (
    <ConfirmDialog
      title="保存していない変更があります"
      confirmLabel="保存せずに移動する"
      danger
      onConfirm={() => blocker.proceed()}
      onCancel={() => blocker.reset()}
    >
      <p>「{what}」に入力した内容は保存されていません。移動すると入力した内容は失われます。</p>
    </ConfirmDialog>
  );
}
