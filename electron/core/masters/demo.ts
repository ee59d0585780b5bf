/**
 * The 台帳 of the demo prefecture (新潟県, demo/niigata.ts), loaded through
 * the same writes the screens use, so the demo obeys every rule and lands in
 * the audit log. The whole demo (every domain) is run by electron/core/demo.
 */
import { type MastersOverview, RenkeiError } from '@shared/contract';
import type { IsoDate } from '@shared/dates';
import type { AreaKind } from '@shared/masters/model';
import type { AuditRecord } from '../kernel/context';
import type { Trx } from '../kernel/db/schema';
import { NIIGATA } from './demo/niigata';
import type { DemoPrefectureData } from './demo/types';
import { overview } from './read';
import * as write from './write';

function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (value === undefined) throw new RenkeiError('internal', `デモデータの${what}「${key}」が見つかりません`);
  return value;
}

async function loadDemoMasters(db: Trx, data: DemoPrefectureData, audit: (r: AuditRecord) => void): Promise<void> {
  await write.savePrefecture(db, data.prefecture, audit);
  for (const m of data.municipalities) {
    const { population, ...municipality } = m;
    await write.saveMunicipality(db, { ...municipality, areas: {}, isNew: true }, audit);
    for (const p of population) await write.savePopulation(db, { ...p, municipalityCode: m.code, baseDate: p.baseDate as IsoDate }, audit);
  }

  // Parents first (第三次 → 第二次 → 在宅医療圏), so a child can name its parent.
  const areaIds = new Map<string, number>();
  const parentOf = (name: string) => areaIds.get(`tertiary:${name}`) ?? lookup(areaIds, `secondary:${name}`, '上位の圏域');
  const loadOrder: AreaKind[] = ['tertiary', 'secondary', 'home_care', 'health_center', 'insurer'];
  const ordered = [...data.areas].sort((a, b) => loadOrder.indexOf(a.kind) - loadOrder.indexOf(b.kind));
  for (const area of ordered) {
    const parentId = area.parent ? parentOf(area.parent) : null;
    const saved = await write.saveArea(db, { kind: area.kind, name: area.name, parentId, sortOrder: data.areas.indexOf(area) + 1 }, audit);
    areaIds.set(`${area.kind}:${area.name}`, saved.id);
    await write.setAreaMembers(db, saved.id, area.kind, area.municipalities);
  }

  const associationIds = new Map<string, number>();
  for (const a of data.associations) {
    associationIds.set(
      a.name,
      (await write.saveAssociation(db, { name: a.name, kind: a.kind, municipalityCodes: a.municipalities }, audit)).id,
    );
  }

  const centerIds = new Map<string, number>();
  for (const c of data.centers) {
    const saved = await write.saveCenter(
      db,
      {
        name: c.name,
        role: c.role,
        operatorAssociationId: lookup(associationIds, c.operator, '医師会'),
        entrustedTo: c.entrustedTo,
        municipalityCodes: c.municipalities,
        startDate: c.startDate as IsoDate | null,
        contact: c.contact,
        subsidyClass: c.subsidyClass,
      },
      audit,
    );
    centerIds.set(c.name, saved.id);
  }

  const byMunicipalityYear = new Map<string, DemoPrefectureData['linkage']>();
  for (const l of data.linkage) {
    const key = `${l.municipality}@${l.fiscalYear}`;
    byMunicipalityYear.set(key, [...(byMunicipalityYear.get(key) ?? []), l]);
  }
  for (const items of byMunicipalityYear.values()) {
    const { municipality, fiscalYear } = items[0]!;
    await write.saveLinkage(
      db,
      municipality,
      fiscalYear,
      items.map((l) => ({
        item: l.item,
        mode: l.mode,
        centerId: l.center ? lookup(centerIds, l.center, 'センター') : null,
        entrustedBody: l.entrustedBody ?? '',
        jointWith: l.jointWith ?? [],
        note: l.note ?? '',
      })),
      audit,
    );
  }

  const institutionIds = new Map<string, number>();
  for (const i of data.institutions) {
    const saved = await write.saveInstitution(
      db,
      {
        code: i.code ?? null,
        name: i.name,
        kind: i.kind,
        municipalityCode: i.municipality,
        address: i.address,
        homeCareSupport: i.homeCareSupport,
        enhanced: i.enhanced,
        beds: i.beds,
      },
      audit,
    );
    institutionIds.set(i.name, saved.id);
  }

  for (const d of data.designations) {
    await write.saveDesignation(
      db,
      {
        institutionId: lookup(institutionIds, d.institution, '医療機関'),
        areaId: lookup(areaIds, `home_care:${d.area}`, '在宅医療圏'),
        designatedOn: d.designatedOn as IsoDate,
        requirements: d.requirements,
        partnerInstitutionIds: d.partnerInstitutions.map((n) => lookup(institutionIds, n, '連携医療機関')),
        partnerStationIds: d.partnerStations.map((n) => lookup(institutionIds, n, '連携訪問看護ステーション')),
      },
      audit,
    );
  }
}

/** masters.demo.load: the demo 台帳 into an empty one; refused when the 台帳 holds anything. */
export async function loadMastersDemo(db: Trx, audit: (r: AuditRecord) => void): Promise<MastersOverview> {
  const before = await overview(db);
  if (Object.values(before.counts).some((n) => n > 0)) {
    throw new RenkeiError('refused', '台帳にすでにデータがあるため、デモデータは読み込めません。新しいデータベースで読み込んでください。');
  }
  await loadDemoMasters(db, NIIGATA, audit);
  return overview(db);
}
