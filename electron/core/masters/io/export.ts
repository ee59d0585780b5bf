/** Every 台帳 list as XLSX or CSV, headed as the importer reads it back, and the import templates. */

import type { Reader } from '@core/kernel/db/schema';
import { importTemplate, type TemplatePrefecture } from '@core/tabular/import-engine';
import { type ColumnSpec, type SheetSpec, writeCsv, writeXlsx, XLSX_MIME } from '@core/tabular/write';
import type { FileOut } from '@shared/contract/common';
import { type ExportKind, IMPORT_KIND_LABELS, type ImportKind } from '@shared/contract/masters-io';
import { fiscalYear, formatFiscalYear } from '@shared/fiscal-year';
import {
  AREA_KIND_LABELS,
  ASSOCIATION_KIND_LABELS,
  CENTER_ROLE_LABELS,
  DESIGNATION_REQUIREMENTS,
  INSTITUTION_KIND_LABELS,
  LINKAGE_MODE_LABELS,
  SUBSIDY_CLASS_LABELS,
} from '@shared/masters/model';
import { formatWareki } from '@shared/wareki';
import { areaSummaries, associations, centerRows, designationRows, linkageItems, municipalityRows, toInstitutionRow } from '../read';
import { IMPORT_SPECS } from './kinds';
import { AREA_KIND_ORDER } from './kinds/areas';
import { linkageItemText } from './kinds/linkage';
import { institutionLabel, institutionRefs, type MunicipalityRefs, municipalityLabels, municipalityRefs } from './kinds/refs';

const EXPORT_LABELS: Record<ExportKind, string> = {
  municipalities: '市区町村',
  populations: '人口',
  institutions: '医療機関',
  areas: '圏域',
  associations: '医師会',
  centers: 'センター',
  linkage: '在宅医療・介護連携推進事業',
  designations: '積極的役割を担う医療機関',
};

/** A kind's import columns in template order, so what is written reads back through the importer. */
function importColumns(kind: ImportKind, format: Record<string, Omit<ColumnSpec, 'key' | 'header'>> = {}): ColumnSpec[] {
  return IMPORT_SPECS[kind].columns.map((c) => ({ key: c.key, header: c.header, ...format[c.key] }));
}

/** Municipalities as a list cell names them. */
const listOf = (codes: readonly string[], refs: MunicipalityRefs) => municipalityLabels(codes, refs).join('、');

/** The sheet for one list, columns headed as the importer reads them back. */
async function exportSheet(db: Reader, kind: ExportKind): Promise<SheetSpec> {
  const flag = (v: boolean) => (v ? '○' : '');
  switch (kind) {
    case 'municipalities': {
      const rows = await municipalityRows(db);
      return {
        name: '市区町村',
        columns: [
          { key: 'code', header: '団体コード', width: 11 },
          { key: 'name', header: '市区町村名' },
          { key: 'kana', header: 'よみがな' },
          { key: 'type', header: '種別', width: 6, align: 'center' },
          { key: 'designatedCity', header: '政令市', width: 7, align: 'center' },
          { key: 'coreCity', header: '中核市', width: 7, align: 'center' },
          ...(['secondary', 'home_care', 'health_center', 'insurer'] as const).map((k) => ({ key: k, header: AREA_KIND_LABELS[k] })),
          { key: 'total', header: '総人口', numFmt: '#,##0' },
          { key: 'age65', header: '65歳以上人口', numFmt: '#,##0' },
          { key: 'baseDate', header: '人口の基準日' },
        ],
        rows: rows.map(({ areas: _areas, population: _population, ...r }) => ({
          ...r,
          designatedCity: flag(r.designatedCity),
          coreCity: flag(r.coreCity),
          secondary: _areas.secondary?.name ?? '',
          home_care: _areas.home_care?.name ?? '',
          health_center: _areas.health_center?.name ?? '',
          insurer: _areas.insurer?.name ?? '',
          total: _population?.total ?? null,
          age65: _population?.age65 ?? null,
          baseDate: _population?.baseDate ?? '',
        })),
      };
    }
    case 'populations': {
      const rows = await db
        .selectFrom('population')
        .innerJoin('municipality', 'municipality.code', 'population.municipalityCode')
        .selectAll('population')
        .select('municipality.name')
        .orderBy('municipalityCode')
        .orderBy('baseDate')
        .execute();
      return {
        name: '人口',
        columns: [
          { key: 'municipalityCode', header: '団体コード', width: 11 },
          { key: 'name', header: '市区町村名' },
          { key: 'baseDate', header: '基準日', width: 12 },
          { key: 'total', header: '総人口', numFmt: '#,##0' },
          { key: 'age65', header: '65歳以上人口', numFmt: '#,##0' },
          { key: 'age75', header: '75歳以上人口', numFmt: '#,##0' },
          { key: 'age85', header: '85歳以上人口', numFmt: '#,##0' },
          { key: 'area', header: '面積（㎢）', numFmt: '#,##0.00' },
        ],
        rows: rows.map((r) => ({ ...r, area: r.areaCentiKm2 === null ? null : r.areaCentiKm2 / 100 })),
      };
    }
    case 'institutions': {
      const rows = await db
        .selectFrom('institution')
        .leftJoin('municipality', 'municipality.code', 'institution.municipalityCode')
        .selectAll('institution')
        .select('municipality.name as municipalityName')
        .orderBy('institution.id')
        .execute();
      return {
        name: '医療機関',
        columns: [
          { key: 'code', header: '医療機関コード', width: 14 },
          { key: 'name', header: '名称' },
          { key: 'kind', header: '種別' },
          { key: 'municipality', header: '市区町村' },
          { key: 'address', header: '所在地' },
          { key: 'homeCareSupport', header: '在宅療養支援', align: 'center' },
          { key: 'enhanced', header: '機能強化型', align: 'center' },
          { key: 'beds', header: '病床数', numFmt: '#,##0' },
        ],
        rows: rows.map(toInstitutionRow).map((r) => ({
          ...r,
          kind: INSTITUTION_KIND_LABELS[r.kind],
          municipality: r.municipalityName ?? '',
          homeCareSupport: flag(r.homeCareSupport),
          enhanced: flag(r.enhanced),
        })),
      };
    }
    case 'areas': {
      const [areas, refs] = [await areaSummaries(db), await municipalityRefs(db)];
      const nameOf = new Map(areas.map((a) => [a.id, a.name]));
      const ordered = [...areas].sort(
        (a, b) => AREA_KIND_ORDER.indexOf(a.kind) - AREA_KIND_ORDER.indexOf(b.kind) || a.sortOrder - b.sortOrder,
      );
      return {
        name: '圏域',
        columns: [
          ...importColumns('areas', { sortOrder: { numFmt: '0' }, municipalities: { width: 50 } }),
          { key: 'count', header: '市町村数', numFmt: '#,##0' },
          { key: 'total', header: '総人口', numFmt: '#,##0' },
          { key: 'age65', header: '65歳以上人口', numFmt: '#,##0' },
        ],
        rows: ordered.map((a) => ({
          kind: AREA_KIND_LABELS[a.kind],
          name: a.name,
          parent: a.parentId ? (nameOf.get(a.parentId) ?? '') : '',
          sortOrder: a.sortOrder,
          municipalities: listOf(a.municipalityCodes, refs),
          count: a.municipalityCodes.length,
          total: a.totals.total,
          age65: a.totals.age65,
        })),
      };
    }
    case 'associations': {
      const [rows, refs] = [await associations(db), await municipalityRefs(db)];
      return {
        name: '医師会',
        columns: importColumns('associations', { municipalities: { width: 50 } }),
        rows: rows.map((a) => ({ name: a.name, kind: ASSOCIATION_KIND_LABELS[a.kind], municipalities: listOf(a.municipalityCodes, refs) })),
      };
    }
    case 'centers': {
      const [centers, refs] = [await centerRows(db, 0), await municipalityRefs(db)];
      return {
        name: 'センター',
        columns: importColumns('centers', { role: { align: 'center' }, municipalities: { width: 40 } }),
        rows: centers.map((c) => ({
          name: c.name,
          role: CENTER_ROLE_LABELS[c.role],
          operator: c.operatorName ?? '',
          entrustedTo: c.entrustedTo,
          subsidyClass: SUBSIDY_CLASS_LABELS[c.subsidyClass],
          municipalities: listOf(c.municipalityCodes, refs),
          startDate: c.startDate ? formatWareki(c.startDate) : '',
          contact: c.contact,
        })),
      };
    }
    case 'linkage': {
      const years = (await db.selectFrom('linkageItem').select('fiscalYear').distinct().orderBy('fiscalYear').execute()).map(
        (r) => r.fiscalYear,
      );
      const refs = await municipalityRefs(db);
      const centerNames = new Map((await db.selectFrom('center').select(['id', 'name']).execute()).map((c) => [c.id, c.name]));
      const rows = (await Promise.all(years.map((year) => linkageItems(db, year)))).flat();
      return {
        name: '在宅医療・介護連携推進事業',
        columns: importColumns('linkage', {
          municipalityCode: { width: 11 },
          item: { width: 40 },
          mode: { align: 'center' },
          jointWith: { width: 30 },
          note: { width: 30 },
        }),
        rows: rows.map((l) => ({
          fiscalYear: formatFiscalYear(fiscalYear(l.fiscalYear)),
          municipalityCode: l.municipalityCode,
          municipalityName: refs.names.get(l.municipalityCode) ?? '',
          item: linkageItemText(l.item),
          mode: LINKAGE_MODE_LABELS[l.mode],
          center: l.centerId === null ? '' : (centerNames.get(l.centerId) ?? ''),
          entrustedBody: l.entrustedBody,
          jointWith: listOf(l.jointWith, refs),
          note: l.note,
        })),
      };
    }
    case 'designations': {
      const [rows, refs] = [await designationRows(db), await institutionRefs(db)];
      const labels = (ids: number[]) => ids.map((id) => institutionLabel(id, refs)).join('、');
      return {
        name: '積極的役割を担う医療機関',
        columns: importColumns('designations', {
          ...Object.fromEntries(DESIGNATION_REQUIREMENTS.map((r) => [`r${r.no}`, { width: 5, align: 'center' as const }])),
          partners: { width: 40 },
          stations: { width: 40 },
        }),
        rows: rows.map((d) => ({
          institution: institutionLabel(d.institutionId, refs),
          area: d.areaName,
          designatedOn: formatWareki(d.designatedOn),
          ...Object.fromEntries(d.requirements.map((met, i) => [`r${i + 1}`, met ? '○' : ''])),
          partners: labels(d.partnerInstitutionIds),
          stations: labels(d.partnerStationIds),
        })),
      };
    }
  }
}

async function fileOut(sheet: SheetSpec, baseName: string, format: 'xlsx' | 'csv'): Promise<FileOut> {
  if (format === 'csv')
    return { fileName: `${baseName}.csv`, mimeType: 'text/csv', data: writeCsv(sheet.columns, sheet.rows).toString('base64') };
  return { fileName: `${baseName}.xlsx`, mimeType: XLSX_MIME, data: (await writeXlsx([sheet])).toString('base64') };
}

/**
 * An empty sheet headed for import, and a second sheet that says how to fill each column. Its code column is text:
 * Excel reads a typed 010112489 as the number 10112489 in a General column and drops the 北海道 code's leading zero.
 */
export function templateSheets(kind: ImportKind, prefecture: TemplatePrefecture): SheetSpec[] {
  const [sheet, ...rest] = importTemplate(IMPORT_SPECS[kind], IMPORT_KIND_LABELS[kind], [], prefecture);
  return [{ ...sheet!, columns: sheet!.columns.map((c) => (c.key === 'code' ? { ...c, numFmt: '@' } : c)) }, ...rest];
}

export async function exportKind(db: Reader, kind: ExportKind, format: 'xlsx' | 'csv'): Promise<FileOut> {
  return fileOut(await exportSheet(db, kind), EXPORT_LABELS[kind], format);
}
