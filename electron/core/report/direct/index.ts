/**
 * ReportDocs written as one PDF by the core itself, without a browser: laid
 * out as the print page lays them out (layout.ts), each document from a new
 * page on its own paper and numbering its own pages 「1 / n」, with an outline
 * of each document's title and headings. A pack lays its reports out first,
 * then its cover from their lengths, then writes them all (DirectPrint).
 */
import type { ReportDoc } from '@shared/report/model';
import { drawFooter, drawPage, type LaidDoc, layoutDocument } from './layout';
import { type OutlineEntry, PdfWriter } from './pdf';

export interface DirectPdf {
  pdf: Buffer;
  /** Each document's length in pages, in order. */
  pages: number[];
  /** Characters the fonts do not hold, drawn as 〓 (a rare 人名漢字 typed into a name): by document, those that have any. */
  missing: MissingCharacters[];
}

/** A document's characters drawn as 〓, in the order first met. */
export interface MissingCharacters {
  name: string;
  title: string;
  characters: string[];
}

/** Documents laid out one after another into one PDF, whose lengths are known before it is written. */
export class DirectPrint {
  private readonly writer = new PdfWriter();
  private readonly laid: LaidDoc[] = [];
  /** Each laid document's characters drawn as 〓. */
  private readonly missing = new Map<LaidDoc, Set<string>>();

  private layout(doc: ReportDoc): LaidDoc {
    const missing = new Set<string>();
    const laid = this.writer.noting(missing, () => layoutDocument(this.writer, doc));
    this.missing.set(laid, missing);
    return laid;
  }

  /** Lays a document out after the others and gives its length in pages. */
  add(doc: ReportDoc): number {
    const laid = this.layout(doc);
    this.laid.push(laid);
    return laid.pages.length;
  }

  /** Lays a document out before the others (a cover made from their lengths) and gives its length. */
  addFirst(doc: ReportDoc): number {
    const laid = this.layout(doc);
    this.laid.unshift(laid);
    return laid.pages.length;
  }

  /** Takes back the first document (a cover laid out with a length it does not have). */
  dropFirst(): void {
    this.laid.shift();
  }

  /** Writes the documents laid out; `between` is awaited after each (a long pack gives its thread back). */
  async write(title: string, between?: () => Promise<void>): Promise<DirectPdf> {
    const outline: OutlineEntry[] = [];
    let pageIndex = 0;
    for (const laid of this.laid) {
      await between?.();
      const total = laid.pages.length;
      const entry: OutlineEntry = { title: laid.doc.title, page: pageIndex, y: 0, children: [] };
      laid.pages.forEach((placed, n) => {
        const page = this.writer.page(laid.width, laid.height);
        this.writer.noting(this.missing.get(laid)!, () => drawPage(page, placed));
        if (laid.doc.pageNumbers !== false) drawFooter(this.writer, page, `${n + 1} / ${total}`);
        for (const { piece, top } of placed) {
          if (piece.outline?.level === 0) Object.assign(entry, { page: pageIndex + n, y: top });
          if (piece.outline?.level === 1) entry.children.push({ title: piece.outline.title, page: pageIndex + n, y: top, children: [] });
        }
      });
      outline.push(entry);
      pageIndex += total;
    }
    const pdf = await this.writer.save(title, outline);
    const missing = this.laid.flatMap((l) => {
      const characters = [...this.missing.get(l)!];
      return characters.length > 0 ? [{ name: l.doc.name, title: l.doc.title, characters }] : [];
    });
    return { pdf, pages: this.laid.map((l) => l.pages.length), missing };
  }
}

/**
 * Documents as one PDF, each from a new page, numbering its own pages.
 * @example const { pdf, pages } = await writeDocumentsPdf([doc]) // pages: [3]
 */
export async function writeDocumentsPdf(
  docs: readonly ReportDoc[],
  title = docs[0]?.title ?? '',
  between?: () => Promise<void>,
): Promise<DirectPdf> {
  const print = new DirectPrint();
  for (const doc of docs) {
    print.add(doc);
    await between?.();
  }
  return print.write(title, between);
}
