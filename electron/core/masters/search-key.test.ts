/**
 * An address written with 「ー」 between its numbers, as the national list writes it, is found by 3-11 typed with a
 * hyphen — also in a database whose keys were stored before searchKey() folded the dashes (migration 0022). An
 * institution is found by its municipality's reading (ながおか), as saved, imported, or stored before the keys held it
 * (migration 0025); 駒ヶ根 by 駒ケ根, also where the key kept the small ヶ (migration 0027); and 霞ヶ関 by 霞が関 and
 * the other way, also where the key kept the が (migration 0028); 髙橋 by 高橋, 宮﨑 by 宮崎 and the other old and variant
 * forms of kanji by the forms an IME offers, also where the key kept the variant (migration 0029).
 */
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import { engines, freshPgDatabase } from '@tests/support/engines';
import { newInstitution } from '@tests/support/seed';
import { tempDir } from '@tests/support/tmp';
import { Core, type CoreOptions } from '../core';
import { MIGRATIONS } from '../kernel/db/migrations';
import { clientConfig } from '../kernel/db/postgres';
import { institutionRow } from './write';

const migrationsBefore = (first: string) => Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < first));
const BEFORE_FOLD = migrationsBefore('0022');
const BEFORE_READING = migrationsBefore('0025');

/**
 * An institution saved as an earlier Renkei did: its row without the name-order key, a column those schemas lack
 * (migration 0031 adds it and fills it in).
 */
async function saveAsBefore(core: Core, input: Parameters<typeof institutionRow>[0]): Promise<void> {
  const municipality = input.municipalityCode
    ? await core.database.selectFrom('municipality').select(['name', 'kana']).where('code', '=', input.municipalityCode).executeTakeFirst()
    : undefined;
  const { nameOrder: _order, ...row } = institutionRow(input, municipality);
  await core.database
    .insertInto('institution')
    .values(row as typeof row & { nameOrder: string })
    .execute();
}

const HAYADORI = newInstitution('早通北クリニック', { address: '新潟市北区早通北１丁目３ー１１' });

/** Where a test's database lives, how to open a core on it, and how to run SQL on it with no core open. */
async function database(engine: 'sqlite' | 'postgres') {
  if (engine === 'sqlite') {
    const dbPath = path.join(tempDir(), 'keys.sqlite');
    return {
      open: (options: Omit<CoreOptions, 'dbPath' | 'connection'> = {}) => Core.open({ ...options, dbPath }),
      run: async (statement: string) => {
        const raw = new BetterSqlite3(dbPath);
        raw.exec(statement);
        raw.close();
      },
    };
  }
  const { connection, drop } = await freshPgDatabase();
  onTestFinished(drop);
  return {
    open: (options: Omit<CoreOptions, 'dbPath' | 'connection'> = {}) => Core.open({ ...options, connection, workDir: tempDir() }),
    run: async (statement: string) => {
      const client = new pg.Client(clientConfig(connection));
      await client.connect();
      await client.query(statement);
      await client.end();
    },
  };
}

describe('searching an address by its numbers', () => {
  for (const { name } of engines()) {
    it(`finds 早通北１丁目３ー１１ by 3-11, also where the key was stored before the fold (${name})`, async () => {
      const db = await database(name);
      const before = await db.open({ migrations: BEFORE_FOLD });
      await saveAsBefore(before, HAYADORI);
      await before.close();
      // The key as an earlier Renkei stored it: ー kept.
      await db.run(`UPDATE institution SET search_key = replace(search_key, '3-11', '3ー11')`);

      const core = await db.open();
      onTestFinished(() => core.close());
      for (const typed of ['3-11', '３ー１１', '3−11', '1丁目3-11'])
        expect(
          (await core.call('masters.institutions.list', { search: typed })).rows.map((r) => r.name),
          typed,
        ).toEqual([HAYADORI.name]);
      const added = await core.call('masters.institutions.save', { ...HAYADORI, name: 'カーブス診療所', address: '新潟市北区１ー２' });
      expect((await core.call('masters.institutions.list', { search: '1-2' })).rows.map((r) => r.id)).toEqual([added.id]);
      // ー that is kana is searched as kana.
      expect((await core.call('masters.institutions.list', { search: 'かーぶす' })).rows.map((r) => r.id)).toEqual([added.id]);
    });
  }
});

describe('searching by the municipality’s reading', () => {
  for (const { name } of engines()) {
    it(`finds 長岡市’s institutions by ながおか, ﾅｶﾞｵｶ and a new reading, also where the key was stored before (${name})`, async () => {
      const db = await database(name);
      const before = await db.open({ migrations: BEFORE_READING });
      const nagaoka = { code: '152021', name: '長岡市', kana: 'ながおかし', type: '市' as const, designatedCity: false, coreCity: false };
      await before.call('masters.municipalities.save', { ...nagaoka, areas: {}, isNew: true, version: 0 });
      await saveAsBefore(before, {
        ...HAYADORI,
        name: '悠久山病院',
        kind: 'hospital',
        municipalityCode: '152021',
        address: '',
      });
      await before.close();
      // The key as an earlier Renkei stored it: the municipality's name, not its reading.
      await db.run(`UPDATE institution SET search_key = replace(search_key, 'ながおかし', '')`);

      const core = await db.open();
      onTestFinished(() => core.close());
      const found = async (search: string) => (await core.call('masters.institutions.list', { search })).rows.map((r) => r.name);
      expect(await found('ながおか')).toEqual(['悠久山病院']);
      expect(await found('ﾅｶﾞｵｶ')).toEqual(['悠久山病院']);
      await core.call('masters.institutions.save', { ...HAYADORI, name: '宮内医院', municipalityCode: '152021', address: '' });
      const csv = '医療機関コード,名称,市区町村\r\n1510000001,摂田屋診療所,長岡市\r\n';
      await core.call('masters.import.commit', {
        kind: 'institutions',
        fileName: '医療機関.csv',
        data: Buffer.from(csv).toString('base64'),
      });
      expect(await found('ながおか')).toEqual(['宮内医院', '悠久山病院', '摂田屋診療所']);
      expect(await found('ながおか 宮内')).toEqual(['宮内医院']);

      // A reading added to the 台帳 later finds its institutions from then on.
      const ojiya = { code: '152081', name: '小千谷市', kana: '', type: '市' as const, designatedCity: false, coreCity: false };
      const { version } = await core.call('masters.municipalities.save', { ...ojiya, areas: {}, isNew: true, version: 0 });
      await core.call('masters.institutions.save', { ...HAYADORI, name: '片貝診療所', municipalityCode: '152081', address: '' });
      expect(await found('おぢや')).toEqual([]);
      await core.call('masters.municipalities.save', { ...ojiya, kana: 'おぢやし', areas: {}, isNew: false, version });
      expect(await found('おぢや')).toEqual(['片貝診療所']);
    });
  }
});

describe('searching a place name written with ケ or ヶ', () => {
  for (const { name } of engines()) {
    it(`finds 駒ヶ根 by 駒ケ根 and the other way, also where the key was stored with the small ヶ (${name})`, async () => {
      const db = await database(name);
      const before = await db.open({ migrations: migrationsBefore('0027') });
      const center = { ...HAYADORI, name: '長野県立こころの医療センター駒ヶ根', address: '駒ケ根市下平２９０１' };
      await saveAsBefore(before, center);
      await before.close();
      // The key as an earlier Renkei stored it: ヶ as ゖ, ケ as け.
      await db.run(`UPDATE institution SET search_key = replace(search_key, 'せんたー駒け根', 'せんたー駒ゖ根')`);

      const core = await db.open();
      onTestFinished(() => core.close());
      for (const typed of ['駒ヶ根', '駒ケ根', 'センター駒ケ根', '駒ヶ根市下平'])
        expect(
          (await core.call('masters.institutions.list', { search: typed })).rows.map((r) => r.name),
          typed,
        ).toEqual([center.name]);
    });
  }
});

describe('searching a place name written with が, ケ or ヶ', () => {
  for (const { name } of engines()) {
    it(`finds 霞が関 by 霞ヶ関 and 霞ケ関 by 霞が関, also where the key was stored with the が (${name})`, async () => {
      const db = await database(name);
      const before = await db.open({ migrations: migrationsBefore('0028') });
      // Real rows of the national list.
      const ministry = { ...HAYADORI, name: '財務省診療所', address: '千代田区霞が関三丁目１番１号' };
      const kawagoe = { ...HAYADORI, name: '医療法人 霞ケ関眼科クリニック', address: '川越市霞ケ関東２－１１－１３' };
      const kamakura = { ...HAYADORI, name: 'じんの内科クリニック', address: '鎌倉市由比ガ浜３－１１－３９福地ビル１Ｆ' };
      const cancer = { ...HAYADORI, name: '宮城県立がんセンター', address: '名取市愛島塩手字野田山４７－１' };
      const koga = { ...HAYADORI, name: 'こが内科クリニック', address: '' };
      for (const row of [ministry, kawagoe, kamakura, cancer, koga]) await saveAsBefore(before, row);
      await before.close();
      // The keys as an earlier Renkei stored them: が (and ガ, folded with the katakana) as が.
      await db.run(`UPDATE institution SET search_key = replace(replace(search_key, '霞け関三', '霞が関三'), '比け浜', '比が浜')`);

      const core = await db.open();
      onTestFinished(() => core.close());
      const found = async (search: string) => (await core.call('masters.institutions.list', { search })).rows.map((r) => r.name).sort();
      const kasumi = [kawagoe.name, ministry.name].sort();
      for (const typed of ['霞ヶ関', '霞ケ関', '霞が関', '霞ガ関', '霞が']) expect(await found(typed), typed).toEqual(kasumi);
      expect(await found('霞ヶ関三丁目')).toEqual([ministry.name]);
      expect(await found('由比ヶ浜')).toEqual([kamakura.name]);
      expect(await found('由比が浜')).toEqual([kamakura.name]);
      expect(await found('県立がん')).toEqual([cancer.name]);
      expect(await found('こが内科')).toEqual([koga.name]);
    });
  }
});

describe('searching a name written with an old or variant form of a kanji', () => {
  for (const { name } of engines()) {
    it(`finds 髙橋 by 高橋, 宮﨑 by 宮崎 and 渡邊 by 渡辺, also where the key was stored with the variant (${name})`, async () => {
      const db = await database(name);
      const before = await db.open({ migrations: migrationsBefore('0029') });
      // Real rows of the national list.
      const takahashi = { ...HAYADORI, name: '髙橋レディースクリニック', address: '熊本市北区清水新地６丁目２番６４号' };
      const takamoto = { ...HAYADORI, name: '髙本脳神経外科医院', address: '上益城郡益城町惣領１３１６' };
      const miyazaki = { ...HAYADORI, name: '医療法人 宮﨑整形外科医院', address: '福井市加茂河原３－８－６' };
      const watanabe = { ...HAYADORI, name: '太白会 田邉医院', address: '新潟市南区白根３０２０番地' };
      const saito = { ...HAYADORI, name: '医療法人社団齋藤医院', address: '新発田市豊町２丁目２番２３号' };
      const plain = { ...HAYADORI, name: '高橋内科医院', address: '長岡市豊田町７番地１０' };
      for (const row of [takahashi, takamoto, miyazaki, watanabe, saito, plain]) await saveAsBefore(before, row);
      await before.close();
      // The keys as an earlier Renkei stored them: the variant kept.
      await db.run(
        `UPDATE institution SET search_key = replace(replace(replace(replace(replace(search_key, '高橋れ', '髙橋れ'), '高本', '髙本'), '宮崎', '宮﨑'), '田辺', '田邉'), '斎藤', '齋藤')`,
      );

      const core = await db.open();
      onTestFinished(() => core.close());
      const found = async (search: string) => (await core.call('masters.institutions.list', { search })).rows.map((r) => r.name).sort();
      expect(await found('高橋')).toEqual([plain.name, takahashi.name].sort());
      expect(await found('髙橋')).toEqual([plain.name, takahashi.name].sort());
      expect(await found('高本')).toEqual([takamoto.name]);
      expect(await found('宮崎整形')).toEqual([miyazaki.name]);
      expect(await found('田辺医院')).toEqual([watanabe.name]);
      expect(await found('斎藤')).toEqual([saito.name]);
      // Saved again from now on, the key holds the common form.
      const added = await core.call('masters.institutions.save', {
        ...HAYADORI,
        name: '髙塚医院',
        address: '新潟市秋葉区新津本町１丁目７番２２号',
      });
      expect((await core.call('masters.institutions.list', { search: '高塚' })).rows.map((r) => r.id)).toEqual([added.id]);
    });
  }
});

describe('listing names with numbers by their value', () => {
  for (const { name } of engines()) {
    it(`orders a list stored before the name-order keys by the numbers' value once opened (${name})`, async () => {
      const db = await database(name);
      const before = await db.open({ migrations: migrationsBefore('0031') });
      for (const n of ['302', '30', '３', '1000']) await saveAsBefore(before, { ...HAYADORI, name: `☆☆病院（${n}）` });
      await before.close();

      const core = await db.open();
      onTestFinished(() => core.close());
      const listed = async (search: string) => (await core.call('masters.institutions.list', { search })).rows.map((r) => r.name);
      const expected = ['☆☆病院（３）', '☆☆病院（30）', '☆☆病院（302）', '☆☆病院（1000）'];
      expect(await listed('')).toEqual(expected);
      expect(await listed('病院')).toEqual(expected);
    });
  }
});
