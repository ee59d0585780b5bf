import { HOME_ADDRESS } from '../contract/first-questions';

/**
 * The one inline script the policy lets run (by its hash), first in the head of a page into which the loopback host
 * drew the home (electron/core/host/first-screen.ts): the host never sees the address after #, so a page opened at
 * another screen marks itself, before its styles, and they hide the home drawn in its root from the first frame on
 * (global.css); the app then draws that screen itself (main.tsx).
 */
export const FIRST_SCREEN_GUARD = `if(!/${HOME_ADDRESS.source}/.test(location.hash))document.documentElement.setAttribute("data-first-screen","elsewhere")`;
/** `sha256-` and the base64 of FIRST_SCREEN_GUARD's SHA-256 (csp.test.ts checks it). */
export const FIRST_SCREEN_GUARD_HASH = 'sha256-nvNsg+LEdBQPYWHtPPqaY5lMGKwg0YFK2ElVVEscL60=';

/**
 * The one Content-Security-Policy of the app, sent by both the Electron shell
 * and the loopback host: only the app's own files, no inline script but the
 * first screen's guard, no network beyond the app itself.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' '${FIRST_SCREEN_GUARD_HASH}'`,
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
