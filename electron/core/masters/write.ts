/**
 * Saving and deleting master records, each change recorded for the audit
 * log. The handlers, the importer and the demo loader all write through here.
 */
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import { type AreaSummary, type CenterRow, RenkeiError } from '@shared/contract';
import { ROLE_LABELS, type Role, type Session } from '@shared/contract/accounts';
import type {
  areaSaveSchema,
  associationSaveSchema,
  centerSaveSchema,
  Designation,
  designationSaveSchema,
  Institution,
  institutionSaveSchema,
  LinkageItem,
  linkageItemSchema,
  MedicalAssociation,
  municipalitySaveSchema,
  populationSchema,
  prefectureSchema,
} from '@shared/contract/masters';
import { PREFECTURE_CENTER_FIELDS, type PrefectureCenterField, setsCenterTerms } from '@shared/contract/permissions';
import type { IsoDate } from '@shared/dates';
import { type FiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import {
  AREA_KIND_LABELS,
  type AreaKind,
  DESIGNATION_REQUIREMENTS,
  type InstitutionKind,
  institutionNameOrder,
  institutionSearchKey,
  linkageItemLabel,
  linkageItemText,
} from '@shared/masters/model';
import type { AuditRecord } from '../kernel/context';
import type { InstitutionTable, PopulationTable, Trx } from '../kernel/db/schema';
import { readSettings } from '../kernel/settings';
import { claimDelete, claimVersion, firstSave, refuseStale, withoutVersion } from '../kernel/versions';
import { updateSettings } from '../settings';
import { areaSummaries, associations, centerRows, designationRows, linkageItems, municipalityRows } from './read';
import { refuseIfReferenced } from './references';

type Audit = (record: AuditRecord) => void;

/** An institution as stored: flags as 0/1 and the search key built. */
export function institutionRow(
  r: Omit<Institution, 'id' | 'version'>,
  municipality: { name: string; kana: string } | undefined,
  searchKey = institutionSearchKey(r, municipality),
) {
  return {
    code: r.code,
    name: r.name,
    kind: r.kind,
    municipalityCode: r.municipalityCode,
    address: r.address,
    homeCareSupport: r.homeCareSupport ? 1 : 0,
    enhanced: r.enhanced ? 1 : 0,
    beds: r.beds,
    searchKey,
    nameOrder: institutionNameOrder(r.name),
  };
}

function notFound(what: string): never {
  throw new RenkeiError('not_found', `${what}が見つかりません。一覧を開き直してください。`);
}

async function requireMunicipalities(db: Trx, codes: readonly string[], field: string): Promise<void> {
  if (codes.length === 0) return;
  const found = new Set(
    (
      await db
        .selectFrom('municipality')
        .select('code')
        .where('code', 'in', [...codes])
        .execute()
    ).map((r) => r.code),
  );
  const missing = codes.filter((c) => !found.has(c));
  if (missing.length > 0) {
    throw new RenkeiError('validation', `台帳にない市区町村コードです: ${missing.join('、')}`, { path: [field] });
  }
}

/**
 * Municipalities by name, in the order of their codes: the log names them as the screens do, not by 団体コード.
 * @example await municipalityNames(db, ['151009', '152021']) // ['新潟市', '長岡市']
 */
async function municipalityNames(db: Trx, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('municipality')
    .select(['code', 'name'])
    .where('code', 'in', [...codes])
    .execute();
  const names = new Map(rows.map((r) => [r.code, r.name]));
  return codes.map((c) => names.get(c) ?? c);
}

/** A population figure as the log keeps it: its 市区町村 by name (its subject, with the 基準日). */
function populationRecord({ municipalityCode: _code, ...figure }: PopulationTable, municipality: string) {
  return { municipality, ...figure };
}

/** The prefecture's one row; a first save makes version 1, so a screen that read "none yet" (0) cannot save over it. */
export async function savePrefecture(
  db: Trx,
  input: z.output<typeof prefectureSchema> & { version?: number | undefined },
  audit: Audit,
  now = new Date(),
) {
  const { version: expected, ...row } = input;
  const before = (await db.selectFrom('prefecture').select(['code', 'name']).executeTakeFirst()) ?? null;
  let version = 1;
  if (before) {
    const what = '都道府県の設定';
    version = await claimVersion(
      db,
      { table: 'prefecture', key: { id: 1 }, expected, entity: 'prefecture', entityId: before.code, what },
      now,
    );
    await db.updateTable('prefecture').set(row).where('id', '=', 1).execute();
  } else {
    if (expected !== undefined && expected !== 0) notFound('都道府県');
    // Of two first saves at once, the second meets the first's row: firstSave answers it as the lost race.
    await firstSave(
      db
        .insertInto('prefecture')
        .values({ id: 1, ...row, version })
        .execute(),
    );
  }
  audit({ entity: 'prefecture', entityId: row.code, before, after: row });
  return { ...row, version };
}

export async function saveMunicipality(db: Trx, input: z.output<typeof municipalitySaveSchema>, audit: Audit, now = new Date()) {
  const [existing] = await municipalityRows(db, [input.code]);
  if (input.isNew && existing) {
    throw new RenkeiError('conflict', `団体コード「${input.code}」はすでに「${existing.name}」として登録されています`, { path: ['code'] });
  }
  if (!input.isNew && !existing) notFound(`団体コード「${input.code}」の市区町村`);
  const row = {
    code: input.code,
    name: input.name,
    kana: input.kana,
    type: input.type,
    designatedCity: input.designatedCity ? 1 : 0,
    coreCity: input.coreCity ? 1 : 0,
  };
  if (existing) {
    const what = `市区町村「${existing.name}」`;
    await claimVersion(
      db,
      { table: 'municipality', key: { code: input.code }, expected: input.version, entity: 'municipality', entityId: input.code, what },
      now,
    );
    await db.updateTable('municipality').set(row).where('code', '=', input.code).execute();
  } else await db.insertInto('municipality').values(row).execute();
  if (existing && (existing.name !== input.name || existing.kana !== input.kana)) {
    // Institutions are found by their municipality's name and reading too.
    const located = await db
      .selectFrom('institution')
      .select(['id', 'name', 'code', 'address'])
      .where('municipalityCode', '=', input.code)
      .execute();
    for (const i of located)
      await db
        .updateTable('institution')
        .set({ searchKey: institutionSearchKey(i, input) })
        .where('id', '=', i.id)
        .execute();
  }

  for (const [kind, areaId] of Object.entries(input.areas) as [AreaKind, number | null][]) {
    const left = await db
      .selectFrom('areaMember')
      .select('areaId')
      .where('municipalityCode', '=', input.code)
      .where('areaKind', '=', kind)
      .executeTakeFirst();
    await db.deleteFrom('areaMember').where('municipalityCode', '=', input.code).where('areaKind', '=', kind).execute();
    // The areas it leaves and joins change their members: a screen holding one of them notices.
    if ((left?.areaId ?? null) !== areaId) await bumpAreas(db, [left?.areaId, areaId]);
    if (areaId === null) continue;
    const area = await db.selectFrom('area').select(['id', 'kind']).where('id', '=', areaId).executeTakeFirst();
    if (!area || area.kind !== kind) {
      throw new RenkeiError('validation', `${AREA_KIND_LABELS[kind]}の選択が正しくありません`, { path: ['areas', kind] });
    }
    await db.insertInto('areaMember').values({ areaId, areaKind: kind, municipalityCode: input.code }).execute();
  }
  const [after] = await municipalityRows(db, [input.code]);
  const strip = (r: typeof after) => r && { ...withoutVersion(r), population: undefined };
  audit({ entity: 'municipality', entityId: input.code, before: strip(existing) ?? null, after: strip(after) });
  return after!;
}

export async function deleteMunicipality(db: Trx, code: string, audit: Audit, expected?: number, now = new Date()): Promise<null> {
  const [existing] = await municipalityRows(db, [code]);
  if (!existing) notFound(`団体コード「${code}」の市区町村`);
  await claimDelete(
    db,
    { table: 'municipality', key: { code }, expected, entity: 'municipality', entityId: code, what: `市区町村「${existing.name}」` },
    now,
  );
  await refuseIfReferenced(db, 'municipality', code, existing.name);
  const populations = await db.selectFrom('population').selectAll().where('municipalityCode', '=', code).execute();
  await db.deleteFrom('population').where('municipalityCode', '=', code).execute();
  await db.deleteFrom('municipality').where('code', '=', code).execute();
  for (const p of populations)
    audit({ entity: 'population', entityId: `${code}@${p.baseDate}`, before: populationRecord(p, existing.name), after: null });
  audit({ entity: 'municipality', entityId: code, before: { ...withoutVersion(existing), population: undefined }, after: null });
  return null;
}

export async function savePopulation(db: Trx, input: z.output<typeof populationSchema>, audit: Audit) {
  await requireMunicipalities(db, [input.municipalityCode], 'municipalityCode');
  const [municipality] = await municipalityNames(db, [input.municipalityCode]);
  const before =
    (await db
      .selectFrom('population')
      .selectAll()
      .where('municipalityCode', '=', input.municipalityCode)
      .where('baseDate', '=', input.baseDate)
      .executeTakeFirst()) ?? null;
  await db
    .insertInto('population')
    .values(input)
    .onConflict((oc) => oc.columns(['municipalityCode', 'baseDate']).doUpdateSet(input))
    .execute();
  audit({
    entity: 'population',
    entityId: `${input.municipalityCode}@${input.baseDate}`,
    before: before && populationRecord(before, municipality!),
    after: populationRecord(input, municipality!),
  });
  return input;
}

export async function deletePopulation(db: Trx, municipalityCode: string, baseDate: IsoDate, audit: Audit): Promise<null> {
  const before = await db
    .selectFrom('population')
    .selectAll()
    .where('municipalityCode', '=', municipalityCode)
    .where('baseDate', '=', baseDate)
    .executeTakeFirst();
  if (!before) notFound('人口の数値');
  const [municipality] = await municipalityNames(db, [municipalityCode]);
  await db.deleteFrom('population').where('municipalityCode', '=', municipalityCode).where('baseDate', '=', baseDate).execute();
  audit({
    entity: 'population',
    entityId: `${municipalityCode}@${baseDate}`,
    before: populationRecord(before, municipality!),
    after: null,
  });
  return null;
}

/** An area as the log keeps it: its 上位の圏域 by name (the log shows no ids). */
async function areaRecord(db: Trx, a: { kind: string; name: string; parentId: number | null; sortOrder: number } | undefined) {
  if (!a) return null;
  const parent =
    a.parentId === null
      ? null
      : ((await db.selectFrom('area').select('name').where('id', '=', a.parentId).executeTakeFirst())?.name ?? null);
  return { kind: a.kind, name: a.name, parent, sortOrder: a.sortOrder };
}

export async function saveArea(db: Trx, input: z.output<typeof areaSaveSchema>, audit: Audit, now = new Date()) {
  const before = input.id ? await db.selectFrom('area').selectAll().where('id', '=', input.id).executeTakeFirst() : undefined;
  if (input.id && !before) notFound('圏域');
  const clash = await db.selectFrom('area').select('id').where('kind', '=', input.kind).where('name', '=', input.name).executeTakeFirst();
  if (clash && clash.id !== input.id) {
    throw new RenkeiError('conflict', `${AREA_KIND_LABELS[input.kind]}「${input.name}」はすでにあります`, { path: ['name'] });
  }
  if (input.parentId !== null && input.parentId === input.id)
    throw new RenkeiError('validation', '自分自身を上位の圏域にはできません', { path: ['parentId'] });
  const row = { kind: input.kind, name: input.name, parentId: input.parentId, sortOrder: input.sortOrder };
  let id = input.id;
  let version = 0;
  if (id) {
    const what = `${AREA_KIND_LABELS[before!.kind as AreaKind]}「${before!.name}」`;
    version = await claimVersion(db, { table: 'area', key: { id }, expected: input.version, entity: 'area', entityId: id, what }, now);
    if (before!.kind !== input.kind) {
      const members = await db.selectFrom('areaMember').select('municipalityCode').where('areaId', '=', id).execute();
      if (members.length > 0) throw new RenkeiError('refused', '構成市町村がある圏域の種類は変更できません', { path: ['kind'] });
    }
    await db.updateTable('area').set(row).where('id', '=', id).execute();
  } else {
    id = Number((await db.insertInto('area').values(row).returning('id').executeTakeFirstOrThrow()).id);
  }
  const after = { id, ...row };
  audit({ entity: 'area', entityId: id, before: await areaRecord(db, before), after: await areaRecord(db, after) });
  return { ...after, version };
}

export async function deleteArea(db: Trx, id: number, audit: Audit, expected?: number, now = new Date()): Promise<null> {
  const before = await db.selectFrom('area').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) notFound('圏域');
  const what = `${AREA_KIND_LABELS[before.kind as AreaKind]}「${before.name}」`;
  await claimDelete(db, { table: 'area', key: { id }, expected, entity: 'area', entityId: id, what }, now);
  await refuseIfReferenced(db, 'area', id, before.name);
  await db.deleteFrom('area').where('id', '=', id).execute();
  audit({ entity: 'area', entityId: id, before: await areaRecord(db, before), after: null });
  return null;
}

/** The members of an area as the screen sets them: the area's kind is the stored one. */
export async function saveAreaMembers(
  db: Trx,
  input: { id: number; municipalityCodes: readonly string[]; version?: number | undefined },
  audit: Audit,
  now = new Date(),
): Promise<AreaSummary> {
  const area = await db.selectFrom('area').select(['id', 'kind', 'name']).where('id', '=', input.id).executeTakeFirst();
  if (!area) throw new RenkeiError('not_found', '圏域が見つかりません。一覧を開き直してください。');
  // The same members (the drawer sends them with every save) write nothing: no version moved, no change to undo
  // before the area's own save.
  const current = await db.selectFrom('areaMember').select('municipalityCode').where('areaId', '=', area.id).execute();
  const same = (codes: readonly string[]) => [...new Set(codes)].sort().join();
  if (same(current.map((m) => m.municipalityCode)) === same(input.municipalityCodes))
    return (await areaSummaries(db)).find((a) => a.id === area.id)!;
  const what = `${AREA_KIND_LABELS[area.kind as AreaKind]}「${area.name}」`;
  await claimVersion(db, { table: 'area', key: { id: area.id }, expected: input.version, entity: 'area', entityId: area.id, what }, now);
  await setAreaMembers(db, area.id, area.kind as AreaKind, input.municipalityCodes, audit);
  return (await areaSummaries(db)).find((a) => a.id === area.id)!;
}

/** Moves the versions of areas whose members changed by another record's save (unchecked: no screen named them). */
async function bumpAreas(db: Trx, ids: readonly (number | null | undefined)[]): Promise<void> {
  const changed = ids.filter((id): id is number => typeof id === 'number');
  if (changed.length === 0) return;
  await db
    .updateTable('area')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', 'in', changed)
    .execute();
}

/** Makes `codes` the members of the area; audited when `audit` is given (the demo loader records the area itself). */
export async function setAreaMembers(db: Trx, areaId: number, kind: AreaKind, codes: readonly string[], audit?: Audit) {
  await requireMunicipalities(db, codes, 'municipalityCodes');
  const before = (
    await db.selectFrom('areaMember').select('municipalityCode').where('areaId', '=', areaId).orderBy('municipalityCode').execute()
  ).map((m) => m.municipalityCode);
  // The log names the areas and their members, not their ids and codes.
  const areaName = async (id: number) => (await db.selectFrom('area').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;
  const name = await areaName(areaId);
  await db.deleteFrom('areaMember').where('areaId', '=', areaId).execute();
  for (const code of codes) {
    const moved = await db
      .selectFrom('areaMember')
      .select('areaId')
      .where('municipalityCode', '=', code)
      .where('areaKind', '=', kind)
      .executeTakeFirst();
    // The area the municipality leaves changes too: a screen holding it notices.
    if (moved && moved.areaId !== areaId) await bumpAreas(db, [moved.areaId]);
    if (moved && audit) {
      const [municipality] = await municipalityNames(db, [code]);
      const left = await areaName(moved.areaId);
      audit({
        entity: 'area',
        entityId: moved.areaId,
        before: { name: left, municipality },
        after: { name: left, municipality: null, movedTo: name },
      });
    }
    await db.deleteFrom('areaMember').where('municipalityCode', '=', code).where('areaKind', '=', kind).execute();
    await db.insertInto('areaMember').values({ areaId, areaKind: kind, municipalityCode: code }).execute();
  }
  audit?.({
    entity: 'area',
    entityId: areaId,
    before: { name, municipalities: await municipalityNames(db, before) },
    after: { name, municipalities: await municipalityNames(db, [...codes].sort()) },
  });
}

/** A 医師会 as the log keeps it: its 対象市町村 by name. */
async function associationRecord(db: Trx, a: Omit<MedicalAssociation, 'version'> | undefined) {
  if (!a) return null;
  return { name: a.name, kind: a.kind, municipalities: await municipalityNames(db, a.municipalityCodes) };
}

/** 設定 keeps each 医師会's 会長 by its name (the letters' 宛先): a renamed 医師会 keeps its 会長. */
async function carryPresident(db: Trx, audit: Audit, from: string, to: string): Promise<void> {
  const presidents = (await readSettings(db)).associationPresidents;
  const president = presidents[from];
  if (president === undefined) return;
  const { [from]: _, ...others } = presidents;
  await updateSettings({ db, audit }, { associationPresidents: { ...others, [to]: president } });
}

export async function saveAssociation(db: Trx, input: z.output<typeof associationSaveSchema>, audit: Audit, now = new Date()) {
  const all = await associations(db);
  const before = input.id ? all.find((a) => a.id === input.id) : undefined;
  if (input.id && !before) notFound('医師会');
  if (all.some((a) => a.name === input.name && a.id !== input.id))
    throw new RenkeiError('conflict', `医師会「${input.name}」はすでにあります`, { path: ['name'] });
  await requireMunicipalities(db, input.municipalityCodes, 'municipalityCodes');
  let id = input.id;
  let version = 0;
  if (id) {
    const what = `医師会「${before!.name}」`;
    version = await claimVersion(
      db,
      { table: 'medicalAssociation', key: { id }, expected: input.version, entity: 'association', entityId: id, what },
      now,
    );
    await db.updateTable('medicalAssociation').set({ name: input.name, kind: input.kind }).where('id', '=', id).execute();
    if (before!.name !== input.name) await carryPresident(db, audit, before!.name, input.name);
  } else
    id = Number(
      (await db.insertInto('medicalAssociation').values({ name: input.name, kind: input.kind }).returning('id').executeTakeFirstOrThrow())
        .id,
    );
  await db.deleteFrom('associationMember').where('associationId', '=', id).execute();
  for (const code of input.municipalityCodes)
    await db.insertInto('associationMember').values({ associationId: id, municipalityCode: code }).execute();
  const after = { id, name: input.name, kind: input.kind, municipalityCodes: [...input.municipalityCodes].sort() };
  audit({ entity: 'association', entityId: id, before: await associationRecord(db, before), after: await associationRecord(db, after) });
  return { ...after, version };
}

export async function deleteAssociation(db: Trx, id: number, audit: Audit, expected?: number, now = new Date()): Promise<null> {
  const before = (await associations(db)).find((a) => a.id === id);
  if (!before) notFound('医師会');
  const what = `医師会「${before.name}」`;
  await claimDelete(db, { table: 'medicalAssociation', key: { id }, expected, entity: 'association', entityId: id, what }, now);
  await refuseIfReferenced(db, 'association', id, before.name);
  await db.deleteFrom('medicalAssociation').where('id', '=', id).execute();
  audit({ entity: 'association', entityId: id, before: await associationRecord(db, before), after: null });
  return null;
}

/** A center as the log keeps it: its 運営主体 and 対象市町村 by name, as the screen shows them (the log shows no ids). */
async function centerRecord(db: Trx, c: CenterRow | undefined) {
  if (!c) return null;
  return {
    name: c.name,
    role: c.role,
    operatorName: c.operatorName,
    entrustedTo: c.entrustedTo,
    startDate: c.startDate,
    contact: c.contact,
    subsidyClass: c.subsidyClass,
    municipalities: await municipalityNames(db, c.municipalityCodes),
  };
}

/**
 * Saves a center. A role that may not set the prefecture's terms of a center (its 補助区分 and the rest of
 * PREFECTURE_CENTER_FIELDS, which decide its subsidy) keeps them as they are: a change to one is refused, naming it.
 */
export async function saveCenter(
  db: Trx,
  input: z.output<typeof centerSaveSchema>,
  audit: Audit,
  now = new Date(),
  role: Role = 'pref_staff',
) {
  const before = input.id ? (await centerRows(db, 0)).find((c) => c.id === input.id) : undefined;
  if (input.id && !before) notFound('センター');
  const sameMembers = before !== undefined && [...before.municipalityCodes].sort().join() === [...input.municipalityCodes].sort().join();
  if (!setsCenterTerms(role) && !before)
    throw new RenkeiError(
      'refused',
      `センターの追加は県の担当者が行います（補助区分などの算定にかかわる項目は県が決めます）。${ROLE_LABELS[role]}の役割では追加できません。何も保存していません。`,
    );
  if (!setsCenterTerms(role)) {
    const changed = (Object.keys(PREFECTURE_CENTER_FIELDS) as PrefectureCenterField[]).filter((field) =>
      field === 'municipalityCodes' ? !sameMembers : before?.[field] !== input[field],
    );
    if (changed.length > 0)
      throw new RenkeiError(
        'refused',
        `センターの${changed.map((f) => `「${PREFECTURE_CENTER_FIELDS[f]}」`).join('')}は補助金の算定にかかわるため、${ROLE_LABELS[role]}の役割では変えられません。何も保存していません。変更が必要なときは県の担当者に依頼してください。`,
        { path: [changed[0]!] },
      );
  }
  const clash = await db.selectFrom('center').select('id').where('name', '=', input.name).executeTakeFirst();
  if (clash && clash.id !== input.id) throw new RenkeiError('conflict', `センター「${input.name}」はすでにあります`, { path: ['name'] });
  await requireMunicipalities(db, input.municipalityCodes, 'municipalityCodes');
  const row = {
    name: input.name,
    role: input.role,
    operatorAssociationId: input.operatorAssociationId,
    entrustedTo: input.entrustedTo,
    startDate: input.startDate,
    contact: input.contact,
    subsidyClass: input.subsidyClass,
  };
  let id = input.id;
  let version = 0;
  if (id) {
    const what = `センター「${before!.name}」`;
    version = await claimVersion(db, { table: 'center', key: { id }, expected: input.version, entity: 'center', entityId: id, what }, now);
    // The association's login may update only the columns that are its own (kernel/db/roles.ts): the terms stay out of its UPDATE.
    const { role: _role, operatorAssociationId: _operator, subsidyClass: _class, ...own } = row;
    await db
      .updateTable('center')
      .set(setsCenterTerms(role) ? row : own)
      .where('id', '=', id)
      .execute();
  } else id = Number((await db.insertInto('center').values(row).returning('id').executeTakeFirstOrThrow()).id);
  // Unchanged members are left as they are: the association's login may not write them.
  if (!sameMembers) {
    await db.deleteFrom('centerMember').where('centerId', '=', id).execute();
    for (const code of input.municipalityCodes)
      await db.insertInto('centerMember').values({ centerId: id, municipalityCode: code }).execute();
  }
  const after = { id, ...row, municipalityCodes: [...input.municipalityCodes].sort() };
  const saved = (await centerRows(db, 0)).find((c) => c.id === id);
  audit({ entity: 'center', entityId: id, before: await centerRecord(db, before), after: await centerRecord(db, saved) });
  return { ...after, version };
}

export async function deleteCenter(db: Trx, id: number, audit: Audit, expected?: number, now = new Date()): Promise<null> {
  const before = (await centerRows(db, 0)).find((c) => c.id === id);
  if (!before) notFound('センター');
  const what = `センター「${before.name}」`;
  await claimDelete(db, { table: 'center', key: { id }, expected, entity: 'center', entityId: id, what }, now);
  await refuseIfReferenced(db, 'center', id, before.name);
  await db.deleteFrom('center').where('id', '=', id).execute();
  audit({ entity: 'center', entityId: id, before: await centerRecord(db, before), after: null });
  return null;
}

/**
 * A municipality's items of a year as the log keeps them: each item under its name, how it is run and by or with whom
 * by name (「(ア) 地域の医療・介護の資源の把握: 委託（村上地域在宅医療推進センター）」); none is no record.
 */
async function linkageRecord(db: Trx, municipality: string, fiscalYear: number, items: readonly LinkageItem[]) {
  if (items.length === 0) return null;
  const centers = new Map((await db.selectFrom('center').select(['id', 'name']).execute()).map((c) => [c.id, c.name]));
  const described: [string, string][] = [];
  for (const i of items) {
    const by =
      i.mode === 'joint'
        ? await municipalityNames(db, i.jointWith)
        : [i.centerId === null ? '' : (centers.get(i.centerId) ?? ''), i.entrustedBody].filter((n) => n !== '');
    described.push([linkageItemLabel(i.item), linkageItemText(i.mode, by, i.note)]);
  }
  return { municipality, fiscalYear, items: Object.fromEntries(described) };
}

/**
 * The association records the 連携推進事業 of the municipalities its centers cover (the prefecture sets which: 対象市町村),
 * entrusted to its own centers or to a body by name — not another municipality's, nor work entrusted to another 医師会's
 * center. Said here in words; PostgreSQL refuses the same (kernel/db/roles.ts).
 */
async function refuseOthersLinkage(
  db: Trx,
  municipalityCode: string,
  fiscalYear: number,
  items: readonly { mode: string; centerId: number | null }[],
  associationId: number | null,
) {
  const own = (
    await db
      .selectFrom('center')
      .select('id')
      .where('operatorAssociationId', '=', associationId ?? -1)
      .execute()
  ).map((c) => c.id);
  const covered =
    own.length > 0 &&
    (await db
      .selectFrom('centerMember')
      .select('centerId')
      .where('municipalityCode', '=', municipalityCode)
      .where('centerId', 'in', own)
      .executeTakeFirst()) !== undefined;
  const name = (await db.selectFrom('municipality').select('name').where('code', '=', municipalityCode).executeTakeFirstOrThrow()).name;
  if (!covered)
    throw new RenkeiError(
      'refused',
      `${name}は、この医師会のセンターの対象市町村ではないため、連携推進事業を登録できません。何も保存していません。必要なときは県の担当者に依頼してください。`,
    );
  // What another 医師会's center holds already is not this role's to take back, nor to give.
  const held = await db
    .selectFrom('linkageItem')
    .select('centerId')
    .where('municipalityCode', '=', municipalityCode)
    .where('fiscalYear', '=', fiscalYear)
    .where('centerId', 'is not', null)
    .execute();
  const others = [...items.filter((i) => i.mode === 'entrusted'), ...held].filter((i) => i.centerId !== null && !own.includes(i.centerId));
  if (others.length > 0)
    throw new RenkeiError(
      'refused',
      `${name}の連携推進事業には、ほかの医師会のセンターへの委託があるため、この医師会の役割では保存できません。何も保存していません。必要なときは県の担当者に依頼してください。`,
    );
}

/**
 * A municipality's 連携推進事業 items of a year, saved together: they share one version, the one the screen sends
 * (0 when it read none). The first save makes version 1; each save writes the next one on every item.
 */
export async function saveLinkage(
  db: Trx,
  municipalityCode: string,
  fiscalYear: number,
  items: z.output<typeof linkageItemSchema>[],
  audit: Audit,
  expected?: number,
  now = new Date(),
  session: Pick<Session, 'role' | 'associationId'> = { role: 'pref_staff', associationId: null },
) {
  await requireMunicipalities(db, [municipalityCode, ...items.flatMap((i) => i.jointWith)], 'municipalityCode');
  if (!setsCenterTerms(session.role)) await refuseOthersLinkage(db, municipalityCode, fiscalYear, items, session.associationId);
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.item)) throw new RenkeiError('validation', `事業項目「${item.item}」が重複しています`, { path: ['items'] });
    seen.add(item.item);
  }
  const before = await linkageItems(db, fiscalYear, municipalityCode);
  const entityId = `${municipalityCode}@${fiscalYear}`;
  const name = (await db.selectFrom('municipality').select('name').where('code', '=', municipalityCode).executeTakeFirstOrThrow()).name;
  const what = `${name}の${formatFiscalYear(fiscalYear as FiscalYear)}の連携推進事業`;
  let version = 1;
  if (before.length > 0) {
    const key = { municipalityCode, fiscalYear };
    version = await claimVersion(db, { table: 'linkageItem', key, expected, entity: 'linkage', entityId, what }, now);
  } else if (expected !== undefined && expected !== 0) await refuseStale(db, { entity: 'linkage', entityId, what }, now); // someone removed every item since
  await db.deleteFrom('linkageItem').where('municipalityCode', '=', municipalityCode).where('fiscalYear', '=', fiscalYear).execute();
  for (const item of items) {
    // On a first save (none before), a colleague's first save at the same moment meets these rows' keys.
    const insert = db
      .insertInto('linkageItem')
      .values({
        municipalityCode,
        fiscalYear,
        item: item.item,
        mode: item.mode,
        centerId: item.mode === 'entrusted' ? item.centerId : null,
        entrustedBody: item.mode === 'entrusted' ? item.entrustedBody : '',
        jointWith: JSON.stringify(item.mode === 'joint' ? item.jointWith : []),
        note: item.note,
        version,
      })
      .execute();
    await (before.length === 0 ? firstSave(insert) : insert);
  }
  const after = await linkageItems(db, fiscalYear, municipalityCode);
  audit({
    entity: 'linkage',
    entityId,
    before: await linkageRecord(db, name, fiscalYear, before),
    after: await linkageRecord(db, name, fiscalYear, after),
  });
  return after;
}

/** An institution as the log keeps it: its 市区町村 by name, its flags as ○/— (the row stores them as 0/1). */
function institutionRecord(r: Omit<Institution, 'id' | 'version'>, municipality: string | null) {
  return {
    code: r.code,
    name: r.name,
    kind: r.kind,
    municipality,
    address: r.address,
    homeCareSupport: r.homeCareSupport,
    enhanced: r.enhanced,
    beds: r.beds,
  };
}

/** A stored institution as the log keeps it (its 市区町村 looked up by code). */
async function storedInstitutionRecord(db: Trx, row: Selectable<InstitutionTable>) {
  const [municipality] = await municipalityNames(db, row.municipalityCode ? [row.municipalityCode] : []);
  const flags = { homeCareSupport: row.homeCareSupport === 1, enhanced: row.enhanced === 1 };
  return institutionRecord({ ...row, kind: row.kind as InstitutionKind, ...flags }, municipality ?? null);
}

export async function saveInstitution(db: Trx, input: z.output<typeof institutionSaveSchema>, audit: Audit, now = new Date()) {
  const before = input.id ? await db.selectFrom('institution').selectAll().where('id', '=', input.id).executeTakeFirst() : undefined;
  if (input.id && !before) notFound('医療機関');
  if (input.code) {
    const clash = await db.selectFrom('institution').select(['id', 'name']).where('code', '=', input.code).executeTakeFirst();
    if (clash && clash.id !== input.id)
      throw new RenkeiError('conflict', `医療機関コード「${input.code}」はすでに「${clash.name}」に使われています`, { path: ['code'] });
  }
  let municipality: { name: string; kana: string } | undefined;
  if (input.municipalityCode) {
    await requireMunicipalities(db, [input.municipalityCode], 'municipalityCode');
    municipality = await db
      .selectFrom('municipality')
      .select(['name', 'kana'])
      .where('code', '=', input.municipalityCode)
      .executeTakeFirstOrThrow();
  }
  const municipalityName = municipality?.name ?? '';
  const row = institutionRow(input, municipality);
  let id = input.id;
  let version = 0;
  if (id) {
    const what = `医療機関「${before!.name}」`;
    version = await claimVersion(
      db,
      { table: 'institution', key: { id }, expected: input.version, entity: 'institution', entityId: id, what },
      now,
    );
    await db.updateTable('institution').set(row).where('id', '=', id).execute();
  } else id = Number((await db.insertInto('institution').values(row).returning('id').executeTakeFirstOrThrow()).id);
  const { searchKey: _key, nameOrder: _order, ...after } = { id, ...row, homeCareSupport: input.homeCareSupport, enhanced: input.enhanced };
  // The log compares the flags as the booleans saved, or every save would list them as changed.
  audit({
    entity: 'institution',
    entityId: id,
    before: before ? await storedInstitutionRecord(db, before) : null,
    after: institutionRecord(after, municipalityName || null),
  });
  return { ...after, id, version };
}

export async function deleteInstitution(db: Trx, id: number, audit: Audit, expected?: number, now = new Date()): Promise<null> {
  const before = await db.selectFrom('institution').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) notFound('医療機関');
  const what = `医療機関「${before.name}」`;
  await claimDelete(db, { table: 'institution', key: { id }, expected, entity: 'institution', entityId: id, what }, now);
  await refuseIfReferenced(db, 'institution', id, before.name);
  await db.deleteFrom('institution').where('id', '=', id).execute();
  audit({ entity: 'institution', entityId: id, before: await storedInstitutionRecord(db, before), after: null });
  return null;
}

type DesignationRecord = Awaited<ReturnType<typeof designationRows>>[number];

async function designationRow(db: Trx, id: number): Promise<DesignationRecord | undefined> {
  return (await designationRows(db)).find((d) => d.id === id);
}

/**
 * A designation as the audit log keeps it: the institution, its area and its partners by name (the log shows no ids),
 * and each requirement under its name, as the drawer lists them.
 */
function designationRecord(d: DesignationRecord | undefined) {
  if (!d) return null;
  return {
    name: d.institutionName,
    area: d.areaName,
    designatedOn: d.designatedOn,
    requirements: Object.fromEntries(DESIGNATION_REQUIREMENTS.map((r, i) => [r.label, d.requirements[i]])),
    partnerInstitutions: d.partnerInstitutionNames,
    partnerStations: d.partnerStationNames,
  };
}

export async function saveDesignation(
  db: Trx,
  input: z.output<typeof designationSaveSchema>,
  audit: Audit,
  now = new Date(),
): Promise<Designation> {
  const before = input.id ? (await designationRows(db)).find((d) => d.id === input.id) : undefined;
  if (input.id && !before) notFound('指定');
  const area = await db.selectFrom('area').select(['kind']).where('id', '=', input.areaId).executeTakeFirst();
  if (area?.kind !== 'home_care') throw new RenkeiError('validation', '指定する圏域は在宅医療圏から選んでください', { path: ['areaId'] });
  const ids = [input.institutionId, ...input.partnerInstitutionIds, ...input.partnerStationIds];
  const kinds = new Map(
    (await db.selectFrom('institution').select(['id', 'kind']).where('id', 'in', ids).execute()).map((r) => [r.id, r.kind]),
  );
  if (!kinds.has(input.institutionId))
    throw new RenkeiError('validation', '指定する医療機関が台帳にありません', { path: ['institutionId'] });
  if (kinds.get(input.institutionId) === 'nursing_station') {
    throw new RenkeiError('validation', '訪問看護ステーションは「積極的役割を担う医療機関」に指定できません', { path: ['institutionId'] });
  }
  if (input.partnerInstitutionIds.some((i) => !kinds.has(i) || kinds.get(i) === 'nursing_station')) {
    throw new RenkeiError('validation', '連携している医療機関には病院・診療所を選んでください', { path: ['partnerInstitutionIds'] });
  }
  // Seed 004 lists hospitals and clinics among partner 訪問看護事業所 (みなし訪問看護), so any institution may be one.
  if (input.partnerStationIds.some((i) => !kinds.has(i))) {
    throw new RenkeiError('validation', '連携している訪問看護事業所が台帳にありません', { path: ['partnerStationIds'] });
  }
  const row = {
    institutionId: input.institutionId,
    areaId: input.areaId,
    designatedOn: input.designatedOn,
    requirements: JSON.stringify(input.requirements),
  };
  let id = input.id;
  let version = 0;
  if (id) {
    const what = `指定（${before!.institutionName}）`;
    version = await claimVersion(
      db,
      { table: 'designation', key: { id }, expected: input.version, entity: 'designation', entityId: id, what },
      now,
    );
    await db.updateTable('designation').set(row).where('id', '=', id).execute();
  } else id = Number((await db.insertInto('designation').values(row).returning('id').executeTakeFirstOrThrow()).id);
  await db.deleteFrom('designationPartner').where('designationId', '=', id).execute();
  for (const institutionId of new Set(input.partnerInstitutionIds)) {
    await db.insertInto('designationPartner').values({ designationId: id, institutionId, role: 'institution' }).execute();
  }
  for (const institutionId of new Set(input.partnerStationIds)) {
    await db.insertInto('designationPartner').values({ designationId: id, institutionId, role: 'station' }).execute();
  }
  const after: Designation = { ...input, id, version };
  audit({ entity: 'designation', entityId: id, before: designationRecord(before), after: designationRecord(await designationRow(db, id)) });
  return after;
}

export async function deleteDesignation(db: Trx, id: number, audit: Audit, expected?: number, now = new Date()): Promise<null> {
  const before = (await designationRows(db)).find((d) => d.id === id);
  if (!before) notFound('指定');
  const what = `指定（${before.institutionName}）`;
  await claimDelete(db, { table: 'designation', key: { id }, expected, entity: 'designation', entityId: id, what }, now);
  await db.deleteFrom('designation').where('id', '=', id).execute();
  audit({ entity: 'designation', entityId: id, before: designationRecord(before), after: null });
  return null;
}
