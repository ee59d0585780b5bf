import { describe, expect, it } from 'vitest';
import { type InstitutionKind, institutionKindFromName, placeAfterName } from './model';

/** Every name of `names` taken as `kind`; a failure names the row. */
function expectKind(names: string[], kind: InstitutionKind) {
  for (const name of names) expect([name, institutionKindFromName(name)]).toEqual([name, kind]);
}

describe('the 種別 a name implies', () => {
  it('goes by how the name ends, so a hospital’s own clinic is a clinic', () => {
    expect(institutionKindFromName('南魚沼市民病院附属城内診療所')).toBe('clinic');
    expect(institutionKindFromName('小千谷総合病院 岩沢診療所')).toBe('clinic');
    expect(institutionKindFromName('〇〇病院附属クリニック')).toBe('clinic');
    expect(institutionKindFromName('医療法人 愛全病院')).toBe('hospital');
    expect(institutionKindFromName('鑓水医院')).toBe('clinic');
  });

  it('looks past a trailing （…）, and falls back on the words in the name', () => {
    expect(institutionKindFromName('☆☆病院（新潟市）')).toBe('hospital');
    expect(institutionKindFromName('〇〇診療所(佐渡市)')).toBe('clinic');
    expect(institutionKindFromName('独立行政法人国立病院機構 西新潟中央病院')).toBe('hospital');
    expect(institutionKindFromName('独立行政法人国立病院機構 新潟医療センター')).toBe('hospital');
    expect(institutionKindFromName('〇〇病院訪問看護ステーション')).toBe('nursing_station');
    expect(institutionKindFromName('さくら訪問看護ステーション')).toBe('nursing_station');
    expect(institutionKindFromName('ひゃくまち眼科')).toBe('clinic');
  });
});

describe('the 種別 of real rows of the national list (all_med_inst_cd.csv, August 2025)', () => {
  it('takes a hospital’s 附属 facility, 健診 centre or 出張所, listed under its own code, as the clinic it is', () => {
    expectKind(
      [
        '市立稚内病院附属曲渕健康管理センター',
        'メディカルコート八戸西病院付属八戸西健診プラザ',
        '岩手県立中央病院附属大迫地域診療センター',
        '医療法人社団善仁会小山記念病院付属 くりや耳鼻咽喉科',
        '城南病院附属クリ二ック',
        '医療法人愛正会やすらぎの丘温泉病院付属安良川クリニ',
        '北茨城市民病院附属家庭医療センター',
        '一般財団法人榛名荘 榛名荘病院附属高崎診療所はるな脳外科',
        '国家公務員共済組合連合会 虎の門病院付属健康管理センター・画像診断センター',
        '独立行政法人地域医療機能推進機構 神戸中央病院附属健康管理センター',
        '大崎市民病院健康管理センター',
        '社会医療法人財団 仁医会 牧田総合病院 健診クリニック Ｏｍｏｒｉ',
        '愛南町国保一本松病院福浦出張所',
        '長崎県上五島病院附属診療所 有川医療センター',
        '市立札幌病院前 ひゃくまち眼科',
      ],
      'clinic',
    );
  });

  it('keeps a hospital’s 分院 and a hospital named after its 機構 or 附属病院 a hospital', () => {
    expectKind(
      [
        '国家公務員共済組合連合会 虎の門病院分院',
        '和歌山県立医科大学附属病院紀北分院',
        '神戸大学医学部附属病院国際がん医療・研究センター',
        '公益財団法人 ライフ・エクステンション研究所 付属 永寿総合病院 柳橋分院',
        '地方独立行政法人 大阪府立病院機構 大阪はびきの医療センター',
        '長野県厚生農業協同組合連合会 佐久総合病院 佐久医療センター',
        '山形市立病院済生館',
      ],
      'hospital',
    );
  });

  it('takes a 保健所 or a 検診 centre, a 診療所 under the 医療法 where it treats insured patients, as a clinic', () => {
    expectKind(
      [
        '小樽市保健所',
        '茨城県ひたちなか保健所常陸大宮支所',
        '長野県 飯田保健所',
        '公益財団法人 北海道対がん協会 札幌がん検診センター',
        '医療法人社団明日佳 札幌健診センター',
        '函館市医師会健診検査センター',
      ],
      'clinic',
    );
  });
});

describe('the municipality written after an institution name', () => {
  it('is written once, also for a name that already ends with it', () => {
    expect(placeAfterName('山田医院', '新潟市')).toBe('新潟市');
    expect(placeAfterName('××在宅クリニック（新発田市）', '新発田市')).toBeNull();
    expect(placeAfterName('新発田市在宅クリニック', '新発田市')).toBe('新発田市');
    expect(placeAfterName('山田医院', null)).toBeNull();
  });
});
