/** The print page's entry (print.html): the fonts and tokens, and the print page alone — no app, router or client. */
import './styles/fonts.css';
import './styles/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PrintPage } from './features/report/print/PrintPage';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PrintPage />
  </StrictMode>,
);

// Each face loads (and decodes) while the page waits for its first job, not in the middle of drawing it.
for (const face of ['400 1em "Noto Serif JP"', '400 1em "Noto Sans JP"', '700 1em "Noto Sans JP"']) {
  document.fonts.load(face).catch(() => undefined);
}
