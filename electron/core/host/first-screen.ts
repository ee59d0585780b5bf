/**
 * The loopback host's drawing of the first screen: the renderer's own components drawn in Node with the answers the
 * host writes into the page (renderer/src/first-screen.server.tsx, built into dist/first-screen beside dist/renderer).
 * The page's body then shows the home as it is read, and the app's code takes that markup over as it is once it has
 * come (main.tsx). Drawn only for a page that has every first answer on a file: a page at another screen (the address
 * after # never reaches the host) hides it from its first frame on, by the one inline script the policy lets run
 * (FIRST_SCREEN_GUARD, in the head). Without the built drawing (a test's folder), or if it fails, the page draws the
 * home itself.
 */
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import type { DrawFirstScreen, FirstAnswer } from '@shared/contract/first-questions';
import { FIRST_SCREEN_GUARD } from '@shared/security/csp';
import { AHEAD_MARK } from '@shared/served-files';
import { requireCompiled } from '../kernel/code-cache';

/** An element of the page's head marked AHEAD_MARK: a `<link …>`, or a `<script …></script>`. */
const AHEAD = new RegExp(`\\s*<(?:link|script)\\b[^>]*\\s${AHEAD_MARK}(?:[\\s>=][^>]*)?>(?:</script>)?`, 'g');

/**
 * The head of a page whose home the host draws: the guard first (FIRST_SCREEN_GUARD), and without what the page asks
 * for ahead of a first screen it draws itself (AHEAD_MARK). The faces it preloads held that page's first frame until
 * they had come (~130 ms here: the browser delivers them after the code), where without them the home shows at once in
 * the system's Japanese face and takes the app's as they come (font-display: swap); and ICU's data loaded before that
 * frame, not after it. (The host never sees the address after #: a page opened at another screen, a reload there,
 * goes without them too.) Null for a head without `<head>`: no guard, so no home may be drawn into that page.
 */
export function firstScreenHead(head: string): string | null {
  // Without the guard, no home may be drawn: the caller sends the head as it is.
  if (!head.includes('<head>')) return null;
  return head.replace(AHEAD, '').replace('<head>', () => `<head><script>${FIRST_SCREEN_GUARD}</script>`);
}

/** Where the build puts the drawing for the renderer built in `staticDir`. */
export function firstScreenFile(staticDir: string): string {
  return path.join(staticDir, '..', 'first-screen', 'first-screen.cjs');
}

export class FirstScreen {
  /** The drawing loaded, with the modification time of its file then; a file that would not load, by that time too. */
  private loaded: { draw: DrawFirstScreen; mtimeMs: number; keep: () => unknown } | null = null;
  private refused: number | null = null;

  constructor(private readonly file: string) {}

  /** Whether the drawing was built (a page's head is sent before its answers, and before the drawing is loaded). */
  available(): boolean {
    return fs.existsSync(this.file);
  }

  /**
   * The drawing's code (~40 ms to compile it, less from V8's kept code; as the host starts listening): loaded once,
   * and again after a build under a running host, so the home is drawn by the same build as the page's code.
   */
  load(): DrawFirstScreen | null {
    const mtimeMs = fs.statSync(this.file, { throwIfNoEntry: false })?.mtimeMs;
    if (mtimeMs === undefined || mtimeMs === this.refused) return null;
    if (this.loaded?.mtimeMs === mtimeMs) return this.loaded.draw;
    const kept = (Module as unknown as { _cache: Record<string, unknown> })._cache;
    delete kept[this.file];
    try {
      // Its compiled code kept once it has drawn (root): then it holds React's drawing, not only the bundle's top level.
      const { exports, keep } = requireCompiled(this.file, undefined, true);
      this.loaded = { draw: (exports as { renderFirstScreen: DrawFirstScreen }).renderFirstScreen, mtimeMs, keep };
      return this.loaded.draw;
    } catch {
      this.loaded = null;
      this.refused = mtimeMs;
      return null;
    }
  }

  /**
   * The page's root element with the home drawn in it; null to leave the root empty (no drawing, or it failed: the
   * page then draws the home itself, as without it). A part that failed inside the drawing is left by React for the
   * page to draw (`<!--$!`): the page would say so as an error, so that drawing is not sent either.
   */
  root(answers: readonly FirstAnswer[]): string | null {
    const draw = this.load();
    if (!draw) return null;
    try {
      const markup = draw(answers);
      // Kept once the page's answer has gone, not in its wait.
      if (this.loaded) setImmediate(this.loaded.keep);
      return markup.includes('<!--$!') ? null : `<div id="root">${markup}</div>`;
    } catch {
      return null;
    }
  }
}
