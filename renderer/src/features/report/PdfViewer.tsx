/**
 * A PDF shown as printed: every page on paper over a grey backdrop, with zoom
 * (−/＋, a select, 幅に合わせる; Ctrl+= / Ctrl+- / Ctrl+0). Pages are drawn when
 * they come near the screen and let go when they leave it, so a long report
 * does not hold a canvas per page.
 */
import { useEffect, useRef, useState } from 'react';
import { drawPage, type PdfPage, pageSize } from './pdf';

const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;
const MIN_ZOOM = 0.25;
const MAX_ZOOM = 2;
/** The backdrop's padding on each side, in CSS px (see .pdf-backdrop). */
const BACKDROP_PADDING = 24;

/** null: fit the width but never beyond 100% (the first view); 'fit': fit the width exactly. */
type ZoomChoice = number | 'fit' | null;

function percent(zoom: number): string {
  return `${Math.round(zoom * 100)}%`;
}

function PageCanvas({ page, number, total, zoom }: { page: PdfPage; number: number; total: number; zoom: number }) {
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [near, setNear] = useState(false);
  const size = pageSize(page);

  useEffect(() => {
    const observer = new IntersectionObserver(([entry]) => setNear(Boolean(entry?.isIntersecting)), { rootMargin: '800px 0px' });
    if (frame.current) observer.observe(frame.current);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const target = canvas.current;
    if (!target) return;
    if (!near) {
      target.width = 0;
      target.height = 0;
      return;
    }
    const task = drawPage(page, target, zoom);
    task.promise.catch(() => {
      // Cancelled by a newer zoom, or the document was closed for a new one.
    });
    return () => task.cancel();
  }, [page, zoom, near]);

  return (
    <div
      ref={frame}
      className="pdf-page"
      style={{ width: `${size.width * zoom}px`, height: `${size.height * zoom}px` }}
      role="img"
      aria-label={`${number} / ${total} ページ`}
    >
      <canvas ref={canvas} />
    </div>
  );
}

export function PdfViewer({ pages, busy, label }: { pages: PdfPage[]; busy: boolean; label: string }) {
  const backdrop = useRef<HTMLDivElement>(null);
  const [available, setAvailable] = useState(0);
  const [choice, setChoice] = useState<ZoomChoice>(null);

  useEffect(() => {
    const element = backdrop.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setAvailable(element.clientWidth - 2 * BACKDROP_PADDING));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const widest = Math.max(1, ...pages.map((p) => pageSize(p).width));
  const fit = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, available / widest));
  const zoom = choice === 'fit' ? fit : choice === null ? Math.min(1, fit) : choice;
  const larger = ZOOM_STEPS.find((z) => z > zoom + 0.001);
  const smaller = [...ZOOM_STEPS].reverse().find((z) => z < zoom - 0.001);

  useEffect(() => {
    // The browser's own zoom keys zoom the paper instead; ';' is 「＋」 on a Japanese keyboard.
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const next = ['=', '+', ';'].includes(e.key) ? larger : e.key === '-' ? smaller : e.key === '0' ? 1 : undefined;
      if (['=', '+', ';', '-', '0'].includes(e.key)) e.preventDefault();
      if (next !== undefined) setChoice(next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [larger, smaller]);

  const isStep = ZOOM_STEPS.some((z) => Math.abs(z - zoom) < 0.001);
  return (
    <section className="pdf-viewer" aria-label={label}>
      <div className="pdf-toolbar" role="toolbar" aria-label="表示の倍率">
        <span className="pdf-toolbar__pages" data-testid="page-count">
          {pages.length > 0 ? `全${pages.length}ページ` : ''}
        </span>
        <span className="actions">
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => smaller && setChoice(smaller)}
            disabled={!smaller}
            aria-label="縮小"
            title="縮小（Ctrl+−）"
          >
            −
          </button>
          <select
            className="pdf-toolbar__zoom"
            aria-label="倍率"
            value={isStep ? String(zoom) : 'current'}
            onChange={(e) => setChoice(Number(e.target.value))}
          >
            {!isStep && <option value="current">{percent(zoom)}</option>}
            {ZOOM_STEPS.map((z) => (
              <option key={z} value={String(z)}>
                {percent(z)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => larger && setChoice(larger)}
            disabled={!larger}
            aria-label="拡大"
            title="拡大（Ctrl+＋）"
          >
            ＋
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setChoice('fit')}
            aria-pressed={choice === 'fit'}
          >
            幅に合わせる
          </button>
          <span className="muted pdf-toolbar__hint">Ctrl+＋／Ctrl+−／Ctrl+0（100%）</span>
        </span>
      </div>
      <div ref={backdrop} className={`pdf-backdrop${busy ? ' pdf-backdrop--busy' : ''}`} aria-busy={busy}>
        {/* Drawn once the width is known, so the first view is not drawn twice. */}
        {available > 0 && pages.map((page, i) => <PageCanvas key={i} page={page} number={i + 1} total={pages.length} zoom={zoom} />)}
      </div>
    </section>
  );
}
