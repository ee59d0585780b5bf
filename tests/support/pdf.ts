/**
 * Reads a PDF back the way a test should: pdf.js extracts each page's text
 * (and its size), so assertions are about what a reader of the paper sees.
 */
import { createRequire } from 'node:module';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFStream, PDFString } from 'pdf-lib';

export interface PdfPageText {
  /** The page's text items joined in reading order, one line per text row. */
  text: string;
  /** Items with their position and their text's height as drawn (a page placed smaller counts smaller), for layout checks (y grows upwards, in points). */
  items: { str: string; x: number; y: number; size: number; width: number }[];
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
      .filter((i): i is typeof i & { str: string; transform: number[]; width: number } => 'str' in i)
      // pdf.js reads Noto Sans JP's 中黒 as U+2027 (the font gives both one glyph); the page shows, and poppler reads, ・.
      .map((i) => ({
        str: i.str.replace(/\u2027/g, '・'),
        x: i.transform[4]!,
        y: i.transform[5]!,
        size: Math.hypot(i.transform[2]!, i.transform[3]!),
        width: i.width,
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

/**
 * What a reader, a screen reader or a print system could trip over in a PDF's structure, read with pdf-lib (not
 * the app's own reader): font subsets sharing a name, a structure tree that is not one Document whose elements
 * name their parents, ids that the id tree does not hold in order, keys into the parent tree it does not hold,
 * an outline whose links or count do not agree. Empty when all holds.
 */
export async function structureProblems(bytes: Uint8Array): Promise<string[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const problems: string[] = [];
  const name = (key: string) => PDFName.of(key);
  const text = (value: unknown) =>
    value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : value === undefined ? undefined : String(value);

  // Font subsets: one name per descriptor, and per font of each kind (a Type0 font is named after its CID font).
  const fontNames = new Map<string, number>();
  const count = (key: string) => fontNames.set(key, (fontNames.get(key) ?? 0) + 1);
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue;
    const type = object.get(name('Type'));
    if (type === name('FontDescriptor')) count(`font ${object.get(name('FontName'))}`);
    // Type 3 fonts (drawn glyphs) have no name.
    if (type !== name('Font') || !object.get(name('BaseFont'))) continue;
    const base = String(object.get(name('BaseFont')));
    count(`${object.get(name('Subtype'))} ${base}`);
    const descendant = object.lookupMaybe(name('DescendantFonts'), PDFArray)?.lookup(0, PDFDict);
    if (descendant && !base.startsWith(String(descendant.get(name('BaseFont')))))
      problems.push(`font ${base} is not named after its CID font`);
  }
  for (const [font, times] of fontNames) if (times > 1) problems.push(`${font} names ${times} subsets`);

  // The structure tree: one Document, every element's /P its parent; ids collected.
  const root = pdf.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict);
  if (root) {
    const top = root.get(name('K'));
    const document = top instanceof PDFRef ? pdf.context.lookup(top, PDFDict) : null;
    if (!document || document.get(name('S')) !== name('Document')) problems.push('the structure root holds no single Document');
    else if (!document.get(name('Lang'))) problems.push('the Document has no language');
    const ids = new Map<string, PDFRef>();
    const headers: string[] = [];
    const walk = (ref: PDFRef, parent: PDFRef | undefined, depth: number) => {
      const element = pdf.context.lookup(ref);
      if (!(element instanceof PDFDict) || depth > 200) return;
      if (parent && element.get(name('P')) !== parent) problems.push(`element ${ref} does not name its parent ${parent}`);
      const id = text(element.get(name('ID')));
      if (id !== undefined) ids.set(id, ref);
      for (const a of [element.lookup(name('A'))].flatMap((v) => (v instanceof PDFArray ? v.asArray() : [v]))) {
        const list = a instanceof PDFRef ? pdf.context.lookup(a) : a;
        const held = list instanceof PDFDict ? list.lookup(name('Headers')) : undefined;
        if (held instanceof PDFArray) for (const h of held.asArray()) headers.push(text(h)!);
      }
      const kids = element.get(name('K'));
      for (const kid of kids instanceof PDFArray ? kids.asArray() : [kids]) if (kid instanceof PDFRef) walk(kid, ref, depth + 1);
    };
    if (top instanceof PDFRef) walk(top, undefined, 0);
    // The id tree's names in order, each naming its element; every header a cell names is one of them.
    const names: string[] = [];
    const leaves = (node: PDFDict | undefined) => {
      if (!node) return;
      const kids = node.lookupMaybe(name('Kids'), PDFArray);
      for (const kid of kids?.asArray() ?? []) leaves(pdf.context.lookup(kid, PDFDict));
      const pairs = node.lookupMaybe(name('Names'), PDFArray)?.asArray() ?? [];
      for (let i = 0; i < pairs.length; i += 2) {
        const key = text(pairs[i])!;
        names.push(key);
        if (ids.get(key) !== pairs[i + 1]) problems.push(`id ${key} does not lead to its element`);
      }
    };
    leaves(root.lookupMaybe(name('IDTree'), PDFDict));
    if (names.some((key, i) => i > 0 && key <= names[i - 1]!)) problems.push('the id tree is not in order');
    for (const header of headers) if (!ids.has(header)) problems.push(`header ${header} names no element`);
    // Every page's and picture's key into the parent tree is one the tree holds.
    const nums = root.lookup(name('ParentTree'), PDFDict).lookupMaybe(name('Nums'), PDFArray)?.asArray() ?? [];
    const ordered = nums.filter((_, i) => i % 2 === 0).map((n) => (n as PDFNumber).asNumber());
    const next = root.lookup(name('ParentTreeNextKey'), PDFNumber).asNumber();
    if (ordered.some((key, i) => key >= next || (i > 0 && key <= ordered[i - 1]!)))
      problems.push('the parent tree keys are not ascending below the next key');
    const keys = new Set(ordered);
    for (const [ref, object] of pdf.context.enumerateIndirectObjects()) {
      const dict = object instanceof PDFDict ? object : object instanceof PDFStream ? object.dict : null;
      const key = dict?.get(name('StructParents'));
      if (key instanceof PDFNumber && !keys.has(key.asNumber())) problems.push(`${ref}'s key ${key} is not in the parent tree`);
    }
  }

  // The outline's top level: linked both ways, its ends and count as the outline says.
  const outlines = pdf.catalog.lookupMaybe(name('Outlines'), PDFDict);
  if (outlines) {
    let count = 0;
    const visible = (item: PDFRef | undefined): number => {
      let n = 0;
      for (let at = item; at; ) {
        const entry = pdf.context.lookup(at, PDFDict);
        const own = entry.get(name('Count'));
        n += 1 + (own instanceof PDFNumber && own.asNumber() > 0 ? visible(entry.get(name('First')) as PDFRef) : 0);
        at = entry.get(name('Next')) as PDFRef | undefined;
      }
      return n;
    };
    let previous: PDFRef | undefined;
    for (let at = outlines.get(name('First')) as PDFRef | undefined; at; ) {
      const entry = pdf.context.lookup(at, PDFDict);
      if (entry.get(name('Prev')) !== previous) problems.push(`outline entry ${at} has the wrong /Prev`);
      if (entry.get(name('Parent')) !== pdf.catalog.get(name('Outlines'))) problems.push(`outline entry ${at} has the wrong /Parent`);
      previous = at;
      count += 1;
      at = entry.get(name('Next')) as PDFRef | undefined;
    }
    if (outlines.get(name('Last')) !== previous) problems.push('the outline /Last is not its last entry');
    const said = outlines.get(name('Count'));
    const open = visible(outlines.get(name('First')) as PDFRef | undefined);
    if (!(said instanceof PDFNumber) || said.asNumber() !== open)
      problems.push(`the outline's count ${said} is not its ${open} open entries`);
    if (count === 0) problems.push('the outline is empty');
  }
  return problems;
}
