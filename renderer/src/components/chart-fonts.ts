/**
 * Charts drawn again once faces finish loading. A canvas draws its text with
 * the faces loaded at that moment and never draws again by itself, and a
 * face's second file (the kanji beyond the app's own text, styles/fonts.css)
 * loads only once some text needs it — a chart's label of an area or a choice
 * among them, after the chart drew it in the system's font. Imported by every
 * module that draws charts; the listener is added once.
 */
import { Chart } from 'chart.js';

globalThis.document?.fonts?.addEventListener('loadingdone', () => {
  for (const chart of Object.values(Chart.instances)) {
    try {
      chart.update('none');
    } catch {
      // A chart that cannot draw now keeps what it drew; the others are still drawn again.
    }
  }
});
