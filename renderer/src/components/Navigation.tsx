/**
 * Moving the user from inside a screen, the one way features do it: a screen
 * moves the user only while the address is still the one it was drawn for.
 *
 * A screen's code, its data and its saves arrive after the click that opened
 * it, and the user may have gone elsewhere meanwhile: the address names the new
 * place at once, while its screen may still be loading. A late redirect or a
 * save's "go to what was saved" from the old place must not take the user back.
 * React Router's own `useNavigate` and `<Navigate>` have no such check, so
 * `features/` may not import them (biome.jsonc).
 */
import { useCallback, useEffect } from 'react';
import { createPath, type Location, type NavigateOptions, type To, useLocation, useNavigate } from 'react-router';

/** A path as the browser spells it (percent-encoded), so two spellings of one place compare equal. */
function spelled(path: string): string {
  const url = new URL(path, 'http://renkei.invalid');
  return `${url.pathname}${url.search}`;
}

/** Whether the window's address is still `location` (the hash router's: #/path?query). */
export function stillAt(location: Location): boolean {
  return (
    spelled(window.location.hash.replace(/^#/, '') || '/') === spelled(createPath({ pathname: location.pathname, search: location.search }))
  );
}

/**
 * `navigate(to, options)` that does nothing once the address has left the
 * place this render was drawn for: a click always moves, the end of a save or a
 * load moves only a user who is still there.
 */
export function useNavigateHere(): (to: To, options?: NavigateOptions) => void {
  const navigate = useNavigate();
  const location = useLocation();
  return useCallback(
    (to: To, options?: NavigateOptions) => {
      if (stillAt(location)) void navigate(to, options);
    },
    [navigate, location],
  );
}

/**
 * A redirect (replacing the address) drawn by a screen, e.g. to its newest 年度 once the years have come. It moves
 * after the screen is drawn, and only if the address is still the screen's then: checked when drawn, a page that
 * moved on between the drawing and the move was taken back.
 */
export function Redirect({ to }: { to: string }) {
  const navigate = useNavigateHere();
  useEffect(() => navigate(to, { replace: true }), [navigate, to]);
  return null;
}
