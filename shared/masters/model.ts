/**
 * The master data (台帳) every other domain refers to: areas of several kinds,
 * municipalities with dated population figures, medical associations,
 * centers, the municipal 在宅医療・介護連携推進事業 items, institutions and the
 * 積極的役割を担う医療機関 designations. Codes in English, labels in Japanese.
 * The records' shapes are the contract's (shared/contract/masters.ts), read
 * from the schemas that check them.
 */
import { searchKey } from '../text/normalize';

export const AREA_KINDS = ['secondary', 'home_care', 'health_center', 'insurer', 'tertiary'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];
export const AREA_KIND_LABELS: Record<AreaKind, string> = {
  secondary: '二次医療圏',
  home_care: '在宅医療圏',
  health_center: '保健所圏域',
  insurer: '保険者',
  tertiary: '第三次医療圏',
};

export const MUNICIPALITY_TYPES = ['市', '町', '村', '区'] as const;
export type MunicipalityType = (typeof MUNICIPALITY_TYPES)[number];

export const ASSOCIATION_KINDS = ['prefectural', 'county'] as const;
export type AssociationKind = (typeof ASSOCIATION_KINDS)[number];
export const ASSOCIATION_KIND_LABELS: Record<AssociationKind, string> = { prefectural: '県医師会', county: '郡市医師会' };

export const CENTER_ROLES = ['core', 'regional'] as const;
export type CenterRole = (typeof CENTER_ROLES)[number];
export const CENTER_ROLE_LABELS: Record<CenterRole, string> = { core: '基幹', regional: '地域' };

/** The 基準額 class of 交付要綱 別表1 a center's subsidy is computed with. */
export const SUBSIDY_CLASSES = ['large_county', 'other_county', 'prefectural'] as const;
export type SubsidyClass = (typeof SUBSIDY_CLASSES)[number];
export const SUBSIDY_CLASS_LABELS: Record<SubsidyClass, string> = {
  large_county: '大規模郡市医師会',
  other_county: 'その他郡市医師会',
  prefectural: '県医師会',
};

/** 在宅医療・介護連携推進事業 (ア)〜(ク). Local extra items use their own codes. */
export const LINKAGE_ITEMS = [
  { code: 'a', label: '(ア) 地域の医療・介護の資源の把握' },
  { code: 'b', label: '(イ) 在宅医療・介護連携の課題の抽出と対応策の検討' },
  { code: 'c', label: '(ウ) 切れ目のない在宅医療と在宅介護の提供体制の構築推進' },
  { code: 'd', label: '(エ) 医療・介護関係者の情報共有の支援' },
  { code: 'e', label: '(オ) 在宅医療・介護連携に関する相談支援' },
  { code: 'f', label: '(カ) 医療・介護関係者の研修' },
  { code: 'g', label: '(キ) 地域住民への普及啓発' },
  { code: 'h', label: '(ク) 在宅医療・介護連携に関する関係市区町村の連携' },
] as const;

export const LINKAGE_MODES = ['direct', 'entrusted', 'joint'] as const;
export type LinkageMode = (typeof LINKAGE_MODES)[number];
export const LINKAGE_MODE_LABELS: Record<LinkageMode, string> = { direct: '直営', entrusted: '委託', joint: '広域' };

/**
 * An item's name as the screens show it: a standard item by its (ア)〜(ク) label, a local one as 独自の項目「…」.
 * @example linkageItemLabel('a') // '(ア) 地域の医療・介護の資源の把握'
 */
export function linkageItemLabel(code: string): string {
  return LINKAGE_ITEMS.find((i) => i.code === code)?.label ?? `独自の項目「${code}」`;
}

/**
 * How an item is run, as the 連携推進事業 table says it: its 実施方法, by or with whom, and its 備考.
 * @example linkageItemText('entrusted', ['村上地域在宅医療推進センター'], '') // '委託（村上地域在宅医療推進センター）'
 */
export function linkageItemText(mode: LinkageMode, partners: readonly string[], note: string): string {
  return `${LINKAGE_MODE_LABELS[mode]}${partners.length > 0 ? `（${partners.join('、')}）` : ''}${note ? ` ${note}` : ''}`;
}

export const INSTITUTION_KINDS = ['hospital', 'clinic', 'nursing_station'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];
export const INSTITUTION_KIND_LABELS: Record<InstitutionKind, string> = {
  hospital: '病院',
  clinic: '診療所',
  nursing_station: '訪問看護ステーション',
};

/**
 * What the institution list searches: name, code, address and municipality — its name and its reading, so
 * 「ながおか」 finds the institutions of 長岡市 as the municipality list does — folded by searchKey(); stored with each
 * institution (and recomputed by a migration when searchKey() folds more or the key holds more).
 * @example institutionSearchKey({ name: '☆☆病院', code: null, address: '' }, { name: '長岡市', kana: 'ながおかし' }) // '☆☆病院長岡市ながおかし'
 */
export function institutionSearchKey(
  r: { name: string; code: string | null; address: string },
  municipality: { name: string; kana: string } | null | undefined,
): string {
  return searchKey(institutionSearchText(r, municipality));
}

/** What institutionSearchKey() folds: for a long list, folded elsewhere (on a worker thread) as searchKey() folds it. */
export function institutionSearchText(
  r: { name: string; code: string | null; address: string },
  municipality: { name: string; kana: string } | null | undefined,
): string {
  return [r.name, r.code ?? '', r.address, municipality?.name ?? '', municipality?.kana ?? ''].join(' ');
}

/**
 * The municipality to write 「（…）」 after an institution's name, or null: none when it is not known, or when the name
 * already ends with it (a prefecture names some 「××在宅クリニック（新発田市）」 itself), so it is never shown twice.
 * @example placeAfterName('山田医院', '新潟市') // '新潟市'
 * @example placeAfterName('××在宅クリニック（新発田市）', '新発田市') // null
 */
export function placeAfterName(name: string, municipalityName: string | null | undefined): string | null {
  if (!municipalityName) return null;
  return name.trimEnd().endsWith(`（${municipalityName}）`) ? null : municipalityName;
}

/**
 * What the institution list orders names by (stored with each institution, migration 0030, and indexed): the name with
 * each run of digits, full-width or half-width, written as its count of digits (two) and its value's digits, so that,
 * compared by code point as both engines compare it, numbers go by value: （30） before （302）, ２ before 10.
 * @example institutionNameOrder('☆☆病院（３０）') // '☆☆病院（0230）'
 */
export function institutionNameOrder(name: string): string {
  return name.replace(/[0-9０-９]+/g, (run) => {
    const digits = run.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)).replace(/^0+(?=\d)/, '');
    return `${String(Math.min(digits.length, 99)).padStart(2, '0')}${digits}`;
  });
}

/**
 * What, written after a name's last 病院, makes it a hospital's facility with a code of its own rather than the
 * hospital: 「〇〇病院附属〜」「〇〇病院健康管理センター」「〇〇病院福浦出張所」「〇〇病院前 〇〇眼科」. A 分院 or a
 * 〇〇医療センター after it is a hospital (虎の門病院分院, 国立病院機構 〇〇医療センター).
 */
const HOSPITAL_FACILITY = /附属|付属|診療|クリニ|健診|検診|健康管理|健康診断|出張所|科$/;

/**
 * The 種別 a name implies, for lists without a 種別 column (the national list of insured institutions): decided by
 * how the name ends, a trailing （…） aside, so a hospital's 附属診療所 is a clinic. A name ending otherwise is a
 * station when it has 訪問看護, a hospital when it has 病院 in it (国立病院機構 〇〇医療センター) unless what follows
 * names a facility of the hospital (附属, 健診, 出張所 …), else a clinic: a 保健所 or a 健診 centre in the list is
 * there as the 診療所 it opened (医療法 第1条の5: no beds, or 19 at most).
 * @example institutionKindFromName('南魚沼市民病院附属城内診療所') // 'clinic'
 * @example institutionKindFromName('☆☆病院（新潟市）') // 'hospital'
 * @example institutionKindFromName('市立稚内病院附属曲渕健康管理センター') // 'clinic'
 */
export function institutionKindFromName(name: string): InstitutionKind {
  const bare = name
    .normalize('NFKC')
    .trim()
    .replace(/\s*\([^()]*\)$/, '');
  if (/(診療所|クリニック|医院)$/.test(bare)) return 'clinic';
  if (/病院$/.test(bare)) return 'hospital';
  if (/訪問看護/.test(bare)) return 'nursing_station';
  const hospital = bare.lastIndexOf('病院');
  return hospital >= 0 && !HOSPITAL_FACILITY.test(bare.slice(hospital + 2)) ? 'hospital' : 'clinic';
}

/**
 * Seed 004: ①②③ are required, ④⑤ optional. `heading` is the column heading
 * of seed 004's tables under 「在宅医療の機能」, word for word.
 */
export const DESIGNATION_REQUIREMENTS = [
  { no: 1, required: true, label: '①医師不在時・急変時等の診療の支援', heading: '他医療機関に対する医師不在時等の支援' },
  { no: 2, required: true, label: '②必要な医療・介護・障害福祉サービスの確保の働きかけ', heading: '医療・介護・障がいサービス等との連携' },
  { no: 3, required: true, label: '③地域包括支援センター等と協働したサービスの紹介', heading: '家族等へ負担軽減に繋がるサービスを紹介' },
  { no: 4, required: false, label: '④臨床研修（地域医療研修）の機会の確保', heading: '在宅医療に関する研修の機会の確保' },
  { no: 5, required: false, label: '⑤災害時等の医療提供計画の策定', heading: '災害対応に係る計画を策定 他の医療機関の策定を支援' },
] as const;
