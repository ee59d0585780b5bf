/**
 * Moving the user from inside a screen, the one way features do it. What the
 * user asks for now (a click, a key, a choice) moves at once. What ends later (a
 * save, a deletion, a screen's data) moves only a user who is still where it
 * started: the user may have gone elsewhere meanwhile, and a late "go to what
 * was saved" or "go to the newest 年度" must not take them back. React Router's
 * own `useNavigate` and `<Navigate>` cannot tell the two apart, so `features/`
 * may not import them (biome.jsonc). (A search-params setter moves within the
 * same place, and only ever from the user's own input.)
 */
import { useEffect, useMemo } from 'react';
import { createPath, type Location, type NavigateOptions, type To, useLocation, useNavigate } from 'react-router';

/** A path as the browser spells it (percent-encoded), so two spellings of one place compare equal. */
function spelled(path: string, withQuery: boolean): string {
  const url = new URL(path, 'http://renkei.invalid');
  return withQuery ? `${url.pathname}${url.search}` : url.pathname;
}

/** The window's address (the hash router's: #/path?query). */
function address(): string {
  return window.location.hash.replace(/^#/, '') || '/';
}

/** The path the window's address names now (no query): where a piece of work starts, for `goIfStill`. */
export function pathNow(): string {
  return spelled(address(), false);
}

/** Whether the window's address is still exactly `location` (path and query). */
function stillAt(location: Location): boolean {
  return spelled(address(), true) === spelled(createPath({ pathname: location.pathname, search: location.search }), true);
}

export interface Mover {
  /** Moves now: what the user has just asked for. */
  go(to: To, options?: NavigateOptions): void;
  /**
   * Moves only if the address is still at `within` (a path) or below it: the end of work the user started there
   * (`pathNow()` when it started, or the screen's own path when any of its tabs will do). Called as soon as the work's
   * answer is in (nothing awaited in between), the move is drawn together with the reload that answer asks for
   * (App.tsx): a screen whose record was deleted is gone before it could ask for it again.
   */
  goIfStill(within: string, to: To, options?: NavigateOptions): void;
}

export function useMover(): Mover {
  const navigate = useNavigate();
  return useMemo(
    () => ({
      go: (to, options) => void navigate(to, options),
      goIfStill: (within, to, options) => {
        const base = spelled(within, false).replace(/(.)\/$/, '$1');
        const now = pathNow();
        if (now === base || now.startsWith(base === '/' ? '/' : `${base}/`)) void navigate(to, options);
      },
    }),
    [navigate],
  );
}

let onScreen: string | null = null;

/** Keeps the path of the page on screen, for `pathLeft`; drawn by the frame, and by the presentation drawn without it. */
export function PathOnScreen(): null {
  const { pathname } = useLocation();
  // After the drawing: while a page draws for the first time, the path kept is still the one of the page before.
  useEffect(() => {
    onScreen = pathname;
  }, [pathname]);
  return null;
}

/**
 * The path of the page the user has just left, read in a page's first drawing (null before any): a screen that
 * picks up where a Back came from asks it, since the browser's Back says nothing of that.
 */
export function pathLeft(): string | null {
  return onScreen;
}

/**
 * A redirect (replacing the address) drawn by a screen, e.g. to its newest 年度 once the years have come: made after
 * the screen is drawn, and only if the address is then still the one the screen was drawn for. (Checked when drawn, a
 * page that moved on between the drawing and the move was taken back.)
 */
export function Redirect({ to }: { to: string }) {
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    if (stillAt(location)) void navigate(to, { replace: true });
  }, [navigate, location, to]);
  return null;
}
