/**
 * Which browser prints and how it is started: the system's Chromium, Chrome or Edge (never a downloaded one),
 * headless, on its DevTools pipe. Kept apart from the printer and free of the core's other modules, so
 * the `renkei` command's first file (cli/start.ts) can start the browser before the commands are even loaded.
 * The report domain's printer (report/chromium.ts) drives it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DevToolsPipe } from './devtools';

/** Where a browser that can print is usually installed, in the order tried. */
function browserCandidates(): string[] {
  const env = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : [];
  if (process.platform === 'win32') {
    const roots = [process.env['PROGRAMFILES(X86)'], process.env.PROGRAMFILES, process.env.LOCALAPPDATA].filter(Boolean) as string[];
    return [
      ...env,
      ...roots.flatMap((root) => [
        path.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
        path.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      ]),
    ];
  }
  if (process.platform === 'darwin') {
    return [
      ...env,
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  return [...env, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/microsoft-edge'];
}

export function findBrowser(): string | null {
  return browserCandidates().find((p) => fs.existsSync(p)) ?? null;
}

/** Headless and quiet; without the sandbox only as root (a container or CI), where Chromium refuses to start with it. */
export const BROWSER_ARGS = [
  '--headless',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * What the printing browser runs with beyond BROWSER_ARGS: Japanese, timers and
 * frames at full speed although no window is shown (the print page waits for
 * frames), colours as written, nothing that reaches out or asks.
 */
const PRINTER_ARGS = [
  '--lang=ja-JP',
  // As it was run before: the print page is the app's own, from loopback; a user without user namespaces still prints.
  ...(BROWSER_ARGS.includes('--no-sandbox') ? [] : ['--no-sandbox']),
  '--no-startup-window',
  // A container's small /dev/shm would crash the renderer on a large pack.
  '--disable-dev-shm-usage',
  // Edge would otherwise relaunch itself (or drop its rights), losing the pipe.
  '--edge-skip-compat-layer-relaunch',
  '--do-not-de-elevate',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--force-color-profile=srgb',
  '--disable-extensions',
  '--disable-default-apps',
  '--no-default-browser-check',
  '--disable-breakpad',
  '--password-store=basic',
  '--use-mock-keychain',
  '--mute-audio',
  '--hide-scrollbars',
  // No renderers the print never uses: the spare one kept for the next site, the address bar's popup (a page of its own
  // in recent Chromium, ~150 MB resident), the preloaded browser-UI pages. Names a browser does not know are ignored.
  '--disable-features=PreloadTopChromeWebUI,SpareRendererForSitePerProcess,WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
];

/** A printing browser being started: where it is, and the pipe once it answers. */
export interface EarlyBrowser {
  executablePath: string;
  launched: Promise<DevToolsPipe>;
}

/** Starts the printing browser; null when this PC has none (the printer then says so, in Japanese). */
export function launchPrintingBrowser(): EarlyBrowser | null {
  const executablePath = findBrowser();
  if (!executablePath) return null;
  const launched = DevToolsPipe.launch(executablePath, [...BROWSER_ARGS, ...PRINTER_ARGS]);
  // The printer reports a failed start when it prints; until then the rejection is not an unhandled one.
  launched.catch(() => undefined);
  return { executablePath, launched };
}
