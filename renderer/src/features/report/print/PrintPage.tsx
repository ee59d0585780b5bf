/**
 * The print page (print.html, print.tsx): draws the ReportDocs a printer hands it through
 * window.renkeiPrint, one after another on their own pages, and nothing else. It calls no core operation: the printer
 * holds the core while it prints, so a call from here would never be answered.
 */
import { Component, memo, type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ReportDoc } from '@shared/report/model';
import {
  type DocPoint,
  LAYOUT_CLASS,
  layoutRules,
  PRINT_HOOK,
  type PrintedChart,
  type PrintHook,
  type PrintJob,
  type PrintOutcome,
  pageName,
  pageRules,
} from '@shared/report/print';
import { ReportDocument } from './ReportDocument';

declare global {
  interface Window {
    [PRINT_HOOK]?: PrintHook;
  }
}

interface Job {
  seq: number;
  job: PrintJob;
  /** The documents' mount: a new one draws every document afresh. */
  mount: number;
}

/** The last job's documents, as drawn: a document with the same content in the next job is drawn by the same element. */
interface Drawn {
  docs: ReportDoc[];
  texts: string[];
  mount: number;
  failed: boolean;
}

/**
 * A document is drawn again only when its content changed: the pack's final
 * print, after the one that measured it, redraws the cover and the page
 * numbers, not its sixty pages of reports.
 */
const DrawnDocument = memo(ReportDocument);

interface Waiter {
  seq: number;
  resolve(outcome: PrintOutcome): void;
  reject(error: Error): void;
}

type Result = { outcome: PrintOutcome } | { error: unknown };

/** Catches a document that cannot be drawn, so the printer hears why instead of waiting on a blank page. */
class RenderGuard extends Component<{ onError(error: unknown): void; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    this.props.onError(error);
  }

  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/**
 * The next frame. A hidden window (Electron prints from one) may never run
 * animation frames, so a timer stands in; charts are drawn synchronously
 * anyway, the wait only lets the page paint.
 */
function nextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * The chart on white, as a PNG data URL: the canvas itself is transparent (white on the page anyway), but a
 * transparent PNG in the workbook would show the cell grid through it. Encoded by the browser off this thread
 * (OffscreenCanvas.convertToBlob): a 2,000-pixel-wide chart takes tens of milliseconds to encode, which toDataURL
 * spent on this thread while the print waited.
 */
async function opaquePng(canvas: HTMLCanvasElement): Promise<string> {
  // A chart laid out with no size has no picture (as toDataURL gives it); an empty OffscreenCanvas cannot encode.
  if (canvas.width === 0 || canvas.height === 0) return canvas.toDataURL('image/png');
  const copy = new OffscreenCanvas(canvas.width, canvas.height);
  const ctx = copy.getContext('2d');
  if (!ctx) throw new Error('グラフを画像にできませんでした');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, copy.width, copy.height);
  ctx.drawImage(canvas, 0, 0);
  const png = await copy.convertToBlob({ type: 'image/png' });
  // The copy's 9 MB of pixels go now, not when the collector gets to them: a large pack has hundreds of charts.
  copy.width = 0;
  copy.height = 0;
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(new Error('グラフを画像にできませんでした'));
    reader.readAsDataURL(png);
  });
}

/** How many charts are encoded at once: both cores busy, without a copy of every chart in memory at the same time. */
const ENCODING_AT_ONCE = 2;

/** Each chart block's canvas as a PNG, for the workbook's copy of the report. */
async function drawnCharts(page: HTMLElement, docs: readonly ReportDoc[]): Promise<PrintedChart[]> {
  const found: { docIndex: number; blockIndex: number; canvas: HTMLCanvasElement }[] = [];
  docs.forEach((doc, docIndex) => {
    doc.blocks.forEach((block, blockIndex) => {
      if (block.type !== 'chart') return;
      const canvas = page.querySelector(`[data-doc-index="${docIndex}"] [data-block-index="${blockIndex}"] canvas`);
      if (!(canvas instanceof HTMLCanvasElement)) throw new Error(`グラフ「${block.title}」が描かれていません`);
      found.push({ docIndex, blockIndex, canvas });
    });
  });
  const charts: PrintedChart[] = new Array(found.length);
  let next = 0;
  let failed = false;
  const encoder = async () => {
    while (next < found.length && !failed) {
      const i = next++;
      const { docIndex, blockIndex, canvas } = found[i]!;
      try {
        charts[i] = { docIndex, blockIndex, dataUrl: await opaquePng(canvas) };
      } catch (error) {
        // The job fails with the first error; the other encoder stops too.
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: ENCODING_AT_ONCE }, encoder));
  return charts;
}

/** The rules a job that only lays out counts pages with: adopted once, in force only while the page carries LAYOUT_CLASS. */
let layoutSheet: CSSStyleSheet | null = null;

/**
 * Each document's length in pages, as its print will have it: the page is
 * laid out once more with every document in columns the size of its pages'
 * printable area (layoutRules), and a document's fragments are counted. With
 * `starts`, also where each page starts inside a table (its first row, when
 * the row before it is on an earlier page), for a deck's slide shown a page at a time.
 */
function countPages(page: HTMLElement, starts: boolean): { pages: number[]; starts?: (DocPoint | null)[][] } {
  if (!layoutSheet) {
    layoutSheet = new CSSStyleSheet();
    layoutSheet.replaceSync(layoutRules());
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, layoutSheet];
  }
  page.classList.add(LAYOUT_CLASS);
  try {
    const docs = [...page.querySelectorAll('.print-page__doc')].map((doc) => {
      const drawn = doc.querySelector(':scope > .report-doc');
      if (!drawn) throw new Error('帳票が描かれていません');
      return drawn;
    });
    const pages = docs.map((drawn) => drawn.getClientRects().length);
    if (!starts) return { pages };
    return {
      pages,
      starts: docs.map((drawn, i) => {
        // Each page is a column: a row's page is the last column that starts left of it.
        const columns = [...drawn.getClientRects()].map((rect) => rect.left);
        const pageOf = (rect: DOMRect | undefined) => {
          const left = rect?.left ?? Number.NEGATIVE_INFINITY;
          let at = 0;
          while (at + 1 < columns.length && columns[at + 1]! <= left + 0.5) at += 1;
          return at;
        };
        const found: (DocPoint | null)[] = new Array(pages[i]!).fill(null);
        for (const block of drawn.querySelectorAll(':scope > .report-doc__block--table')) {
          const index = Number(block.getAttribute('data-block-index'));
          // Where the row before ends: a row taller than a page runs onto the next, which then does not start with a row.
          let before = -1;
          block.querySelectorAll('tbody > tr').forEach((row, r) => {
            const rects = row.getClientRects();
            const at = pageOf(rects[0]);
            if (r > 0 && at > before && found[at] === null) found[at] = { block: index, row: r };
            before = pageOf(rects[rects.length - 1]);
          });
        }
        return found;
      }),
    };
  } finally {
    page.classList.remove(LAYOUT_CLASS);
  }
}

function printError(error: unknown): Error {
  const detail = error instanceof Error ? error.message : String(error);
  return new Error(`帳票を印刷用に描画できませんでした（${detail}）。帳票の内容を確かめてから、もう一度出力してください。`);
}

export function PrintPage() {
  const [job, setJob] = useState<Job | null>(null);
  const waiter = useRef<Waiter | null>(null);
  const lastSeq = useRef(0);
  const drawn = useRef<Drawn | null>(null);
  const page = useRef<HTMLDivElement>(null);

  /** Answers the printer once per document; anything later about the same document is dropped. */
  const settle = useCallback((seq: number, result: Result) => {
    const current = waiter.current;
    if (!current || current.seq !== seq) return;
    waiter.current = null;
    if ('error' in result && drawn.current) drawn.current.failed = true;
    if ('error' in result) current.reject(printError(result.error));
    else current.resolve(result.outcome);
  }, []);

  useEffect(() => {
    const print: PrintHook = (job) =>
      new Promise((resolve, reject) => {
        const seq = ++lastSeq.current;
        waiter.current?.reject(new Error('次の帳票の印刷が始まったため、この帳票の描画を取りやめました。'));
        waiter.current = { seq, resolve, reject };
        // Documents the last job drew with the same content keep their elements, unless that drawing failed.
        const texts = job.docs.map((doc) => JSON.stringify(doc));
        const last = drawn.current && !drawn.current.failed ? drawn.current : null;
        const docs = job.docs.map((doc, i) => (last && last.texts[i] === texts[i] ? last.docs[i]! : doc));
        const mount = last ? last.mount : seq;
        drawn.current = { docs, texts, mount, failed: false };
        setJob({ seq, mount, job: { ...job, docs } });
      });
    window[PRINT_HOOK] = print;
    return () => {
      if (window[PRINT_HOOK] === print) delete window[PRINT_HOOK];
    };
  }, []);

  // The job's @page rules (paper, page numbers) as a constructed sheet: the app's policy refuses inline <style>.
  useLayoutEffect(() => {
    if (!job) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(pageRules(job.job));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [job]);

  // Runs after React has committed the document (and the charts, created in their own effects before this one).
  useEffect(() => {
    if (!job) return;
    let live = true;
    void (async () => {
      document.title = job.job.title;
      const root = page.current;
      if (!root) throw new Error('印刷用の画面が用意できていません');
      // Reading the layout makes Chromium shape the text now, so fonts.ready waits for the faces it
      // needs, as well as for those each chart asked for before drawing itself again (ReportChart).
      void root.offsetHeight;
      await document.fonts.ready;
      await nextFrame();
      await nextFrame();
      // A print that gives the lengths follows a job that counted or measured the same documents and took their charts.
      const charting = job.job.pages === null ? drawnCharts(root, job.job.docs) : Promise.resolve([]);
      // Awaited below; a failure while counting is not an unhandled one.
      charting.catch(() => undefined);
      // Counted while the browser encodes the first charts on its other threads.
      const counted = job.job.layoutOnly ? countPages(root, job.job.pageStarts === true) : undefined;
      const charts = await charting;
      if (live) settle(job.seq, { outcome: counted ? { charts, ...counted } : { charts } });
    })().catch((error: unknown) => {
      if (live) settle(job.seq, { error });
    });
    return () => {
      live = false;
    };
  }, [job, settle]);

  return (
    <div className="print-page" ref={page}>
      {job && (
        <RenderGuard key={job.mount} onError={(error) => settle(job.seq, { error })}>
          {job.job.docs.map((doc, i) => (
            // Each document on its own named page: its paper, its page numbers, and a new page where it starts.
            <div key={i} className="print-page__doc" data-doc-index={i} data-orientation={doc.orientation} style={{ page: pageName(i) }}>
              <DrawnDocument doc={doc} />
            </div>
          ))}
        </RenderGuard>
      )}
    </div>
  );
}
