/**
 * A screen's own redirect once its data has come (補助金 → its newest 年度):
 * dropped when the user has asked for another place meanwhile. The address
 * names the new place at once, while its screen may still be loading, and a
 * late answer for the old screen must not take the user back.
 */
import { type Location, Navigate, useLocation } from 'react-router';

/** Whether the window's address is still `location` (the hash router's: #/path?query). */
export function stillAt(location: Location): boolean {
  return window.location.hash.replace(/^#/, '') === `${location.pathname}${location.search}`;
}

export function RedirectWhenLoaded({ to }: { to: string }) {
  const location = useLocation();
  return stillAt(location) ? <Navigate to={to} replace /> : null;
}
