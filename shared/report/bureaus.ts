/**
 * The 地方厚生局 each prefecture reports to, by the two-digit prefecture code
 * (全国地方公共団体コード). The default 宛先 of a submission; the officer can
 * change it in 設定.
 */
const BUREAUS: readonly { name: string; prefectures: readonly number[] }[] = [
  { name: '北海道厚生局', prefectures: [1] },
  { name: '東北厚生局', prefectures: [2, 3, 4, 5, 6, 7] },
  { name: '関東信越厚生局', prefectures: [8, 9, 10, 11, 12, 13, 14, 15, 19, 20] },
  { name: '東海北陸厚生局', prefectures: [16, 17, 21, 22, 23, 24] },
  { name: '近畿厚生局', prefectures: [18, 25, 26, 27, 28, 29, 30] },
  { name: '中国四国厚生局', prefectures: [31, 32, 33, 34, 35] },
  { name: '四国厚生支局', prefectures: [36, 37, 38, 39] },
  { name: '九州厚生局', prefectures: [40, 41, 42, 43, 44, 45, 46, 47] },
];

/**
 * @example regionalBureauOf('15') // '関東信越厚生局' (新潟県)
 */
export function regionalBureauOf(prefectureCode: string): string | null {
  const code = Number(prefectureCode.slice(0, 2));
  return BUREAUS.find((b) => b.prefectures.includes(code))?.name ?? null;
}

/** 関東信越厚生局長 殿 — also from 「関東信越厚生局長」 or 「関東信越厚生局長 殿」 typed in 設定. */
export function bureauAddressee(bureau: string): string {
  const name = bureau.replace(/\s*殿$/, '').replace(/長$/, '');
  return `${name}長 殿`;
}
