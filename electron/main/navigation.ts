/**
 * Where the window may go: only the app's own pages (app://renkei/…). Web
 * links open in the OS browser; anything else is refused. And which file of
 * the built renderer an app:// address is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

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

/**
 * The file:// URL of the renderer file an app:// request names, or null (not the app's host, outside the renderer
 * folder, not there). A URL made from the path, not pasted into one: an install folder with # or % in its name
 * (C:\\Users\\#1\\…) would otherwise name another file and the window would stay blank.
 */
export function appFileUrl(rendererDir: string, raw: string): string | null {
  const url = new URL(raw);
  const file = path.resolve(rendererDir, decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html');
  if (url.host !== APP_HOST || !file.startsWith(rendererDir + path.sep) || !fs.existsSync(file)) return null;
  return pathToFileURL(file).href;
}
