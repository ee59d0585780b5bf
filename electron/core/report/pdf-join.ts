/**
 * Joins prints into one PDF, as if they had been printed together: their
 * pages one after another, their outlines one list, their structure trees
 * (the tags a screen reader follows) one tree. A large pack is printed in
 * parts (report/printer.ts), so the browser lays out a part at a time rather
 * than every page at once, and the parts are joined here.
 *
 * Reads the prints as Chromium writes them (pdf-read.ts: a classic
 * cross-reference table, the dictionaries as plain text) and copies every
 * object byte for byte, its references renumbered; streams are not touched.
 * Anything not shaped as expected (another writer, a newer Chromium) makes the
 * join answer null, and the caller prints the whole instead.
 */
import { PdfText, ref, refs, stringEnd } from './pdf-read';

/** A reference `n 0 R` outside names and numbers. */
const REFERENCE = /(?<![\w.#/+-])(\d+)\s+(\d+)\s+R(?![\w])/g;
/** A page's or a picture's key into the structure's parent tree. */
const STRUCT_PARENT = /\/StructParents?(\s+)(\d+)/g;
/**
 * A font subset's name (its tag, six capitals, then +): each print tags its subsets AAAAAA+, BAAAAA+, …, and two
 * subsets of one file must not share a name (ISO 32000 9.6.4), so a later part's tags are made its own.
 */
const FONT_SUBSET = /\/(BaseFont|FontName)(\s*)\/([A-Z]{6})\+/g;
/** An element's id as Chromium names it (its DOM node), kept apart between parts by a prefix. */
const NODE_ID = /^\(node\d+\)$/;

/** One print read for joining: its objects' new numbers and the roots the joined file replaces. */
interface Part {
  pdf: PdfText;
  /** Added to each object's number. */
  base: number;
  /** Added to each key into the parent tree. */
  structBase: number;
  /** Put before each element id. */
  idPrefix: string;
  pages: number;
  pageCount: number;
  outlines: { root: number; first: number; last: number; count: number } | null;
  struct: {
    root: number;
    /** The one Document element under the root, whose children the joined Document takes. */
    document: number;
    /** Its children (a reference or an array of them), and its language as written. */
    children: string;
    lang: string | null;
    nextKey: number;
    parentTree: number;
    nums: [number, number][];
    idTree: number | null;
    idKids: number[];
  } | null;
  info: number | null;
  /** The object numbers the print's table lists in use: a reference to any other is refused. */
  used: Set<number>;
  /** Put in place of the last three letters of a font subset's tag (a print names its subsets as every other does). */
  fontTag: string;
}

/** The objects of the joined file that stand for each part's own (its catalog, outline and structure roots). */
interface Roots {
  catalog: number;
  pages: number;
  outlines: number;
  struct: number;
  document: number;
  parentTree: number;
  idTree: number;
}

/** A dictionary's text without the given keys' values (plain text, strings blanked), to see what else it holds. */
function without(dict: string, patterns: RegExp[]): string {
  return patterns.reduce((text, pattern) => text.replace(pattern, ' '), dict);
}

/** The number a key holds, or null. */
function integer(dict: string, key: string): number | null {
  const found = new RegExp(`/${key}\\s+(-?\\d+)(?![\\d.])(?!\\s+\\d+\\s+R)`).exec(dict);
  return found ? Number(found[1]) : null;
}

/** Reads one print's catalog, page tree root, outline and structure tree; null when any is not as Chromium writes it. */
/** Three capital letters for a part after the first (AAB, AAC, …): never AAA, which ends Chromium's own tags. */
function fontTag(index: number): string {
  let tag = '';
  for (let n = index, i = 0; i < 3; i += 1, n = Math.floor(n / 26)) tag = String.fromCharCode(65 + (n % 26)) + tag;
  return tag;
}

function readPart(bytes: Uint8Array, index: number): Omit<Part, 'base' | 'structBase'> | null {
  const pdf = PdfText.read(bytes);
  // A table of another kind alongside, or an encrypted file: not what Chromium writes.
  if (!pdf || /\/(XRefStm|Encrypt)\b/.test(pdf.trailer)) return null;
  const catalog = pdf.object(pdf.root);
  if (!catalog) return null;
  const pages = ref(catalog, 'Pages');
  const outlineRoot = ref(catalog, 'Outlines');
  const structRoot = ref(catalog, 'StructTreeRoot');
  // Nothing else the join would have to carry over (named destinations, forms, …).
  if (pages === null || /\d+\s+\d+\s+R/.test(without(catalog, [/\/(Pages|Outlines|StructTreeRoot)\s+\d+\s+0\s+R/g]))) return null;
  const tree = pdf.object(pages);
  const pageCount = tree === null ? null : integer(tree, 'Count');
  if (tree === null || pageCount === null || /\/Parent\b/.test(tree)) return null;

  let outlines: Part['outlines'] = null;
  if (outlineRoot !== null) {
    const root = pdf.object(outlineRoot);
    const first = root === null ? null : ref(root, 'First');
    const last = root === null ? null : ref(root, 'Last');
    if (root === null || (first === null) !== (last === null)) return null;
    // An outline without entries (a slice of a document, without its title) is as none: its root stays unreferenced.
    if (first !== null && last !== null) {
      const firstItem = pdf.object(first);
      const lastItem = pdf.object(last);
      // The ends of the top level, which the join links to the neighbouring parts' ends.
      if (firstItem === null || lastItem === null || /\/Prev\b/.test(firstItem) || /\/Next\b/.test(lastItem)) return null;
      outlines = { root: outlineRoot, first, last, count: integer(root, 'Count') ?? 0 };
    }
  }

  let struct: Part['struct'] = null;
  if (structRoot !== null) {
    const root = pdf.object(structRoot);
    if (root === null) return null;
    const documentRef = /\/K\s+(\d+)\s+0\s+R\b/.exec(root)?.[1];
    const nextKey = integer(root, 'ParentTreeNextKey');
    const parentTree = ref(root, 'ParentTree');
    const idTree = ref(root, 'IDTree');
    const rest = without(root, [
      /\/Type\s*\/StructTreeRoot/,
      /\/K\s+\d+\s+0\s+R/,
      /\/ParentTreeNextKey\s+\d+/,
      /\/(ParentTree|IDTree)\s+\d+\s+0\s+R/g,
    ]);
    if (documentRef === undefined || nextKey === null || parentTree === null || rest.replace(/[<>\s]/g, '') !== '') return null;
    // One Document element under the root, with its language and children only.
    const document = Number(documentRef);
    const span = pdf.span(document);
    const element = pdf.object(document);
    const children = element === null ? undefined : /\/K\s+(\d+\s+0\s+R|\[[^\]]*\])/.exec(element)?.[1];
    const elementRest =
      element === null
        ? null
        : without(element, [
            /\/Type\s*\/StructElem/,
            /\/S\s*\/Document\b/,
            /\/Lang\b/,
            /\/P\s+\d+\s+0\s+R/,
            /\/K\s+(\d+\s+0\s+R|\[[^\]]*\])/,
          ]);
    if (!span || !element || children === undefined || ref(element, 'P') !== structRoot || elementRest?.replace(/[<>\s]/g, '') !== '') {
      return null;
    }
    // The language as written (the blanked text hides it): the literal string after /Lang.
    const raw = pdf.text.slice(span.start, span.end);
    const lang = /\/Lang\s*(\((?:[^()\\]|\\.)*\))/.exec(raw)?.[1] ?? null;
    // A flat number tree: key, then the reference it maps to.
    const numsTree = pdf.object(parentTree);
    const nums = numsTree === null || /\/Kids\b/.test(numsTree) ? null : /\/Nums\s*\[([^\]]*)\]/.exec(numsTree)?.[1];
    if (nums == null) return null;
    const words = nums.trim().split(/\s+/).filter(Boolean);
    const pairs: [number, number][] = [];
    for (let i = 0; i < words.length; i += 4) {
      if (!/^\d+$/.test(words[i]!) || !/^\d+$/.test(words[i + 1] ?? '') || words[i + 2] !== '0' || words[i + 3] !== 'R') return null;
      const key = Number(words[i]);
      // Keys ascending and below the next key: moved by the parts before, they stay apart from the other parts' keys.
      if (key >= nextKey || (pairs.length > 0 && key <= pairs.at(-1)![0])) return null;
      pairs.push([key, Number(words[i + 1])]);
    }
    // The ids' tree as a root over leaves, which the joined root lists one part after another.
    let idKids: number[] = [];
    if (idTree !== null) {
      const idRoot = pdf.object(idTree);
      const list = idRoot === null || /\/Names\b/.test(idRoot) ? null : /\/Kids\s*\[([^\]]*)\]/.exec(idRoot)?.[1];
      const found = list == null ? null : refs(list);
      if (!found) return null;
      idKids = found;
    }
    struct = { root: structRoot, document, children, lang, nextKey, parentTree, nums: pairs, idTree, idKids };
  }
  return {
    pdf,
    idPrefix: `p${String(index).padStart(4, '0')}`,
    pages,
    pageCount,
    outlines,
    struct,
    info: ref(pdf.trailer, 'Info'),
    used: new Set(pdf.objects().map((o) => o.n)),
    fontTag: index === 0 ? '' : fontTag(index),
  };
}

/** The part's object `n` as numbered in the joined file (its replaced roots as the joined file's). */
function renumbered(part: Part, roots: Roots, n: number): number {
  if (n === part.pdf.root) return roots.catalog;
  if (n === part.outlines?.root) return roots.outlines;
  if (n === part.struct?.root) return roots.struct;
  if (n === part.struct?.document) return roots.document;
  if (n === part.struct?.parentTree) return roots.parentTree;
  if (n === part.struct?.idTree) return roots.idTree;
  return part.base + n;
}

/**
 * A dictionary's text with its references renumbered, its keys into the parent tree moved, and its element ids
 * prefixed; null if it holds a reference of another generation than 0 (Chromium writes none).
 */
function rewrite(raw: string, part: Part, roots: Roots): string | null {
  let out = '';
  let failed = false;
  const plain = (text: string) =>
    text
      .replace(REFERENCE, (_, n: string, generation: string) => {
        // Another generation, or an object the print does not have (it would join as a silent null).
        if (generation !== '0' || !part.used.has(Number(n))) failed = true;
        return `${renumbered(part, roots, Number(n))} 0 R`;
      })
      .replace(STRUCT_PARENT, (found: string, space: string, key: string) =>
        part.structBase === 0
          ? found
          : `${found.slice(0, found.length - space.length - key.length)}${space}${Number(key) + part.structBase}`,
      )
      .replace(FONT_SUBSET, (found: string, key: string, space: string, tag: string) =>
        part.fontTag === '' ? found : `/${key}${space}/${tag.slice(0, 3)}${part.fontTag}+`,
      );
  let from = 0;
  for (let i = raw.indexOf('('); i >= 0; i = raw.indexOf('(', from)) {
    out += plain(raw.slice(from, i));
    const end = stringEnd(raw, i);
    const text = raw.slice(i, end);
    out += NODE_ID.test(text) ? `(${part.idPrefix}${text.slice(1)}` : text;
    from = end;
  }
  out += plain(raw.slice(from));
  return failed ? null : out;
}

/** Puts keys at the start of a dictionary's text. */
function withKeys(dict: string, keys: string): string | null {
  const at = dict.indexOf('<<');
  return at < 0 ? null : `${dict.slice(0, at + 2)}${keys} ${dict.slice(at + 2)}`;
}

/**
 * The prints as one PDF, in the order given: the pages, the outline and the
 * structure tree of each after the one before, the first print's catalog
 * (language, display of the title) and document information. Null when a print
 * is not shaped as Chromium writes it.
 */
export function joinPrints(prints: readonly Uint8Array[]): Buffer | null {
  try {
    return join(prints);
  } catch {
    // Whatever a print holds that the join did not foresee: printed whole instead.
    return null;
  }
}

function join(prints: readonly Uint8Array[]): Buffer | null {
  if (prints.length === 0) return null;
  const read = prints.map(readPart);
  if (read.some((part) => part === null)) return null;
  const parts: Part[] = [];
  let base = 0;
  let structBase = 0;
  for (const part of read as NonNullable<(typeof read)[number]>[]) {
    const size = integer(part.pdf.trailer, 'Size');
    if (size === null) return null;
    parts.push({ ...part, base, structBase });
    base += size;
    structBase += part.struct?.nextKey ?? 0;
  }
  // Tagged all or none: a joined tree missing a part's pages would misread them.
  const tagged = parts.filter((part) => part.struct).length;
  if (tagged !== 0 && tagged !== parts.length) return null;
  const roots: Roots = {
    catalog: base,
    pages: base + 1,
    outlines: base + 2,
    struct: base + 3,
    document: base + 4,
    parentTree: base + 5,
    idTree: base + 6,
  };
  const size = base + 7;

  // The first print's header (the version, the line that marks the file as binary): all before its first object.
  const header = parts[0]!.pdf.text.slice(
    0,
    parts[0]!.pdf.objects().reduce((min, o) => Math.min(min, o.offset), Number.POSITIVE_INFINITY),
  );
  const chunks: string[] = [header];
  let length = header.length;
  const offsets = new Array<number>(size).fill(-1);
  const write = (n: number, body: string) => {
    offsets[n] = length;
    const text = `${n} 0 obj\n${body}\nendobj\n`;
    chunks.push(text);
    length += text.length;
  };

  const outlined = parts.filter((part) => part.outlines);
  for (const part of parts) {
    const { pdf } = part;
    // Keys the joined file adds: the page tree's parent, the links between the parts' outlines.
    const added = new Map<number, string>([[part.pages, `/Parent ${roots.pages} 0 R`]]);
    const at = outlined.indexOf(part);
    if (part.outlines && at > 0) {
      const before = outlined[at - 1]!;
      added.set(part.outlines.first, `/Prev ${before.base + before.outlines!.last} 0 R`);
    }
    if (part.outlines && at >= 0 && at < outlined.length - 1) {
      const after = outlined[at + 1]!;
      const keys = `/Next ${after.base + after.outlines!.first} 0 R`;
      added.set(part.outlines.last, added.has(part.outlines.last) ? `${added.get(part.outlines.last)} ${keys}` : keys);
    }
    const replaced = new Set([
      pdf.root,
      part.outlines?.root,
      part.struct?.root,
      part.struct?.document,
      part.struct?.parentTree,
      part.struct?.idTree,
    ]);
    // Each object from its start to the next one's (its stream, if any, copied as it is).
    const objects = pdf.objects().sort((a, b) => a.offset - b.offset);
    for (const [i, { n, offset }] of objects.entries()) {
      if (replaced.has(n) || n === 0) continue;
      const span = pdf.span(n, offset);
      if (!span) return null;
      const end = objects[i + 1]?.offset ?? pdf.xref;
      let dict = rewrite(pdf.text.slice(span.start, span.end), part, roots);
      const keys = added.get(n);
      if (dict !== null && keys) dict = withKeys(dict, keys);
      if (dict === null) return null;
      // Its stream as it is, up to its endobj (added again by write).
      const rest = pdf.text.slice(span.end, end);
      const close = rest.lastIndexOf('endobj');
      if (close < 0) return null;
      const stream = rest.slice(0, close).trimEnd();
      write(part.base + n, stream ? `${dict.trim()}\n${stream}` : dict.trim());
    }
  }

  const first = parts[0]!;
  const catalog = first.pdf.text.slice(first.pdf.span(first.pdf.root)!.start, first.pdf.span(first.pdf.root)!.end);
  const ownKeys = catalog.replace(/\/(Pages|Outlines|StructTreeRoot)\s+\d+\s+0\s+R/g, ' ');
  const rootKeys = [
    `/Pages ${roots.pages} 0 R`,
    outlined.length > 0 ? `/Outlines ${roots.outlines} 0 R` : '',
    tagged > 0 ? `/StructTreeRoot ${roots.struct} 0 R` : '',
  ].join(' ');
  const joinedCatalog = withKeys(ownKeys.trim(), rootKeys);
  if (joinedCatalog === null) return null;
  write(roots.catalog, joinedCatalog);
  const pageCount = parts.reduce((sum, part) => sum + part.pageCount, 0);
  write(roots.pages, `<</Type /Pages /Count ${pageCount} /Kids [${parts.map((part) => `${part.base + part.pages} 0 R`).join(' ')}]>>`);
  if (outlined.length > 0) {
    const count = outlined.reduce((sum, part) => sum + part.outlines!.count, 0);
    const head = outlined[0]!;
    const tail = outlined.at(-1)!;
    write(
      roots.outlines,
      `<</Type /Outlines /First ${head.base + head.outlines!.first} 0 R /Last ${tail.base + tail.outlines!.last} 0 R /Count ${count}>>`,
    );
  } else write(roots.outlines, 'null');
  if (tagged > 0) {
    // One Document element, as a whole print has, holding every part's elements in order.
    const children: string[] = [];
    for (const part of parts) {
      const own = rewrite(part.struct!.children, part, roots);
      if (own === null) return null;
      children.push(own.replace(/^\[|\]$/g, '').trim());
    }
    const next = parts.reduce((sum, part) => sum + part.struct!.nextKey, 0);
    // The parent tree's values and the id tree's leaves, renumbered and checked as every other reference is.
    const referred = (part: Part, n: number) => {
      if (!part.used.has(n)) throw new Error(`no object ${n}`);
      return `${renumbered(part, roots, n)} 0 R`;
    };
    const idKids = parts.flatMap((part) => part.struct!.idKids.map((n) => referred(part, n)));
    write(
      roots.struct,
      `<</Type /StructTreeRoot /K ${roots.document} 0 R /ParentTreeNextKey ${next} /ParentTree ${roots.parentTree} 0 R${idKids.length > 0 ? ` /IDTree ${roots.idTree} 0 R` : ''}>>`,
    );
    const lang = first.struct!.lang === null ? '' : ` /Lang ${first.struct!.lang}`;
    write(roots.document, `<</Type /StructElem /S /Document${lang} /P ${roots.struct} 0 R /K [${children.join(' ')}]>>`);
    const nums = parts.flatMap((part) => part.struct!.nums.map(([key, n]) => `${key + part.structBase} ${referred(part, n)}`));
    write(roots.parentTree, `<</Type /ParentTree /Nums [${nums.join(' ')}]>>`);
    write(roots.idTree, idKids.length > 0 ? `<</Kids [${idKids.join(' ')}]>>` : 'null');
  } else {
    write(roots.struct, 'null');
    write(roots.document, 'null');
    write(roots.parentTree, 'null');
    write(roots.idTree, 'null');
  }
  // Numbers no part used (and the replaced roots' old ones) hold null, so the table lists every number in use.
  for (let n = 1; n < size; n += 1) if (offsets[n] === -1) write(n, 'null');

  const xref = length;
  const entries = offsets.map((offset, n) => (n === 0 ? '0000000000 65535 f \n' : `${String(offset).padStart(10, '0')} 00000 n \n`));
  const info = first.info === null ? '' : ` /Info ${first.base + first.info} 0 R`;
  chunks.push(
    `xref\n0 ${size}\n${entries.join('')}trailer\n<</Size ${size} /Root ${roots.catalog} 0 R${info}>>\nstartxref\n${xref}\n%%EOF`,
  );
  return Buffer.from(chunks.join(''), 'latin1');
}
