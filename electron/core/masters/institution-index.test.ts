/**
 * The institution list's index: its searches find exactly the rows whose keys
 * hold every word, and the list's first page read before the index is built
 * is the page the index gives once built — on both engines, with names whose
 * UTF-16 order is not their code-point order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { institutionNameOrder } from '@shared/masters/model';
import { searchKey as searchKeyOf } from '@shared/text/normalize';
import { engines } from '@tests/support/engines';
import { newInstitution } from '@tests/support/seed';
import type { Core } from '../core';
import {
  type InstitutionQuery,
  institutionIndexBuildsStarted,
  institutionIndexBuilt,
  searchInstitutions,
  tableSearch,
} from './institution-index';

/** Full-width （ (U+FF08) sorts before 𠮷 (U+20BB7) by code point, after it by UTF-16 unit; ASCII and kana around them. */
const NAMES = ['（医）𠮷田医院', '𠮷田クリニック', '（医）あおば病院', 'あおば歯科', 'ABC医院', 'あおば病院', '𠮷川内科', '（医）𠮷田医院'];

async function seed(core: Core, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const name = NAMES[i % NAMES.length]!;
    await core.call(
      'masters.institutions.save',
      newInstitution(i < NAMES.length ? name : `${name}${i % 7}`, {
        kind: i % 3 === 0 ? 'hospital' : 'clinic',
        address: ['新潟市中央区', '長岡市', '上越市'][i % 3]!,
      }),
    );
  }
}

/** The names' order keys (numbers by value) in code-point order, then id: what both engines' name-order index gives. */
function byCodePoint(a: { name: string; id: number }, b: { name: string; id: number }): number {
  const x = [...institutionNameOrder(a.name)].map((c) => c.codePointAt(0)!);
  const y = [...institutionNameOrder(b.name)].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length || a.id - b.id;
}

const plain: InstitutionQuery = { search: '', sort: 'name', limit: 100, offset: 0 };

describe('the institution index', () => {
  for (const engine of engines()) {
    it(`lists names with numbers by the numbers' value, full-width or not, before and after the build (QA: （30） after （302）) (${engine.name})`, async () => {
      const core = await engine.open({ osUser: 'tester' });
      const names = ['☆☆病院（302）', '☆☆病院（30）', '☆☆病院（３）', '☆☆病院（１０００）', '☆☆病院（4）', '☆☆病院分院'];
      for (const name of names) await core.call('masters.institutions.save', newInstitution(name, { kind: 'hospital' }));
      const listed = async (query: InstitutionQuery) => {
        const { ids } = await searchInstitutions(core.database, core, query);
        const byId = new Map((await core.database.selectFrom('institution').select(['id', 'name']).execute()).map((r) => [r.id, r.name]));
        return ids.map((id) => byId.get(id));
      };
      // 分院 (U+5206) before （ (U+FF08), by code point as before.
      const expected = ['☆☆病院分院', '☆☆病院（３）', '☆☆病院（4）', '☆☆病院（30）', '☆☆病院（302）', '☆☆病院（１０００）'];
      expect(await listed(plain)).toEqual(expected);
      expect(await listed({ ...plain, search: '病院' })).toEqual(expected);
      await institutionIndexBuilt(core.database, core);
      expect(await listed(plain)).toEqual(expected);
      expect(await listed({ ...plain, search: '病院' })).toEqual(expected);
    });

    it(`opens the list on the page the index will give, in code-point order, before it is built (${engine.name})`, async () => {
      const core = await engine.open({ osUser: 'tester' });
      await seed(core, 40);
      const rows = await core.database.selectFrom('institution').select(['id', 'name']).execute();
      const expected = [...rows].sort(byCodePoint).map((r) => r.id);
      expect(expected).not.toEqual([...rows].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id)).map((r) => r.id));

      // Before the build (read through the database's index), once built (from the index), after a write (through the
      // database again): the same order each time.
      const page = { ...plain, limit: 15, offset: 10 };
      expect(await searchInstitutions(core.database, core, page)).toEqual({ ids: expected.slice(10, 25), total: 40 });
      await institutionIndexBuilt(core.database, core);
      expect(await searchInstitutions(core.database, core, page)).toEqual({ ids: expected.slice(10, 25), total: 40 });
      await seed(core, 1);
      const after = (await core.database.selectFrom('institution').select(['id', 'name']).execute()).sort(byCodePoint).map((r) => r.id);
      expect(await searchInstitutions(core.database, core, plain)).toEqual({ ids: after, total: 41 });
      await institutionIndexBuilt(core.database, core);
      expect(await searchInstitutions(core.database, core, plain)).toEqual({ ids: after, total: 41 });
    });

    it(`builds the index on its own shortly after a list read from the table, not while that list is answered (${engine.name})`, async () => {
      const core = await engine.open({ osUser: 'tester' });
      await seed(core, 10);
      const before = institutionIndexBuildsStarted();
      const first = await searchInstitutions(core.database, core, plain);
      // The screen's other requests come first: no build has started with this answer.
      expect(institutionIndexBuildsStarted()).toBe(before);
      await expect.poll(() => institutionIndexBuildsStarted(), { timeout: 5_000 }).toBeGreaterThan(before);
      await institutionIndexBuilt(core.database, core);
      expect(await searchInstitutions(core.database, core, plain)).toEqual(first);
      // A write makes it stale; the next list starts another build by itself.
      await seed(core, 1);
      const stale = institutionIndexBuildsStarted();
      expect((await searchInstitutions(core.database, core, plain)).total).toBe(11);
      await expect.poll(() => institutionIndexBuildsStarted(), { timeout: 5_000 }).toBeGreaterThan(stale);
    });

    it(`builds while two cores read in turn within each other's wait, neither calling off the other's build (${engine.name})`, async () => {
      const [one, two] = [await engine.open({ osUser: 'tester' }), await engine.open({ osUser: 'tester' })];
      await seed(one, 5);
      await seed(two, 7);
      const before = institutionIndexBuildsStarted();
      // Each core's read within the other's wait, as two people searching as they type: a build starts while they read.
      const until = performance.now() + 3_000;
      while (institutionIndexBuildsStarted() === before && performance.now() < until) {
        await searchInstitutions(one.database, one, plain);
        await searchInstitutions(two.database, two, plain);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      expect(institutionIndexBuildsStarted()).toBeGreaterThan(before);
    });

    it(`searches the table while the index is not built, finding what the index finds, in each order (${engine.name})`, async () => {
      const core = await engine.open({ osUser: 'tester' });
      await seed(core, 40);
      const queries: InstitutionQuery[] = [
        { ...plain, search: 'あおば' },
        { ...plain, search: '𠮷　医院' },
        { ...plain, search: '（', sort: 'kind', limit: 7, offset: 3 },
        { ...plain, search: '長岡', sort: 'code' },
        { ...plain, search: '', kind: 'hospital', sort: 'kind' },
        { ...plain, search: '病院', kind: 'clinic' },
        { ...plain, search: 'ない' },
      ];
      const before = [];
      for (const query of queries) before.push(await searchInstitutions(core.database, core, query));
      await institutionIndexBuilt(core.database, core);
      const built = [];
      for (const query of queries) built.push(await searchInstitutions(core.database, core, query));
      expect(before).toEqual(built);
      expect(built.map((r) => r.total)).toEqual([15, 10, 15, 13, 14, 8, 0]);

      // A write makes the index stale: the next search reads the table, and finds the new row at once.
      await seed(core, 1);
      const found = await searchInstitutions(core.database, core, { ...plain, search: '𠮷田' });
      const rows = (await core.database.selectFrom('institution').select(['id', 'name', 'searchKey']).execute()).sort(byCodePoint);
      expect(found).toEqual({ ids: rows.filter((r) => r.searchKey.includes(searchKeyOf('𠮷田'))).map((r) => r.id), total: 16 });
    });
  }

  it('finds exactly the rows whose search keys hold every word, in each order, page by page', async () => {
    const [sqlite] = engines();
    const core = await sqlite!.open({ osUser: 'tester' });
    await seed(core, 120);
    const rows = (await core.database.selectFrom('institution').select(['id', 'name', 'searchKey', 'kind', 'code']).execute()).sort(
      byCodePoint,
    );
    expect(await searchInstitutions(core.database, core, { ...plain, search: '病院 \u0000' })).toEqual({ ids: [], total: 0 });
    const words = ['あおば', 'アオバ', '病院', '医院', 'ｸﾘﾆｯｸ', '𠮷', '（', '長岡', 'abc', '1', '2', 'ながおか', '歯'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...words), { maxLength: 3 }),
        fc.constantFrom(undefined, 'clinic', 'hospital'),
        fc.constantFrom('name' as const, 'kind' as const, 'code' as const),
        fc.nat({ max: 60 }),
        async (asked, kind, sort, offset) => {
          const query: InstitutionQuery = { search: asked.join('　'), sort, limit: 20, offset, ...(kind ? { kind } : {}) };
          // The table's scan (before the index is built) and the index: the same page.
          const scanned = await tableSearch(
            core.database,
            asked.map(searchKeyOf).filter((w) => w !== ''),
            query,
          );
          await institutionIndexBuilt(core.database, core);
          const found = await searchInstitutions(core.database, core, query);
          expect(scanned).toEqual(found);
          const folded = (await Promise.all(asked.map((w) => core.call('masters.institutions.list', { search: w, limit: 1 })))).map(
            (r) => r.total,
          );
          // Each word alone: the naive count over the stored keys.
          asked.forEach((word, i) => {
            const key = searchKeyOf(word);
            expect(folded[i]).toBe(rows.filter((r) => r.searchKey.includes(key)).length);
          });
          const value = (r: (typeof rows)[number]) => (sort === 'kind' ? r.kind : (r.code ?? ''));
          const order =
            sort === 'name'
              ? rows
              : [...rows].sort((a, b) => (value(a) < value(b) ? -1 : value(a) > value(b) ? 1 : 0) || byCodePoint(a, b));
          const matching = order.filter((r) => (!kind || r.kind === kind) && asked.every((w) => r.searchKey.includes(searchKeyOf(w))));
          expect(found).toEqual({ ids: matching.slice(offset, offset + 20).map((r) => r.id), total: matching.length });
        },
      ),
      { numRuns: 60 },
    );
  });
});
