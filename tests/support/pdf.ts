/**
 * Reads a PDF back the way a test should: pdf.js extracts each page's text
 * (and its size), so assertions are about what a reader of the paper sees.
 */
import { createRequire } from 'node:module';

export interface PdfPageText {
  /** The page's text items joined in reading order, one line per text row. */
  text: string;
  /** Items with their position and their text's height as drawn (a page placed smaller counts smaller), for layout checks (y grows upwards, in points). */
  items: { str: string; x: number; y: number; size: number }[];
  width: number;
  height: number;
}

export interface PdfText {
  pages: PdfPageText[];
  title: string | null;
  /** The bookmarks' top level, as a reader's side panel lists them. */
  outline: string[];
  /** Whether the PDF is tagged: its first page has a structure tree, there for screen readers. */
  tagged: boolean;
  /** How many pages have a structure tree. */
  structured: number;
  /** Every link's address, page by page in order. */
  links: string[];
}

const require = createRequire(import.meta.url);

/** pdf.js 6 expects Node 22's Promise.withResolvers; Node 20, which the project supports, lacks it. */
function withResolvers<T>() {
  let resolve!: (value: T | PromiseLike<T>) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
(Promise as unknown as { withResolvers?: unknown }).withResolvers ??= withResolvers;

export async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const standardFontDataUrl = `${require.resolve('pdfjs-dist/package.json').replace(/package\.json$/, '')}standard_fonts/`;
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), standardFontDataUrl, useSystemFonts: false });
  const doc = await task.promise;
  const pages: PdfPageText[] = [];
  const links: string[] = [];
  let structured = 0;
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    if ((await page.getStructTree()) !== null) structured += 1;
    const content = await page.getTextContent();
    for (const annotation of (await page.getAnnotations()) as { url?: string }[]) if (annotation.url) links.push(annotation.url);
    const items = content.items
      .filter((i): i is typeof i & { str: string; transform: number[] } => 'str' in i)
      // pdf.js reads Noto Sans JP's 中黒 as U+2027 (the font gives both one glyph); the page shows, and poppler reads, ・.
      .map((i) => ({
        str: i.str.replace(/\u2027/g, '・'),
        x: i.transform[4]!,
        y: i.transform[5]!,
        size: Math.hypot(i.transform[2]!, i.transform[3]!),
      }));
    const rows = new Map<number, { str: string; x: number }[]>();
    for (const item of items) {
      const key = Math.round(item.y);
      rows.set(key, [...(rows.get(key) ?? []), item]);
    }
    const text = [...rows.entries()]
      .sort(([a], [b]) => b - a)
      .map(([, row]) =>
        row
          .sort((a, b) => a.x - b.x)
          .map((i) => i.str)
          .join(''),
      )
      .join('\n');
    const [, , width, height] = page.view as [number, number, number, number];
    pages.push({ text, items, width, height });
  }
  const meta = await doc.getMetadata();
  const title = ((meta.info as Record<string, unknown>).Title as string | undefined) ?? null;
  const outline = ((await doc.getOutline()) ?? []).map((item) => item.title);
  const tagged = doc.numPages > 0 && (await (await doc.getPage(1)).getStructTree()) !== null;
  await task.destroy();
  return { pages, title, outline, tagged, structured, links };
}

interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

/**
 * Each page's structure tree as pdf.js reads it (the elements with content on the page, from the document's root),
 * by role, each piece of content as `c` when it is on that page and `c?` when the tree sent the reader elsewhere —
 * not by id, which names objects that differ between two files with the same structure.
 */
export async function pageStructures(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false });
  const doc = await task.promise;
  const found: string[] = [];
  for (let n = 1; n <= doc.numPages; n += 1) {
    const page = await doc.getPage(n);
    const own = `p${page.ref?.num}R_`;
    const roles = (node: StructNode): string =>
      node.type === 'content'
        ? node.id?.startsWith(own)
          ? 'c'
          : 'c?'
        : `${node.role ?? ''}(${(node.children ?? []).map(roles).join(',')})`;
    const tree = (await page.getStructTree()) as StructNode | null;
    found.push(tree ? roles(tree) : '');
  }
  await task.destroy();
  return found;
}
