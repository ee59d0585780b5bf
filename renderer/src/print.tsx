/** The print page's entry (print.html): the fonts and tokens, and the print page alone — no app, router or client. */
import './styles/fonts.css';
import './styles/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PrintPage } from './features/report/print/PrintPage';

// Nothing is drawn ahead here: the page is live from the start (global.css shows progress and takes no click until then).
document.documentElement.dataset.live = '';
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PrintPage />
  </StrictMode>,
);

// Each face loads (and decodes) while the page waits for its first job, not in the middle of drawing it: both files
// of each (styles/fonts.css), as a report's names and places hold kanji beyond the app's own text.
for (const face of document.fonts) face.load().catch(() => undefined);
