/** The 台帳 import of 医療機関・訪問看護ステーション: the large lists (100,000 rows), written in bulk with an audit entry per record. */

import { bulkAddedRecord } from '@core/kernel/audit';
import { ahead, warmAhead } from '@core/kernel/jobs/ahead';
import { CellError, parseChoice, parseCount, parseFlag, parseText } from '@core/tabular/fields';
import { type ImportKindSpec, RowError, rowsNamed, withoutId } from '@core/tabular/import-engine';
import type { Institution } from '@shared/contract/masters';
import { formatNumber } from '@shared/format';
import { isValidLocalGovCode, localGovCodeReadings } from '@shared/lgcode';
import { INSTITUTION_KIND_LABELS, type InstitutionKind, institutionKindFromName, institutionSearchText } from '@shared/masters/model';
import { JOINED_TEXTS, searchKey, searchKeysOfJoined } from '@shared/text/normalize';
import * as write from '../../write';
import { institutionRow } from '../../write';
import {
  addressInOtherPrefecture,
  codeOfOtherPrefecture,
  type HomePrefecture,
  homePrefecture,
  institutionCodeExample,
  otherPrefectures,
} from './prefecture';

type InstitutionRecord = Omit<Institution, 'id' | 'version'>;
type Stored = InstitutionRecord & { id: number };

interface InstitutionCtx {
  byCode: Map<string, Stored>;
  byNameAndPlace: Map<string, Stored>;
  /** Records without a code that a row with a code was matched to, by the code that claimed each. */
  coded: Map<number, string>;
  municipalityByName: Map<string, string>;
  /** The 台帳's municipalities by code: their names and readings go into the search keys. */
  municipalityNames: Map<string, { name: string; kana: string }>;
  /** Which municipality an address begins with. */
  placeOf: (address: string) => string | null;
  home: HomePrefecture | null;
  inferredKinds: number;
  placedByAddress: number;
  /** Rows of this prefecture with an address but no 市区町村, whose address names none the 台帳 has. */
  unplaced: number;
  /** The first of those, as the note names them (「12行目（〇〇医院：…）」). */
  unplacedNamed: string[];
  zerosRestored: number;
}

/**
 * New institutions per chunk whose search keys are folded at once (on the worker thread for a long list): few enough
 * that a chunk's records and keys die young (those of 1,000 outlived the young generation while they were inserted
 * and grew the old one: ~5 MiB more at the national list's peak, 5,000 ~14 MiB), many enough that the messages to and
 * from the worker stay few (~400 for the national list).
 */
const FOLD_CHUNK = 250;

/** From how many new rows the search keys are folded on a worker thread: below it, its start would cost more than it saves. */
const AHEAD_FROM_ROWS = 10_000;

/** How many rows the note on addresses it could not place names: each with its name and address, a long line. */
const ROWS_NAMED = 5;

/**
 * The municipality an address begins with: the longest name that starts it,
 * or starts it once a leading 郡 is taken off (addresses of towns and villages
 * begin with the 郡); of names as long, the first in the list. Looked up by
 * the address's first characters, one length at a time: testing all 1,916
 * names against each of the national list's 96,000 addresses took 6 s. An
 * address no name starts as written is looked up again as searchKey() folds
 * it, so 「駒ケ根市…」 is in 駒ヶ根市; only then, since folding every address
 * would cost the national list a tenth of a second.
 */
function addressPlacer(municipalities: readonly { code: string; name: string }[]): (address: string) => string | null {
  const lookup = (fold: (text: string) => string) => {
    const byName = new Map<string, number>();
    const names = municipalities.map((m) => fold(m.name));
    names.forEach((name, i) => {
      if (!byName.has(name)) byName.set(name, i);
    });
    const lengths = [...new Set(names.map((name) => name.length))].sort((a, b) => b - a);
    return (address: string) => {
      const written = fold(address);
      const bare = written.replace(/^.{1,6}?郡/, '');
      for (const length of lengths) {
        const a = byName.get(bare.slice(0, length));
        const b = byName.get(written.slice(0, length));
        // slice() of a shorter text is shorter than `length`, and no name of this length equals it.
        const first = a === undefined ? b : b === undefined ? a : Math.min(a, b);
        if (first !== undefined) return municipalities[first]!.code;
      }
      return null;
    };
  };
  const asWritten = lookup((text) => text.normalize('NFKC'));
  const asFolded = lookup(searchKey);
  return (address) => (municipalities.length === 0 ? null : (asWritten(address) ?? asFolded(address)));
}

/** A 医療機関コード as written, 6 to 10 digits (6: a 7-digit code whose leading zero Excel dropped, restored in build()). */
function parseCode(cell: string): string | null {
  const v = cell.normalize('NFKC').replace(/[-\s]/g, '');
  if (v === '') return null;
  if (!/^\d{6,10}$/.test(v)) throw new CellError(`「${cell}」は7〜10桁の数字ではありません`);
  return v;
}

/**
 * Whether a 市区町村 cell's 団体コード is of another prefecture, by its first two digits; null for a name or nothing.
 * Five digits are another's when no reading of them (parseLocalGovCode's) is of the 台帳's own.
 */
function placeOfOtherPrefecture(cell: string, home: HomePrefecture): boolean | null {
  const v = cell.normalize('NFKC').trim();
  const codes = /^\d{5}$/.test(v) ? localGovCodeReadings(v) : isValidLocalGovCode(v) ? [v] : [];
  return codes.length === 0 ? null : codes.every((code) => codeOfOtherPrefecture(code, home));
}

/**
 * Whether a row is of another prefecture: by the 都道府県番号 of a 9- or 10-digit code; the 7-digit code has none, then
 * by the 団体コード of its 市区町村 (its first two digits), and without one by the address — which in the national list
 * names no prefecture (「札幌市中央区…」): one that names another prefecture, or (unplaced) one of a 7-digit code that
 * no 市区町村 of the 台帳 begins (a 厚生局's list holds several prefectures).
 */
function ofOtherPrefecture(code: string | null, place: string, address: string, home: HomePrefecture, ctx: InstitutionCtx): boolean {
  if (code && code.length >= 9) return codeOfOtherPrefecture(code, home);
  return placeOfOtherPrefecture(place, home) ?? (addressInOtherPrefecture(address, home) || unplaced(code, place, address, home, ctx));
}

/**
 * Whether a row's prefecture cannot be told, so that it would come in as the 台帳's own with no 市区町村: a 7-digit code
 * (no 都道府県番号), no 市区町村, and an address that names no prefecture and begins with no 市区町村 of the 台帳 —
 * while the 台帳 has 市区町村 to tell by.
 */
function unplaced(code: string | null, place: string, address: string, home: HomePrefecture, ctx: InstitutionCtx): boolean {
  if (code?.length !== 7 || place.trim() !== '' || address.trim() === '' || ctx.municipalityNames.size === 0) return false;
  const named = address.trimStart().startsWith(home.name) || addressInOtherPrefecture(address, home);
  return !named && ctx.placeOf(address) === null;
}

const placeKey = (name: string, municipalityCode: string | null) => `${searchKey(name)}|${municipalityCode ?? ''}`;

/**
 * The code a row means when Excel stored it as a number and dropped its leading zero (北海道〜茨城県 begin 01〜08):
 * 6 and 8 digits are no form of a 医療機関コード, so they are the 7- and 9-digit forms; 9 digits are a form of their
 * own, so they are read as a 10-digit code only when the 台帳 has that code and not theirs.
 */
function withLeadingZero(code: string, byCode: ReadonlyMap<string, unknown>): string {
  if (code.length === 6 || code.length === 8) return `0${code}`;
  if (code.length === 9 && !byCode.has(code) && byCode.has(`0${code}`)) return `0${code}`;
  return code;
}

/**
 * The stored record a row is: by its code; a row with a code that the 台帳 does not know may be a record kept
 * without one (added by hand or by an earlier list without codes), by 名称 and 市区町村 — once, for one code.
 */
function stored(r: InstitutionRecord, ctx: InstitutionCtx): Stored | undefined {
  const byCode = r.code ? ctx.byCode.get(r.code) : undefined;
  if (byCode) return byCode;
  // Looked up only when the code finds none, and the 台帳 has a record at all: folding each of the national list's
  // 96,000 names into a key for a 台帳 that held no record was a third of the import's checks.
  const place = ctx.byNameAndPlace.size === 0 ? undefined : ctx.byNameAndPlace.get(placeKey(r.name, r.municipalityCode));
  if (!r.code) return place;
  if (!place || place.code) return undefined;
  const claimed = ctx.coded.get(place.id);
  if (claimed !== undefined && claimed !== r.code) return undefined;
  ctx.coded.set(place.id, r.code);
  return place;
}

export const institutionImport: ImportKindSpec<InstitutionRecord, InstitutionCtx> = {
  label: '医療機関・訪問看護ステーション',
  // The national list of insured institutions (all_med_inst_cd.csv) as the 厚生局 lists are compiled: no header row.
  headerless: {
    header: ['医療機関コード（9桁）', '医療機関コード（7桁）', '名称', '郵便番号', '所在地'],
    shape: ['^\\d{9}$', '^\\d{7}$', '.', '^\\d{7}$|^$', '.'],
  },
  columns: [
    {
      key: 'code',
      header: '医療機関コード',
      aliases: ['コード', '医療機関コード（10桁）', '医療機関コード(9桁)', '医療機関コード（9桁）', '事業所番号'],
      example: institutionCodeExample,
      parse: parseCode,
    },
    {
      key: 'name',
      header: '名称',
      aliases: ['医療機関名', '医療機関名称', '施設名', '事業所名'],
      required: true,
      example: '〇〇訪問診療クリニック',
      parse: (c) => parseText(c, 100),
    },
    {
      key: 'kind',
      header: '種別',
      aliases: ['施設種別'],
      example: '診療所',
      parse: (c) =>
        c === ''
          ? undefined
          : parseChoice(c, INSTITUTION_KIND_LABELS, {
              訪問看護: 'nursing_station',
              訪看: 'nursing_station',
              クリニック: 'clinic',
              医院: 'clinic',
            }),
    },
    {
      key: 'municipality',
      header: '市区町村',
      aliases: ['市区町村コード', '市町村', '所在市町村', '団体コード'],
      example: '〇〇市',
      parse: (c) => c.trim(),
    },
    { key: 'address', header: '所在地', aliases: ['住所', '所在地住所'], example: '〇〇市〇〇町1-2-3', parse: (c) => parseText(c, 200) },
    {
      key: 'homeCareSupport',
      header: '在宅療養支援',
      aliases: ['在宅療養支援診療所', '在宅療養支援病院', '在支診', '在支病'],
      example: '○',
      parse: parseFlag,
    },
    { key: 'enhanced', header: '機能強化型', example: '', parse: parseFlag },
    { key: 'beds', header: '病床数', aliases: ['病床', '許可病床数'], example: '', parse: (c) => parseCount(c, 5000) },
  ],
  async prepare(db) {
    const municipalities = await db.selectFrom('municipality').select(['code', 'name', 'kana']).execute();
    const existing = await db
      .selectFrom('institution')
      .select(['id', 'code', 'name', 'kind', 'municipalityCode', 'address', 'homeCareSupport', 'enhanced', 'beds'])
      .execute();
    const records = existing.map((r) => ({
      ...r,
      kind: r.kind as InstitutionKind,
      homeCareSupport: r.homeCareSupport === 1,
      enhanced: r.enhanced === 1,
    }));
    return {
      byCode: new Map(records.filter((r) => r.code).map((r) => [r.code!, r])),
      byNameAndPlace: new Map(records.map((r) => [placeKey(r.name, r.municipalityCode), r])),
      municipalityByName: new Map(municipalities.map((m) => [searchKey(m.name), m.code])),
      municipalityNames: new Map(municipalities.map((m) => [m.code, { name: m.name, kana: m.kana }])),
      placeOf: addressPlacer(municipalities),
      coded: new Map(),
      home: await homePrefecture(db),
      inferredKinds: 0,
      placedByAddress: 0,
      unplaced: 0,
      unplacedNamed: [],
      zerosRestored: 0,
    };
  },
  build(cells, ctx, rowNumber) {
    const name = cells.name as string;
    const address = cells.address as string;
    let kind = cells.kind as InstitutionKind | undefined;
    if (!kind) {
      kind = institutionKindFromName(name);
      ctx.inferredKinds += 1;
    }
    const place = cells.municipality as string;
    let municipalityCode: string | null = null;
    if (place !== '') {
      const normalized = place.normalize('NFKC');
      municipalityCode = /^\d{6}$/.test(normalized) ? normalized : (ctx.municipalityByName.get(searchKey(place)) ?? null);
      if (!municipalityCode || !ctx.municipalityNames.has(municipalityCode)) {
        throw new RowError(`市区町村「${place}」は台帳にありません`, 'municipality');
      }
    }
    const beds = cells.beds as number | null;
    if (kind === 'nursing_station' && beds) throw new RowError('訪問看護ステーションに病床数は入力できません', 'beds');
    const written = cells.code as string | null;
    const code = written && withLeadingZero(written, ctx.byCode);
    if (code !== written) ctx.zerosRestored += 1;
    const home = ctx.home;
    if (home !== null && unplaced(code, place, address, home, ctx)) {
      // Counted among the other prefectures' rows (outside), which 自県のみ leaves out before build() is asked; taken in
      // as the 台帳's own it would have no 市区町村, and two prefectures' 7-digit codes can be the same.
      throw new RowError(
        `医療機関コード「${code}」は7桁で都道府県番号がなく、所在地「${address}」は${home.name}の市区町村名で始まらないため、他の都道府県の行として数えています。「${home.name}の行だけを取り込む」を選べば除外されます。${home.name}の医療機関なら「市区町村」の列に市区町村名を書くか、9桁か10桁の医療機関コードにしてください`,
        'address',
      );
    }
    const elsewhere = home !== null && ofOtherPrefecture(code, place, address, home, ctx);
    if (place === '' && address !== '') {
      // 「新潟県新潟市…」 is placed as 「新潟市…」 is.
      const trimmed = address.trimStart();
      const namesHome = home !== null && trimmed.startsWith(home.name);
      municipalityCode = ctx.placeOf(namesHome ? trimmed.slice(home.name.length) : address);
      if (municipalityCode) ctx.placedByAddress += 1;
      else if (!elsewhere) {
        ctx.unplaced += 1;
        if (ctx.unplacedNamed.length < ROWS_NAMED) ctx.unplacedNamed.push(`${rowNumber}行目（${name}：${address}）`);
      }
    }
    return {
      code,
      name,
      kind,
      municipalityCode,
      address,
      homeCareSupport: cells.homeCareSupport as boolean,
      enhanced: cells.enhanced as boolean,
      beds,
    };
  },
  // A code that cannot be read is told by the 市区町村's 団体コード or the address.
  outside: otherPrefectures(
    (text, home, ctx) => {
      let code: string | null = null;
      try {
        code = parseCode(text('code'));
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
      }
      return ofOtherPrefecture(code && withLeadingZero(code, ctx.byCode), text('municipality'), text('address'), home, ctx);
    },
    (home) =>
      `医療機関コード・市区町村の団体コードの都道府県番号が${home.code}以外、所在地が他の都道府県、または7桁の医療機関コードで所在地が${home.name}の市区町村名で始まらない`,
  ),
  // Without a code, the same name in the same municipality is the same institution.
  key: (r) =>
    r.code
      ? { key: r.code, label: '医療機関コード', column: 'code', shown: r.code }
      : {
          key: placeKey(r.name, r.municipalityCode),
          label: '名称と市区町村',
          column: 'name',
          shown: `${r.name}、${r.municipalityCode ?? '市区町村なし'}`,
        },
  display: (r) => r.name,
  existing: (r, ctx) => withoutId(stored(r, ctx)),
  fields: [
    { key: 'code', label: '医療機関コード' },
    { key: 'name', label: '名称' },
    { key: 'kind', label: '種別', show: (v) => INSTITUTION_KIND_LABELS[v as InstitutionKind] },
    { key: 'municipalityCode', label: '市区町村', column: 'municipality' },
    { key: 'address', label: '所在地' },
    { key: 'homeCareSupport', label: '在宅療養支援' },
    { key: 'enhanced', label: '機能強化型' },
    { key: 'beds', label: '病床数' },
  ],
  notes(_staged, ctx) {
    const notes: string[] = [];
    if (ctx.inferredKinds > 0)
      notes.push(
        `${formatNumber(ctx.inferredKinds)} 行は種別が空欄のため、名称から推定しました（名称の終わりが「病院」→病院、「診療所」「クリニック」「医院」→診療所、「訪問看護」を含む→訪問看護ステーション、ほかは「病院」を含めば病院（「〇〇病院附属…」「〇〇病院健康管理センター」などは診療所）、含まなければ保健所・健診センターなども診療所）。違うものは、取り込んだあと医療機関の一覧から開いて種別を直してください`,
      );
    if (ctx.placedByAddress > 0) notes.push(`${formatNumber(ctx.placedByAddress)} 行は市区町村を所在地から判定しました`);
    if (ctx.unplaced > 0)
      notes.push(
        `${formatNumber(ctx.unplaced)} 行は所在地から市区町村を判定できませんでした（${rowsNamed(ctx.unplacedNamed, ctx.unplaced)}）。市区町村なしで取り込みます。「市区町村」の列に市区町村名を書けば、その市区町村になります`,
      );
    if (ctx.zerosRestored > 0)
      notes.push(
        `${formatNumber(ctx.zerosRestored)} 行は医療機関コードの先頭の0が落ちていたため補いました（Excel で数値として保存されたコード。例: 10112489 → 010112489）`,
      );
    return notes;
  },
  checked(staged) {
    // A long list's commit folds its search keys on a worker: started now, it is up by the time the rows go in (it
    // took ~0.1 s to start, in which this thread folded the first 20 chunks itself, each slower than the worker's).
    if (staged.length >= AHEAD_FROM_ROWS) warmAhead('searchKeys');
  },
  async apply(db, staged, ctx, audit, bulkInsert, job) {
    const fresh: InstitutionRecord[] = [];
    for (const { record, before } of staged) {
      if (!before) {
        fresh.push(record);
        continue;
      }
      const id = stored(record, ctx)!.id;
      await write.saveInstitution(db, { id, ...record }, audit);
    }
    // New rows in bulk: a 100,000-row list would take minutes one saveInstitution at a time. Their search keys in
    // chunks, so they are not all held at once.
    const chunks = Math.ceil(fresh.length / FOLD_CHUNK);
    const chunk = (k: number) => fresh.slice(k * FOLD_CHUNK, (k + 1) * FOLD_CHUNK);
    const placeOf = (r: InstitutionRecord) => (r.municipalityCode ? ctx.municipalityNames.get(r.municipalityCode) : undefined);
    // A long list's search keys are folded on the other core, a few chunks ahead of the one inserted here (folding
    // them on this thread was a third of the national list's commit); each chunk's texts go as one string.
    const keys =
      fresh.length >= AHEAD_FROM_ROWS
        ? ahead(
            'searchKeys',
            chunks,
            (k) =>
              chunk(k)
                .map((r) => institutionSearchText(r, placeOf(r)))
                .join(JOINED_TEXTS),
            searchKeysOfJoined,
            job,
          )
        : null;
    // The rows as written are made as the insert takes them, one at a time, so none outlives its insert.
    function* rows() {
      for (let k = 0; k < chunks; k += 1) {
        const records = chunk(k);
        const folded = keys?.take(k).split(JOINED_TEXTS);
        // A text holding the separator (none can: no cell holds a control character) is folded here, on its own.
        const own = folded?.length === records.length ? folded : undefined;
        for (let i = 0; i < records.length; i += 1) yield institutionRow(records[i]!, placeOf(records[i]!), own?.[i]);
      }
    }
    let ids: number[];
    try {
      ids = await bulkInsert('institution', rows());
    } finally {
      keys?.end();
    }
    if (ids.length > 0) audit(bulkAddedRecord('institution', ids));
  },
};
