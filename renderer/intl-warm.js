// ICU's Japanese calendar and number data, loaded on a worker while the app's code downloads. Chromium keeps that
// data for the whole window's process, so the first screen's first 和暦 date and figure (shared/wareki.ts, format.ts)
// then take well under a millisecond of the main thread, not the 20–40 ms the first Intl formatter of a new window
// takes to load it. The page runs this file as a plain script (async); the worker is this same file.
if (typeof document === 'undefined') {
  new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    era: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(0);
  new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 }).format(0);
  close();
} else {
  new Worker(document.currentScript.src);
}
