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
import path from 'node:path';
import type { FirstAnswer } from '@shared/contract/first-questions';
import { FIRST_SCREEN_GUARD } from '@shared/security/csp';
import { AHEAD_MARK } from '@shared/served-files';
import { compileCacheDir, requireWithCodeCache } from '../kernel/code-cache';

type Draw = (answers: readonly FirstAnswer[]) => string;

/** An element of the page's head marked AHEAD_MARK: a `<link …>`, or a `<script …></script>`. */
const AHEAD = new RegExp(`\\s*<(?:link|script)\\b[^>]*\\s${AHEAD_MARK}(?:[\\s>=][^>]*)?>(?:</script>)?`, 'g');

/**
 * The head of a page whose home the host draws: the guard first (FIRST_SCREEN_GUARD), and without what the page asks
 * for ahead of a first screen it draws itself (AHEAD_MARK). The faces it preloads held that page's first frame until
 * they had come (~130 ms here: the browser delivers them after the code), where without them the home shows at once in
 * the system's Japanese face and takes the app's as they come (font-display: swap); and ICU's data loaded before that
 * frame, not after it.
 */
export function firstScreenHead(head: string): string {
  return head.replace(AHEAD, '').replace(/<head>/, () => `<head><script>${FIRST_SCREEN_GUARD}</script>`);
}

/** Where the build puts the drawing for the renderer built in `staticDir`. */
export function firstScreenFile(staticDir: string): string {
  return path.join(staticDir, '..', 'first-screen', 'first-screen.cjs');
}

export class FirstScreen {
  private draw: Draw | null | undefined;

  constructor(private readonly file: string) {}

  /** Whether the drawing was built (a page's head is sent before its answers, and before the drawing is loaded). */
  available(): boolean {
    return this.draw !== null && (this.draw !== undefined || fs.existsSync(this.file));
  }

  /** Loads the drawing's code (~40 ms compiled, less from V8's kept code): once, as the host starts listening. */
  load(): boolean {
    if (this.draw === undefined) {
      try {
        this.draw = fs.existsSync(this.file)
          ? (requireWithCodeCache(this.file, compileCacheDir()).exports as { renderFirstScreen: Draw }).renderFirstScreen
          : null;
      } catch {
        this.draw = null;
      }
    }
    return this.draw !== null;
  }

  /**
   * The page's root element with the home drawn in it; null to leave the root empty (no drawing, or it failed: the
   * page then draws the home itself, as without it).
   */
  root(answers: readonly FirstAnswer[]): string | null {
    if (!this.load()) return null;
    try {
      return `<div id="root">${this.draw!(answers)}</div>`;
    } catch {
      return null;
    }
  }
}
