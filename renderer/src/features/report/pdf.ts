/**
 * pdf.js behind a small door: the library loads on first use (not at app
 * start-up), opens a PDF the core sent as base64 and draws a page onto a
 * canvas as sharp as the screen allows.
 */
import type { PDFDocumentProxy, PDFPageProxy, RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?worker&url';

export type PdfDocument = PDFDocumentProxy;
export type PdfPage = PDFPageProxy;

/** CSS pixels per PDF point: at 100% a page shows at its printed size (A4 portrait = 794 × 1123 px). */
export const CSS_PX_PER_PT = 96 / 72;

let library: Promise<typeof import('pdfjs-dist')> | undefined;

function loadLibrary(): Promise<typeof import('pdfjs-dist')> {
  library ??= import('pdfjs-dist').then(
    (pdfjs) => {
      pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
      return pdfjs;
    },
    (error: unknown) => {
      // A failed chunk load is retried on the next call rather than remembered.
      library = undefined;
      throw error;
    },
  );
  return library;
}

function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Opens a PDF from its base64 text; `closePdf` it when done. */
export async function openPdf(base64: string): Promise<PdfDocument> {
  const pdfjs = await loadLibrary();
  // pdf.js 6 no longer evaluates PDF functions as JavaScript, so the CSP needs no 'unsafe-eval'.
  return pdfjs.getDocument({ data: bytesOf(base64) }).promise;
}

/** Frees the document's memory in the worker. */
export function closePdf(doc: PdfDocument): void {
  void doc.loadingTask.destroy();
}

/** The pages of a document, in order. */
export function pagesOf(doc: PdfDocument): Promise<PdfPage[]> {
  return Promise.all(Array.from({ length: doc.numPages }, (_, i) => doc.getPage(i + 1)));
}

/** A page's size in CSS pixels at 100%. */
export function pageSize(page: PdfPage): { width: number; height: number } {
  const { width, height } = page.getViewport({ scale: CSS_PX_PER_PT });
  return { width, height };
}

/**
 * Draws `page` into `canvas` at `zoom` × its printed size, with one canvas
 * pixel per device pixel. The caller sizes the canvas on screen (CSS); the
 * task is returned so a draw can be cancelled when the zoom changes first.
 * @example drawPage(page, canvas, 1.25).promise
 */
export function drawPage(page: PdfPage, canvas: HTMLCanvasElement, zoom: number): RenderTask {
  const viewport = page.getViewport({ scale: zoom * CSS_PX_PER_PT * (window.devicePixelRatio || 1) });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  return page.render({ canvas, viewport });
}

/**
 * The first page of a PDF as a PNG `heightPx` device pixels tall, for a
 * gallery thumbnail (an <img> keeps no pdf.js document open).
 */
export async function firstPageImage(base64: string, heightPx: number): Promise<Blob> {
  const doc = await openPdf(base64);
  try {
    const page = await doc.getPage(1);
    const canvas = document.createElement('canvas');
    const zoom = heightPx / (pageSize(page).height * (window.devicePixelRatio || 1));
    await drawPage(page, canvas, zoom).promise;
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('サムネイルを作れませんでした'))), 'image/png'),
    );
  } finally {
    closePdf(doc);
  }
}
