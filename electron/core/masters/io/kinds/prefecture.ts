/**
 * The prefecture a 台帳 is for, and how an import tells a row of another one: the national lists (医療機関, 市区町村)
 * hold every prefecture's rows, and importing one whole adds them all, which an officer should see before it does.
 */

import type { Reader } from '@core/kernel/db/schema';
import type { OutsideRule, TemplatePrefecture } from '@core/tabular/import-engine';
import { formatNumber } from '@shared/format';
import { localGovCheckDigit } from '@shared/lgcode';
import { PREFECTURES } from '@shared/masters/prefectures';

export interface HomePrefecture {
  code: string;
  name: string;
}

/** The 台帳's prefecture, or null before one is chosen. */
export async function homePrefecture(db: Reader): Promise<HomePrefecture | null> {
  return (await db.selectFrom('prefecture').select(['code', 'name']).executeTakeFirst()) ?? null;
}

/** Whether a code that begins with its 都道府県番号 (団体コード, a 9- or 10-digit 医療機関コード) is of another prefecture. */
export function codeOfOtherPrefecture(code: string, home: HomePrefecture): boolean {
  return code.slice(0, 2) !== home.code;
}

/** Whether an address begins with the name of another prefecture. */
export function addressInOtherPrefecture(address: string, home: HomePrefecture): boolean {
  const bare = address.normalize('NFKC').trimStart();
  return PREFECTURES.some((p) => p.code !== home.code && bare.startsWith(p.name));
}

/**
 * The rows of other prefectures as an import tells them (OutsideRule), once the 台帳 has its prefecture: `is` tells a
 * row by its cells as written, `by` says how, in the preview's note on them.
 */
export function otherPrefectures<Ctx extends { home: HomePrefecture | null }>(
  is: (text: (key: string) => string, home: HomePrefecture, ctx: Ctx) => boolean,
  by: (home: HomePrefecture) => string,
): OutsideRule<Ctx> {
  return {
    own: (ctx) => ctx.home?.name ?? null,
    is: (text, ctx) => ctx.home !== null && is(text, ctx.home, ctx),
    takenNote: (count, ctx) =>
      `他の都道府県の行 ${formatNumber(count)} 行（${by(ctx.home!)}）: このまま取り込むと${ctx.home!.name}以外の分も台帳に入ります`,
  };
}

/**
 * A template's example 団体コード: one of the prefecture's own (its 市 number 201, with the check digit), in words before
 * one is chosen — an example of another prefecture's code would read as a row of theirs.
 * @example municipalityCodeExample({ code: '20', name: '長野県' }) // '202011'
 */
export function municipalityCodeExample(prefecture: TemplatePrefecture): string {
  return prefecture ? `${prefecture.code}201${localGovCheckDigit(`${prefecture.code}201`)}` : '6桁の団体コード';
}

/** A template's example 医療機関コード: the prefecture's number, then 8 digits. */
export function institutionCodeExample(prefecture: TemplatePrefecture): string {
  return prefecture ? `${prefecture.code}10000001` : '10桁の医療機関コード';
}
