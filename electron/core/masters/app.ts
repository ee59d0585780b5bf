/** 台帳 operations: the handlers over read.ts and write.ts. */
import { sql } from 'kysely';
import type { MastersOverview } from '@shared/contract';
import { RenkeiError } from '@shared/contract';
import type { AreaKind } from '@shared/masters/model';
import { matchesSearch } from '@shared/text/normalize';
import { loadDemoMasters } from '../demo/masters';
import { NIIGATA } from '../demo/niigata';
import type { Db, Trx } from '../kernel/db/schema';
import { handlers } from '../kernel/handlers';
import { searchInstitutions } from './institution-index';
import { areaSummaries, associations, centerRows, designationRows, linkageItems, municipalityRows, toInstitutionRow, toPopulation } from './read';
import * as write from './write';

export async function overview(db: Db | Trx): Promise<MastersOverview> {
  const count = async (table: 'municipality' | 'area' | 'medicalAssociation' | 'center' | 'institution' | 'designation') =>
    Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  return {
    prefecture: (await db.selectFrom('prefecture').select(['code', 'name']).executeTakeFirst()) ?? null,
    counts: {
      municipalities: await count('municipality'),
      areas: await count('area'),
      associations: await count('medicalAssociation'),
      centers: await count('center'),
      institutions: await count('institution'),
      designations: await count('designation'),
    },
  };
}

export const mastersHandlers = handlers({
  'masters.overview': async (_input, { db }) => overview(db),
  'masters.prefecture.save': async (input, { db, audit }) => write.savePrefecture(db, input, audit),

  'masters.municipalities.list': async (input, { db }) => {
    const rows = await municipalityRows(db);
    return rows.filter(
      (r) =>
        matchesSearch(input.search, [r.name, r.kana, r.code]) &&
        (input.areaId === undefined || Object.values(r.areas).some((a) => a?.id === input.areaId)),
    );
  },
  'masters.municipalities.get': async (input, { db }) => {
    const [row] = await municipalityRows(db, [input.code]);
    if (!row) throw new RenkeiError('not_found', `団体コード「${input.code}」の市区町村は台帳にありません`);
    const populations = (await db.selectFrom('population').selectAll().where('municipalityCode', '=', input.code).orderBy('baseDate', 'desc').execute()).map(toPopulation);
    return { row, populations };
  },
  'masters.municipalities.save': async (input, { db, audit }) => write.saveMunicipality(db, input, audit),
  'masters.municipalities.delete': async (input, { db, audit }) => {
    await write.deleteMunicipality(db, input.code, audit);
    return null;
  },
  'masters.populations.save': async (input, { db, audit }) => write.savePopulation(db, input, audit),
  'masters.populations.delete': async (input, { db, audit }) => {
    await write.deletePopulation(db, input.municipalityCode, input.baseDate, audit);
    return null;
  },

  'masters.areas.list': async (input, { db }) => areaSummaries(db, input.kind),
  'masters.areas.save': async (input, { db, audit }) => write.saveArea(db, input, audit),
  'masters.areas.delete': async (input, { db, audit }) => {
    await write.deleteArea(db, input.id, audit);
    return null;
  },

  'masters.areas.setMembers': async (input, { db, audit }) => {
    const area = await db.selectFrom('area').select(['id', 'kind']).where('id', '=', input.id).executeTakeFirst();
    if (!area) throw new RenkeiError('not_found', '圏域が見つかりません。一覧を開き直してください。');
    await write.setAreaMembers(db, area.id, area.kind as AreaKind, input.municipalityCodes, audit);
    return (await areaSummaries(db)).find((a) => a.id === area.id)!;
  },
  'masters.associations.list': async (_input, { db }) => associations(db),
  'masters.associations.save': async (input, { db, audit }) => write.saveAssociation(db, input, audit),
  'masters.associations.delete': async (input, { db, audit }) => {
    await write.deleteAssociation(db, input.id, audit);
    return null;
  },

  'masters.centers.list': async (input, { db }) => centerRows(db, input.fiscalYear),
  'masters.centers.save': async (input, { db, audit }) => write.saveCenter(db, input, audit),
  'masters.centers.delete': async (input, { db, audit }) => {
    await write.deleteCenter(db, input.id, audit);
    return null;
  },

  'masters.linkage.list': async (input, { db }) => linkageItems(db, input.fiscalYear, input.municipalityCode),
  'masters.linkage.years': async (_input, { db }) =>
    (await db.selectFrom('linkageItem').select('fiscalYear').distinct().orderBy('fiscalYear', 'desc').execute()).map((r) => r.fiscalYear),
  'masters.linkage.save': async (input, { db, audit }) => write.saveLinkage(db, input.municipalityCode, input.fiscalYear, input.items, audit),

  'masters.institutions.list': async (input, { db, core }) => {
    const municipalityCodes =
      input.areaId === undefined
        ? undefined
        : new Set((await db.selectFrom('areaMember').select('municipalityCode').where('areaId', '=', input.areaId).execute()).map((m) => m.municipalityCode));
    const { ids, total } = await searchInstitutions(db, core, { ...input, municipalityCodes });
    const rows = ids.length === 0
      ? []
      : await db
          .selectFrom('institution')
          .leftJoin('municipality', 'municipality.code', 'institution.municipalityCode')
          .selectAll('institution')
          .select('municipality.name as municipalityName')
          .where('institution.id', 'in', ids)
          .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return { rows: ids.flatMap((id) => { const row = byId.get(id); return row ? [toInstitutionRow(row)] : []; }), total };
  },
  'masters.institutions.get': async (input, { db }) => {
    const row = await db
      .selectFrom('institution')
      .leftJoin('municipality', 'municipality.code', 'institution.municipalityCode')
      .selectAll('institution')
      .select('municipality.name as municipalityName')
      .where('institution.id', '=', input.id)
      .executeTakeFirst();
    if (!row) throw new RenkeiError('not_found', '医療機関が見つかりません。一覧を開き直してください。');
    return toInstitutionRow(row);
  },
  'masters.institutions.save': async (input, { db, audit }) => write.saveInstitution(db, input, audit),
  'masters.institutions.delete': async (input, { db, audit }) => {
    await write.deleteInstitution(db, input.id, audit);
    return null;
  },

  'masters.designations.list': async (input, { db }) => designationRows(db, input.asOf),
  'masters.designations.save': async (input, { db, audit }) => write.saveDesignation(db, input, audit),
  'masters.designations.delete': async (input, { db, audit }) => {
    await write.deleteDesignation(db, input.id, audit);
    return null;
  },

  'masters.demo.load': async (_input, { db, audit }) => {
    const before = await overview(db);
    if (Object.values(before.counts).some((n) => n > 0)) {
      throw new RenkeiError('refused', '台帳にすでにデータがあるため、デモデータは読み込めません。新しいデータベースで読み込んでください。');
    }
    await loadDemoMasters(db, NIIGATA, audit);
    return overview(db);
  },
});
