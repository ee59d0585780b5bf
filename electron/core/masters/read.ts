/** Reading master records into the shapes the contract promises. */

import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type {
  AreaSummary,
  CenterRow,
  DesignationRow,
  InstitutionRow,
  MastersOverview,
  MunicipalityRow,
  OpParsedInput,
} from '@shared/contract';
import { RenkeiError } from '@shared/contract';
import type { LinkageItem, MedicalAssociation, PopulationFigure } from '@shared/contract/masters';
import type { IsoDate } from '@shared/dates';
import type {
  AreaKind,
  AssociationKind,
  CenterRole,
  InstitutionKind,
  LinkageMode,
  MunicipalityType,
  SubsidyClass,
} from '@shared/masters/model';
import { matchesSearch } from '@shared/text/normalize';
import type { CoreServices } from '../kernel/context';
import type { Db, InstitutionTable, PopulationTable, Reader } from '../kernel/db/schema';
import { nameOrder, searchInstitutions } from './institution-index';

export function toPopulation(r: PopulationTable): PopulationFigure {
  return { ...r, baseDate: r.baseDate as IsoDate };
}

/** The newest figure of each municipality. */
export async function latestPopulations(db: Reader): Promise<Map<string, PopulationFigure>> {
  const rows = await db
    .selectFrom('population as p')
    .selectAll()
    .where('p.baseDate', '=', (eb) =>
      eb
        .selectFrom('population as q')
        .select(sql<string>`max(q.base_date)`.as('d'))
        .whereRef('q.municipalityCode', '=', 'p.municipalityCode'),
    )
    .execute();
  return new Map(rows.map((r) => [r.municipalityCode, toPopulation(r)]));
}

export async function municipalityRows(db: Reader, codes?: readonly string[]): Promise<MunicipalityRow[]> {
  let q = db.selectFrom('municipality').selectAll().orderBy('code');
  if (codes) q = q.where('code', 'in', codes.length > 0 ? [...codes] : ['']);
  const rows = await q.execute();
  const members = await db
    .selectFrom('areaMember')
    .innerJoin('area', 'area.id', 'areaMember.areaId')
    .select(['areaMember.municipalityCode', 'area.id', 'area.name', 'area.kind'])
    .execute();
  const populations = await latestPopulations(db);
  const areasOf = new Map<string, MunicipalityRow['areas']>();
  for (const m of members) {
    const areas = areasOf.get(m.municipalityCode) ?? {};
    areas[m.kind as AreaKind] = { id: m.id, name: m.name };
    areasOf.set(m.municipalityCode, areas);
  }
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    kana: r.kana,
    type: r.type as MunicipalityType,
    designatedCity: r.designatedCity === 1,
    coreCity: r.coreCity === 1,
    areas: areasOf.get(r.code) ?? {},
    population: populations.get(r.code) ?? null,
    version: r.version,
  }));
}

export async function areaSummaries(db: Reader, kind?: AreaKind): Promise<AreaSummary[]> {
  let q = db.selectFrom('area').selectAll().orderBy('kind').orderBy('sortOrder').orderBy('name');
  if (kind) q = q.where('kind', '=', kind);
  const areas = await q.execute();
  const members = await db.selectFrom('areaMember').select(['areaId', 'municipalityCode']).orderBy('municipalityCode').execute();
  const populations = await latestPopulations(db);
  return areas.map((a) => {
    const codes = members.filter((m) => m.areaId === a.id).map((m) => m.municipalityCode);
    const totals = { total: 0, age65: 0, age75: 0, age85: 0 };
    let missing = 0;
    for (const code of codes) {
      const p = populations.get(code);
      if (!p) {
        missing += 1;
        continue;
      }
      totals.total += p.total;
      totals.age65 += p.age65;
      totals.age75 += p.age75;
      totals.age85 += p.age85;
    }
    return {
      id: a.id,
      kind: a.kind as AreaKind,
      name: a.name,
      parentId: a.parentId,
      sortOrder: a.sortOrder,
      version: a.version,
      municipalityCodes: codes,
      totals,
      missing,
    };
  });
}

export async function associations(db: Reader): Promise<MedicalAssociation[]> {
  const rows = await db.selectFrom('medicalAssociation').selectAll().orderBy('kind', 'desc').orderBy('id').execute();
  const members = await db.selectFrom('associationMember').selectAll().orderBy('municipalityCode').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as AssociationKind,
    municipalityCodes: members.filter((m) => m.associationId === r.id).map((m) => m.municipalityCode),
    version: r.version,
  }));
}

export async function centerRows(db: Reader, fiscalYear: number): Promise<CenterRow[]> {
  const rows = await db
    .selectFrom('center')
    .leftJoin('medicalAssociation', 'medicalAssociation.id', 'center.operatorAssociationId')
    .selectAll('center')
    .select('medicalAssociation.name as operatorName')
    .orderBy('center.role')
    .orderBy('center.id')
    .execute();
  const members = await db.selectFrom('centerMember').selectAll().orderBy('municipalityCode').execute();
  const entrusting = await db
    .selectFrom('linkageItem')
    .select(['centerId', 'municipalityCode'])
    .distinct()
    .where('fiscalYear', '=', fiscalYear)
    .where('mode', '=', 'entrusted')
    .where('centerId', 'is not', null)
    .orderBy('municipalityCode')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role as CenterRole,
    operatorAssociationId: r.operatorAssociationId,
    operatorName: r.operatorName,
    entrustedTo: r.entrustedTo,
    municipalityCodes: members.filter((m) => m.centerId === r.id).map((m) => m.municipalityCode),
    startDate: r.startDate as IsoDate | null,
    contact: r.contact,
    subsidyClass: r.subsidyClass as SubsidyClass,
    entrustingCodes: entrusting.filter((e) => e.centerId === r.id).map((e) => e.municipalityCode),
    version: r.version,
  }));
}

export async function linkageItems(db: Reader, fiscalYear: number, municipalityCode?: string): Promise<LinkageItem[]> {
  let q = db.selectFrom('linkageItem').selectAll().where('fiscalYear', '=', fiscalYear).orderBy('municipalityCode').orderBy('item');
  if (municipalityCode) q = q.where('municipalityCode', '=', municipalityCode);
  return (await q.execute()).map((r) => ({ ...r, mode: r.mode as LinkageMode, jointWith: JSON.parse(r.jointWith) as string[] }));
}

export function toInstitutionRow(r: Selectable<InstitutionTable> & { municipalityName: string | null }): InstitutionRow {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind as InstitutionKind,
    municipalityCode: r.municipalityCode,
    municipalityName: r.municipalityName,
    address: r.address,
    version: r.version,
    homeCareSupport: r.homeCareSupport === 1,
    enhanced: r.enhanced === 1,
    beds: r.beds,
  };
}

export async function designationRows(db: Reader, asOf?: string): Promise<DesignationRow[]> {
  let q = db
    .selectFrom('designation')
    .innerJoin('institution', 'institution.id', 'designation.institutionId')
    .innerJoin('area', 'area.id', 'designation.areaId')
    .selectAll('designation')
    .select(['institution.name as institutionName', 'area.name as areaName'])
    .orderBy('area.sortOrder')
    .orderBy(nameOrder(db, 'institution'))
    .orderBy('institution.id');
  if (asOf) q = q.where('designation.designatedOn', '<=', asOf);
  const rows = await q.execute();
  const partners = await db
    .selectFrom('designationPartner')
    .innerJoin('institution', 'institution.id', 'designationPartner.institutionId')
    .select(['designationPartner.designationId', 'designationPartner.role', 'institution.id', 'institution.name'])
    .orderBy(nameOrder(db, 'institution'))
    .orderBy('institution.id')
    .execute();
  return rows.map((r) => {
    const mine = partners.filter((p) => p.designationId === r.id);
    const stations = mine.filter((p) => p.role === 'station');
    const others = mine.filter((p) => p.role === 'institution');
    return {
      id: r.id,
      institutionId: r.institutionId,
      institutionName: r.institutionName,
      areaId: r.areaId,
      areaName: r.areaName,
      designatedOn: r.designatedOn as IsoDate,
      requirements: JSON.parse(r.requirements) as DesignationRow['requirements'],
      partnerInstitutionIds: others.map((p) => p.id),
      partnerInstitutionNames: others.map((p) => p.name),
      partnerStationIds: stations.map((p) => p.id),
      partnerStationNames: stations.map((p) => p.name),
      version: r.version,
    };
  });
}

/** How many records each list of the 台帳 holds, and the prefecture. */
export async function overview(db: Reader): Promise<MastersOverview> {
  const count = async (table: 'municipality' | 'area' | 'medicalAssociation' | 'center' | 'institution' | 'designation') =>
    Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
  return {
    prefecture: (await db.selectFrom('prefecture').select(['code', 'name', 'version']).executeTakeFirst()) ?? null,
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

/** The municipalities a search and an area leave. */
export async function municipalityList(db: Reader, input: OpParsedInput<'masters.municipalities.list'>): Promise<MunicipalityRow[]> {
  const rows = await municipalityRows(db);
  return rows.filter(
    (r) =>
      matchesSearch(input.search, [r.name, r.kana, r.code]) &&
      (input.areaId === undefined || Object.values(r.areas).some((a) => a?.id === input.areaId)),
  );
}

/** One municipality with every population figure, newest first. */
export async function municipalityDetail(db: Reader, code: string): Promise<{ row: MunicipalityRow; populations: PopulationFigure[] }> {
  const [row] = await municipalityRows(db, [code]);
  if (!row) throw new RenkeiError('not_found', `団体コード「${code}」の市区町村は台帳にありません`);
  const populations = (
    await db.selectFrom('population').selectAll().where('municipalityCode', '=', code).orderBy('baseDate', 'desc').execute()
  ).map(toPopulation);
  return { row, populations };
}

/** The 年度 that have 在宅医療・介護連携推進事業 records, newest first. */
export async function linkageYears(db: Reader): Promise<number[]> {
  return (await db.selectFrom('linkageItem').select('fiscalYear').distinct().orderBy('fiscalYear', 'desc').execute()).map(
    (r) => r.fiscalYear,
  );
}

/** One page of institutions through the search index, in the index's order. */
export async function institutionList(
  db: Db,
  core: CoreServices,
  input: OpParsedInput<'masters.institutions.list'>,
): Promise<{ rows: InstitutionRow[]; total: number }> {
  const municipalityCodes =
    input.areaId === undefined
      ? undefined
      : new Set(
          (await db.selectFrom('areaMember').select('municipalityCode').where('areaId', '=', input.areaId).execute()).map(
            (m) => m.municipalityCode,
          ),
        );
  const query = { ...input, municipalityCodes };
  const { ids, total } = await searchInstitutions(db, core, query);
  const rows =
    ids.length === 0
      ? []
      : await db
          .selectFrom('institution')
          .leftJoin('municipality', 'municipality.code', 'institution.municipalityCode')
          .selectAll('institution')
          .select('municipality.name as municipalityName')
          .where('institution.id', 'in', ids)
          .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    rows: ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toInstitutionRow(row)] : [];
    }),
    total,
  };
}

export async function institutionDetail(db: Reader, id: number): Promise<InstitutionRow> {
  const row = await db
    .selectFrom('institution')
    .leftJoin('municipality', 'municipality.code', 'institution.municipalityCode')
    .selectAll('institution')
    .select('municipality.name as municipalityName')
    .where('institution.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new RenkeiError('not_found', '医療機関が見つかりません。一覧を開き直してください。');
  return toInstitutionRow(row);
}
