/**
 * Where the window may go: only the app's own pages (app://renkei/…). Web
 * links open in the OS browser; anything else is refused.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'renkei';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

export type NavigationDecision = 'allow' | 'open-externally' | 'deny';

export function decideNavigation(raw: string): NavigationDecision {
  if (isAppUrl(raw)) return 'allow';
  try {
    const { protocol } = new URL(raw);
    return protocol === 'https:' || protocol === 'http:' ? 'open-externally' : 'deny';
  } catch {
    return 'deny';
  }
}
