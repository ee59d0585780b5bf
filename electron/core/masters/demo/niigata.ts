/**
 * The demo prefecture 新潟県, built from the seeds: the 7 二次医療圏, the 16
 * 郡市医師会 with their 在宅医療推進センター (seed 000), the municipalities'
 * 在宅医療・介護連携推進事業 and fictional institutions and designations shaped
 * like Hokkaido's tables (seed 004).
 *
 * Population figures are approximate demo values based on the 2020 census
 * (令和2年国勢調査); they must not be used as official statistics.
 * Institutions, hospitals, phone numbers and the linkage table are fictional.
 */
import type { DemoCenter, DemoDesignation, DemoInstitution, DemoLinkage, DemoMunicipality, DemoPrefectureData } from './types';

const CENSUS_2020 = '2020-10-01';

/** [total, age65, age75, age85, area in 0.01 ㎢] */
type Figures = [number, number, number, number, number];

function municipality(
  code: string,
  name: string,
  kana: string,
  [total, age65, age75, age85, areaCentiKm2]: Figures,
  designatedCity = false,
): DemoMunicipality {
  const type = name.endsWith('村') ? '村' : name.endsWith('町') ? '町' : '市';
  return {
    code,
    name,
    kana,
    type,
    designatedCity,
    // 長岡市・上越市 are 施行時特例市, not 中核市 (seed 000 l.163-164); Niigata has no 中核市.
    coreCity: false,
    population: [{ baseDate: CENSUS_2020, total, age65, age75, age85, areaCentiKm2 }],
  };
}

// Codes, names and kana from localgovjp-utf8.csv (the 30 municipalities, not 新潟市's wards).
const MUNICIPALITIES: DemoMunicipality[] = [
  municipality('151009', '新潟市', 'にいがたし', [789275, 233634, 123826, 43222, 72645], true),
  municipality('152021', '長岡市', 'ながおかし', [266539, 84230, 44642, 15583, 89106]),
  municipality('152048', '三条市', 'さんじょうし', [95761, 31511, 16701, 5830, 43197]),
  municipality('152056', '柏崎市', 'かしわざきし', [81526, 27884, 14779, 5159, 44203]),
  municipality('152064', '新発田市', 'しばたし', [94927, 30190, 16001, 5585, 53310]),
  municipality('152081', '小千谷市', 'おぢやし', [34096, 12216, 7024, 2749, 15519]),
  municipality('152099', '加茂市', 'かもし', [25386, 9654, 5551, 2172, 13372]),
  municipality('152102', '十日町市', 'とおかまちし', [49820, 20081, 11547, 4518, 59039]),
  municipality('152111', '見附市', 'みつけし', [39354, 13070, 6927, 2418, 7791]),
  municipality('152129', '村上市', 'むらかみし', [57418, 22454, 12911, 5052, 117417]),
  municipality('152137', '燕市', 'つばめし', [77201, 23705, 12564, 4385, 11096]),
  municipality('152161', '糸魚川市', 'いといがわし', [40765, 16754, 9634, 3770, 74624]),
  municipality('152170', '妙高市', 'みょうこうし', [30383, 11823, 6798, 2660, 44563]),
  municipality('152188', '五泉市', 'ごせんし', [47679, 17312, 9954, 3895, 35191]),
  municipality('152226', '上越市', 'じょうえつし', [188047, 60556, 32095, 11203, 97381]),
  municipality('152234', '阿賀野市', 'あがのし', [41499, 13863, 7347, 2565, 19274]),
  municipality('152242', '佐渡市', 'さどし', [51492, 21940, 12615, 4937, 85568]),
  municipality('152251', '魚沼市', 'うおぬまし', [34358, 13162, 7568, 2961, 94676]),
  municipality('152269', '南魚沼市', 'みなみうおぬまし', [54242, 17366, 9985, 3907, 58455]),
  municipality('152277', '胎内市', 'たいないし', [28561, 10171, 5848, 2288, 26489]),
  municipality('153079', '聖籠町', 'せいろうまち', [13906, 3644, 1931, 674, 3758]),
  municipality('153427', '弥彦村', 'やひこむら', [7902, 2626, 1392, 486, 2517]),
  municipality('153613', '田上町', 'たがみまち', [11390, 4131, 2375, 929, 3171]),
  municipality('153851', '阿賀町', 'あがまち', [9894, 4913, 2825, 1105, 95289]),
  municipality('154059', '出雲崎町', 'いずもざきまち', [4169, 1884, 1083, 424, 4438]),
  municipality('154610', '湯沢町', 'ゆざわまち', [7761, 2685, 1544, 604, 35729]),
  municipality('154822', '津南町', 'つなんまち', [9175, 3965, 2280, 892, 17021]),
  municipality('155047', '刈羽村', 'かりわむら', [4406, 1463, 775, 271, 2627]),
  municipality('155811', '関川村', 'せきかわむら', [5167, 2201, 1266, 495, 29961]),
  municipality('155861', '粟島浦村', 'あわしまうらむら', [347, 154, 89, 35, 978]),
];

/** The codes of the named municipalities; a misspelt name fails at load, not silently. */
function codes(...names: string[]): string[] {
  return names.map((name) => {
    const found = MUNICIPALITIES.find((m) => m.name === name);
    if (!found) throw new Error(`デモデータの市町村名が見つかりません: ${name}`);
    return found.code;
  });
}

const ALL = MUNICIPALITIES.map((m) => m.code);

/** The 7 二次医療圏 (seed 000 l.166, map l.492-498); Niigata's 在宅医療圏 are the same areas. */
const SECONDARY: [string, string[]][] = [
  ['下越', codes('村上市', '新発田市', '胎内市', '聖籠町', '関川村', '粟島浦村')],
  ['新潟', codes('新潟市', '五泉市', '阿賀野市', '阿賀町')],
  ['県央', codes('三条市', '加茂市', '燕市', '弥彦村', '田上町')],
  ['中越', codes('長岡市', '小千谷市', '見附市', '柏崎市', '出雲崎町', '刈羽村')],
  ['魚沼', codes('十日町市', '魚沼市', '南魚沼市', '湯沢町', '津南町')],
  ['上越', codes('上越市', '妙高市', '糸魚川市')],
  ['佐渡', codes('佐渡市')],
];

/**
 * 保健所圏域: the prefecture's 地域振興局 健康福祉(環境)部, named by their 地域振興局
 * ('新潟' is the 新潟地域振興局, which serves 五泉市・阿賀町), and 新潟市's own 保健所.
 */
const HEALTH_CENTER: [string, string[]][] = [
  ['村上', codes('村上市', '関川村', '粟島浦村')],
  ['新発田', codes('新発田市', '阿賀野市', '胎内市', '聖籠町')],
  ['新潟', codes('五泉市', '阿賀町')],
  ['新潟市', codes('新潟市')],
  ['三条', codes('三条市', '加茂市', '燕市', '弥彦村', '田上町')],
  ['長岡', codes('長岡市', '小千谷市', '見附市', '出雲崎町')],
  ['柏崎', codes('柏崎市', '刈羽村')],
  ['魚沼', codes('魚沼市')],
  ['南魚沼', codes('南魚沼市', '湯沢町')],
  ['十日町', codes('十日町市', '津南町')],
  ['上越', codes('上越市', '妙高市')],
  ['糸魚川', codes('糸魚川市')],
  ['佐渡', codes('佐渡市')],
];

const PREFECTURAL_ASSOCIATION = '新潟県医師会';

interface CountySeed {
  association: string;
  municipalities: string[];
  center: string;
  /** The hospital the association entrusts its center to (fictional), or ''. */
  entrustedTo: string;
  subsidyClass: 'large_county' | 'other_county';
  /** Areas of the H25-26 在宅医療連携モデル事業 (seed 000 l.585-597) started with the 整備事業; others unknown. */
  startDate: string | null;
  phone: string;
}

/**
 * The 16 郡市医師会 and their centers, as on the map of seed 000 (l.400-490).
 * The seed labels 見附市's center with the city only (l.470); the association is
 * named as it is known publicly. It also lists two sites for 小千谷市魚沼市医師会
 * (l.437-440: ①小千谷市在宅医療・介護連携支援センター ②魚沼市在宅医療推進センター)
 * while counting 16 associations and 17 centers with the 基幹 (l.505, l.510) and one
 * 基準額 per association (l.700-716), so they are one center here.
 * Which 4 centers are entrusted to hospitals is not in the seed; the hospitals are fictional.
 */
const COUNTY: CountySeed[] = [
  {
    association: '村上市岩船郡医師会',
    municipalities: codes('村上市', '関川村', '粟島浦村'),
    center: '村上地域在宅医療推進センター',
    entrustedTo: '（デモ）〇〇病院（村上市）',
    subsidyClass: 'other_county',
    startDate: null,
    phone: '0254-00-0001',
  },
  {
    association: '新発田北蒲原医師会',
    municipalities: codes('新発田市', '胎内市', '阿賀野市', '聖籠町'),
    center: 'しばた地域医療介護連携センター',
    entrustedTo: '',
    subsidyClass: 'other_county',
    startDate: '2015-10-01',
    phone: '0254-00-0002',
  },
  {
    association: '五泉市東蒲原郡医師会',
    municipalities: codes('五泉市', '阿賀町'),
    center: '五泉市東蒲原郡医師会在宅医療推進センター',
    entrustedTo: '（デモ）△△病院（五泉市）',
    subsidyClass: 'other_county',
    startDate: null,
    phone: '0250-00-0003',
  },
  {
    association: '新潟市医師会',
    municipalities: codes('新潟市'),
    center: '新潟市医師会在宅医療推進センター',
    entrustedTo: '',
    subsidyClass: 'large_county',
    startDate: '2015-10-01',
    phone: '025-000-0004',
  },
  {
    association: '燕市医師会',
    municipalities: codes('燕市', '弥彦村'),
    center: '燕・弥彦医療・介護センター',
    entrustedTo: '',
    subsidyClass: 'other_county',
    startDate: null,
    phone: '0256-00-0005',
  },
  {
    association: '三条市医師会',
    municipalities: codes('三条市'),
    center: '三条市地域包括ケア総合推進センター',
    entrustedTo: '',
    subsidyClass: 'other_county',
    startDate: '2015-10-01',
    phone: '0256-00-0006',
  },
  {
    association: '加茂市医師会',
    municipalities: codes('加茂市', '田上町'),
    center: '加茂・田上在宅医療推進センター',
    entrustedTo: '',
    subsidyClass: 'other_county',
    startDate: null,
    phone: '0256-00-0007',
  },
  {
    association: '小千谷市魚沼市医師会',
    municipalities: codes('小千谷市', '魚沼市'),
    center: '小千谷市魚沼市医師会在宅医療推進センター',
    entrustedTo: '（デモ）□□病院（魚沼市）',
    subsidyClass: 'other_county',
    startDate: null,
    phone: '025-000-0008',
  },
  {
    association: '十日町市中魚沼郡医師会',
    municipalities: codes('十日町市', '津南町'),
    center: 'つまり医療介護連携センター',
    entrustedTo: '',
    subsidyClass: 'other_county',
    startDate: '2015-10-01',
    phone: '025-000-0009',
  },
  {
    association: '南魚沼郡市医師会',
    municipalities: codes('南魚沼市', '湯沢町'),
    center: '南魚沼地域在宅医療推進センター',
    entrustedTo: '',
    subsidyClass: 'other_county',
    startDate: null,
    phone: '025-000-0010',
  },
  {
    association: '上越医師会',
    municipalities: codes('上越市', '妙高市'),
    center: '上越地域在宅医療推進センター',
    entrustedTo: '',
    subsidyClass: 'large_county',
    startDate: null,
    phone: '025-000-0011',
  },
  {
    association: '糸魚川市医師会',
    municipalities: codes('糸魚川市'),
    center: '糸魚川地域在宅ケア推進センター',
    entrustedTo: '（デモ）☆☆病院（糸魚川市）',
    subsidyClass: 'other_county',
    startDate: null,
    phone: '025-000-0012',
  },
  {
    association: '柏崎市刈羽郡医師会',
    municipalities: codes('柏崎市', '刈羽村'),
    center: '柏崎市刈羽郡医師会在宅医療推進センター',
    entrustedTo: '',
    subsidyClass: 'other_county',
    startDate: null,
    phone: '0257-00-0013',
  },
  {
    association: '長岡市医師会',
    municipalities: codes('長岡市', '出雲崎町'),
    center: '長岡市医療・介護連携推進センター',
    entrustedTo: '',
    subsidyClass: 'large_county',
    startDate: '2015-10-01',
    phone: '0258-00-0014',
  },
  {
    association: '見附市南蒲原郡医師会',
    municipalities: codes('見附市'),
    center: '見附市在宅医療推進センター',
    entrustedTo: '',
    subsidyClass: 'other_county',
    startDate: null,
    phone: '0258-00-0015',
  },
  {
    association: '佐渡医師会',
    municipalities: codes('佐渡市'),
    center: '佐渡市在宅医療推進センター',
    entrustedTo: '',
    subsidyClass: 'other_county',
    startDate: null,
    phone: '0259-00-0016',
  },
];

const CENTERS: DemoCenter[] = [
  {
    name: '新潟県医師会在宅医療推進センター',
    role: 'core',
    operator: PREFECTURAL_ASSOCIATION,
    entrustedTo: '',
    municipalities: ALL,
    // 整備事業 Ｈ27年10月～ (seed 000 l.807).
    startDate: '2015-10-01',
    contact: '025-000-0000（デモ）',
    subsidyClass: 'prefectural',
  },
  ...COUNTY.map(
    (c): DemoCenter => ({
      name: c.center,
      role: 'regional',
      operator: c.association,
      entrustedTo: c.entrustedTo,
      municipalities: c.municipalities,
      startDate: c.startDate,
      contact: `${c.phone}（デモ）`,
      subsidyClass: c.subsidyClass,
    }),
  ),
];

/** The center of the 郡市医師会 covering a municipality. */
function centerOf(code: string): string {
  const county = COUNTY.find((c) => c.municipalities.includes(code));
  if (!county) throw new Error(`デモデータの市町村 ${code} を担当するセンターがありません`);
  return county.center;
}

const ITEMS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const;
type Item = (typeof ITEMS)[number];

interface LinkagePlan {
  /** Items entrusted to the municipality's center. */
  center?: Item[];
  /** Items entrusted to another body. */
  other?: { items: Item[]; body: string };
  /** Items run jointly with the named municipalities. */
  joint?: { items: Item[]; with: string[] };
}

const HOUKATSU = '地域包括支援センター（社会福祉法人）';

/**
 * 令和5年度. Seed 000 says about half of the 30 municipalities entrust the 事業 to a
 * center (l.831); which ones is not in the seed, so this picture is made up: 15 do,
 * and the centers entrusted to hospitals are those with no municipal contract (l.741).
 * Items not named are 直営.
 */
const LINKAGE_2023: Record<string, LinkagePlan> = {
  新潟市: { center: ['a', 'c', 'd', 'e', 'f', 'g'] },
  長岡市: { center: ['a', 'c', 'd', 'e', 'f', 'g'] },
  上越市: { center: ['c', 'd', 'e', 'f', 'g'], joint: { items: ['h'], with: ['妙高市'] } },
  妙高市: { center: ['e', 'f'], joint: { items: ['h'], with: ['上越市'] } },
  三条市: { center: ['a', 'c', 'd', 'e', 'f', 'g'] },
  燕市: { center: ['c', 'e', 'f', 'g'], joint: { items: ['h'], with: ['弥彦村'] } },
  弥彦村: { center: ['e', 'f'], joint: { items: ['h'], with: ['燕市'] } },
  加茂市: { center: ['e', 'f', 'g'], joint: { items: ['h'], with: ['田上町'] } },
  田上町: { center: ['e', 'f'], joint: { items: ['h'], with: ['加茂市'] } },
  十日町市: { center: ['c', 'd', 'e', 'f'], joint: { items: ['h'], with: ['津南町'] } },
  津南町: { center: ['e', 'f'], joint: { items: ['h'], with: ['十日町市'] } },
  南魚沼市: { center: ['e', 'f', 'g'], joint: { items: ['h'], with: ['湯沢町'] } },
  湯沢町: { center: ['e'], joint: { items: ['h'], with: ['南魚沼市'] } },
  見附市: { center: ['a', 'c', 'e', 'f', 'g'] },
  佐渡市: { center: ['c', 'e', 'f'] },
  村上市: { joint: { items: ['h'], with: ['関川村', '粟島浦村'] } },
  関川村: { other: { items: ['e'], body: HOUKATSU }, joint: { items: ['h'], with: ['村上市', '粟島浦村'] } },
  粟島浦村: { joint: { items: ['h'], with: ['村上市', '関川村'] } },
  新発田市: { other: { items: ['e'], body: HOUKATSU } },
  胎内市: {},
  阿賀野市: {},
  聖籠町: {},
  五泉市: { joint: { items: ['h'], with: ['阿賀町'] } },
  阿賀町: { other: { items: ['e'], body: '地域包括支援センター（社会福祉協議会）' }, joint: { items: ['h'], with: ['五泉市'] } },
  小千谷市: {},
  魚沼市: {},
  糸魚川市: { other: { items: ['e'], body: HOUKATSU } },
  柏崎市: { joint: { items: ['h'], with: ['刈羽村'] } },
  刈羽村: { joint: { items: ['h'], with: ['柏崎市'] } },
  出雲崎町: {},
};

function linkageRows(fiscalYear: number, plans: Record<string, LinkagePlan>): DemoLinkage[] {
  return MUNICIPALITIES.flatMap((m) => {
    const plan = plans[m.name] ?? {};
    return ITEMS.map((item): DemoLinkage => {
      const base = { fiscalYear, municipality: m.code, item };
      if (plan.center?.includes(item)) return { ...base, mode: 'entrusted', center: centerOf(m.code) };
      if (plan.other?.items.includes(item)) return { ...base, mode: 'entrusted', entrustedBody: plan.other.body };
      if (plan.joint?.items.includes(item)) return { ...base, mode: 'joint', jointWith: codes(...plan.joint.with) };
      return { ...base, mode: 'direct' };
    });
  });
}

function institution(
  name: string,
  kind: DemoInstitution['kind'],
  town: string,
  flags: { homeCareSupport?: boolean; enhanced?: boolean; beds?: number } = {},
): DemoInstitution {
  const [code] = codes(town);
  return {
    name,
    kind,
    municipality: code!,
    address: `新潟県${town}（デモ）`,
    homeCareSupport: flags.homeCareSupport ?? false,
    enhanced: flags.enhanced ?? false,
    beds: flags.beds ?? null,
  };
}

/** Fictional, named the way seed 004 names its examples (〇〇訪問診療クリニック（函館市）). */
const INSTITUTIONS: DemoInstitution[] = [
  // 新潟
  institution('〇〇訪問診療クリニック（新潟市）', 'clinic', '新潟市', { homeCareSupport: true, enhanced: true }),
  institution('△△内科医院（新潟市）', 'clinic', '新潟市'),
  institution('☆☆病院（新潟市）', 'hospital', '新潟市', { homeCareSupport: true, enhanced: true, beds: 150 }),
  institution('〇〇訪問看護ステーション（新潟市）', 'nursing_station', '新潟市'),
  institution('□□クリニック（五泉市）', 'clinic', '五泉市', { homeCareSupport: true }),
  // 下越
  institution('××在宅クリニック（新発田市）', 'clinic', '新発田市', { homeCareSupport: true, enhanced: true }),
  institution('△△病院（村上市）', 'hospital', '村上市', { homeCareSupport: true, beds: 120 }),
  institution('◇◇診療所（胎内市）', 'clinic', '胎内市'),
  institution('訪問看護ステーション△△（新発田市）', 'nursing_station', '新発田市'),
  // 県央
  institution('□□内科医院（三条市）', 'clinic', '三条市', { homeCareSupport: true }),
  institution('〇〇ホームクリニック（燕市）', 'clinic', '燕市', { homeCareSupport: true, enhanced: true }),
  institution('訪問看護ステーション〇〇（三条市）', 'nursing_station', '三条市'),
  // 中越
  institution('△△ホームケアクリニック（長岡市）', 'clinic', '長岡市', { homeCareSupport: true, enhanced: true }),
  institution('☆☆内科クリニック（長岡市）', 'clinic', '長岡市'),
  institution('□□病院（柏崎市）', 'hospital', '柏崎市', { homeCareSupport: true, beds: 199 }),
  institution('訪問看護ステーション□□（長岡市）', 'nursing_station', '長岡市'),
  // 魚沼
  institution('〇〇医院（南魚沼市）', 'clinic', '南魚沼市', { homeCareSupport: true }),
  institution('××病院（十日町市）', 'hospital', '十日町市', { beds: 96 }),
  institution('訪問看護ステーション××（魚沼市）', 'nursing_station', '魚沼市'),
  // 上越
  institution('××訪問診療クリニック（上越市）', 'clinic', '上越市', { homeCareSupport: true, enhanced: true }),
  institution('△△クリニック（妙高市）', 'clinic', '妙高市'),
  institution('訪問看護ステーション☆☆（上越市）', 'nursing_station', '上越市'),
  // 佐渡
  institution('〇〇診療所（佐渡市）', 'clinic', '佐渡市', { homeCareSupport: true, beds: 19 }),
  institution('□□医院（佐渡市）', 'clinic', '佐渡市'),
  institution('訪問看護ステーション〇〇〇（佐渡市）', 'nursing_station', '佐渡市'),
];

const DESIGNATED_ON = '2024-04-01';

/** ①②③ are required (seed 004); ④⑤ vary. */
function designation(
  institution: string,
  area: string,
  optional: [boolean, boolean],
  partnerInstitutions: string[],
  partnerStations: string[],
): DemoDesignation {
  return {
    institution,
    area,
    designatedOn: DESIGNATED_ON,
    requirements: [true, true, true, ...optional],
    partnerInstitutions,
    partnerStations,
  };
}

const DESIGNATIONS: DemoDesignation[] = [
  designation(
    '〇〇訪問診療クリニック（新潟市）',
    '新潟',
    [false, false],
    ['△△内科医院（新潟市）', '☆☆病院（新潟市）'],
    ['〇〇訪問看護ステーション（新潟市）'],
  ),
  designation(
    '☆☆病院（新潟市）',
    '新潟',
    [true, true],
    ['△△内科医院（新潟市）', '□□クリニック（五泉市）', '〇〇訪問診療クリニック（新潟市）'],
    ['〇〇訪問看護ステーション（新潟市）'],
  ),
  designation(
    '××在宅クリニック（新発田市）',
    '下越',
    [false, true],
    ['△△病院（村上市）', '◇◇診療所（胎内市）'],
    ['訪問看護ステーション△△（新発田市）'],
  ),
  designation('〇〇ホームクリニック（燕市）', '県央', [false, false], ['□□内科医院（三条市）'], ['訪問看護ステーション〇〇（三条市）']),
  designation(
    '△△ホームケアクリニック（長岡市）',
    '中越',
    [false, true],
    ['☆☆内科クリニック（長岡市）', '□□病院（柏崎市）'],
    ['訪問看護ステーション□□（長岡市）'],
  ),
  designation('〇〇医院（南魚沼市）', '魚沼', [true, false], ['××病院（十日町市）'], ['訪問看護ステーション××（魚沼市）']),
  designation('××訪問診療クリニック（上越市）', '上越', [false, false], ['△△クリニック（妙高市）'], ['訪問看護ステーション☆☆（上越市）']),
  designation('〇〇診療所（佐渡市）', '佐渡', [false, true], ['□□医院（佐渡市）'], ['訪問看護ステーション〇〇〇（佐渡市）']),
];

export const NIIGATA: DemoPrefectureData = {
  prefecture: { code: '15', name: '新潟県' },
  municipalities: MUNICIPALITIES,
  areas: [
    ...SECONDARY.map(([name, municipalities]) => ({ kind: 'secondary' as const, name, municipalities })),
    ...SECONDARY.map(([name, municipalities]) => ({ kind: 'home_care' as const, name, municipalities })),
    ...HEALTH_CENTER.map(([name, municipalities]) => ({ kind: 'health_center' as const, name, municipalities })),
  ],
  associations: [
    { name: PREFECTURAL_ASSOCIATION, kind: 'prefectural', municipalities: ALL },
    ...COUNTY.map((c) => ({ name: c.association, kind: 'county' as const, municipalities: c.municipalities })),
  ],
  centers: CENTERS,
  linkage: linkageRows(2023, LINKAGE_2023),
  institutions: INSTITUTIONS,
  designations: DESIGNATIONS,
};
