/**
 * A page's (or a drawer's) answer to leaving with unsaved typing: going to
 * another screen (the sidebar, a link, Ctrl+number) first asks, as a drawer
 * asks before it closes, so a slip of the key loses nothing. Leaving the page
 * itself (reload, the window's ✕, 終了, another database) asks too, through
 * the browser's beforeunload (the desktop shell shows its own question for
 * it). Render it in the page while it holds a form; every Drawer renders one.
 */
import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';
import { ConfirmDialog } from './ConfirmDialog';

interface Guard {
  dirty: () => boolean;
  what: string;
}

/**
 * Every guard drawn now (a page's and its open drawer's). The router heeds only the blocker made last, so each
 * guard's blocker asks about all of them: a drawer opened on a page with unsaved typing does not hide the page's.
 */
const guards = new Set<{ current: Guard }>();

const unsaved = () => [...guards].filter((g) => g.current.dirty()).map((g) => g.current.what);

/** The page is being unloaded: the browser (or the shell, on will-prevent-unload) asks first while typing is unsaved. */
function askBeforeUnload(event: BeforeUnloadEvent): void {
  if (unsaved().length > 0) event.preventDefault();
}

export function LeaveGuard({
  dirty,
  what,
}: {
  /** Whether there is unsaved typing: as drawn, or asked at the moment of leaving (a page that saves, then moves at once). */
  dirty: boolean | (() => boolean);
  what: string;
}) {
  const self = useRef<Guard>({ dirty: () => false, what });
  self.current = { dirty: typeof dirty === 'function' ? dirty : () => dirty, what };
  useEffect(() => {
    guards.add(self);
    if (guards.size === 1) window.addEventListener('beforeunload', askBeforeUnload);
    return () => {
      guards.delete(self);
      if (guards.size === 0) window.removeEventListener('beforeunload', askBeforeUnload);
    };
  }, []);
  // A move that replaces the address is the page's own (a new record's address once it is saved), not the user leaving.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation, historyAction }) =>
      unsaved().length > 0 &&
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
      <p>
        {unsaved()
          .map((w) => `「${w}」`)
          .join('と')}
        に入力した内容は保存されていません。移動すると入力した内容は失われます。
      </p>
    </ConfirmDialog>
  );
}
