/**
 * The old and variant forms of kanji that searchKey() reads as their common form. Its characters are looked up in what
 * the user typed or imported and never drawn from here, so the fonts' script does not carry them (scripts/fonts.mjs).
 */

/**
 * The old (旧字体) and variant (異体字) forms of kanji that names are written with: each group is the common form, then
 * the forms read as it. They are the pairs found in the national list of insured institutions and the
 * list of municipalities, in names and addresses, that are one character written two ways (渡邊・渡邉・渡辺, 齋藤・斎藤,
 * 澤田・沢田); 埼 (埼玉) is another character than 崎 and stays, as do a 外字's private-use codes, which name no character.
 * 齊 is the old form of 斉, not of 斎: 齊藤 is found by 斉藤.
 */
const KANJI_VARIANT_GROUPS = [
  '高髙 崎﨑嵜 徳德 辺邊邉 斎齋 斉齊 浜濵濱 桜櫻 瀬瀨 真眞 広廣 沢澤 村邨 国國 会會 医醫毉',
  '学學 島嶋嶌 柳栁 清淸 青靑 頼賴 寛寬 風凮凬 顛顚 莱萊 館舘 峰峯 富冨 槙槇 淵渕 実實 恵惠',
  '竜龍 桧檜 条條 寿壽 栄榮 県縣 円圓 万萬 弥彌 児兒 来來 曽曾 礼禮 蔵藏 荘莊 静靜 滝瀧',
  '岳嶽 奥奧 遥遙 宝寶 渋澁 沖冲 船舩 体躰 晃晄 浅淺 団團 為爲 号號 仏佛 気氣 関關 蛍螢',
  '園薗 剣剱劔 薮藪 篭籠 狭狹 楽樂 独獨 当當 乗乘 稲稻 伝傳 聡聰 壱壹 双雙 総總 慎愼 暁曉',
  '巌巖 渓溪 萌萠 野埜 芦蘆',
]
  .join(' ')
  .split(' ');

/** Each old or variant form (髙) → the form it is read as (高). */
export const KANJI_VARIANTS: ReadonlyMap<string, string> = new Map(
  KANJI_VARIANT_GROUPS.flatMap((group) => [...group].slice(1).map((variant) => [variant, group[0]!] as const)),
);
