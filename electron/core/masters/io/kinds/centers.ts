/** The 台帳 import of センター: 在宅医療推進センター with operator, 委託先, 補助区分 and municipalities. */

import { CellError, parseChoice, parseDate, parseText } from '@core/tabular/fields';
import { type ImportKindSpec, withoutId } from '@core/tabular/import-engine';
import type { IsoDate } from '@shared/dates';
import { CENTER_ROLE_LABELS, type CenterRole, SUBSIDY_CLASS_LABELS, type SubsidyClass } from '@shared/masters/model';
import { searchKey } from '@shared/text/normalize';
import { formatWareki } from '@shared/wareki';
import { associations, centerRows } from '../../read';
import * as write from '../../write';
import { chosen, type MunicipalityRefs, municipalityLabels, municipalityRefs, parseMunicipalityList, showList } from './refs';

interface CenterRecord {
  name: string;
  role: CenterRole;
  /** Name of the operating 医師会 ('' = none). */
  operator: string;
  entrustedTo: string;
  subsidyClass: SubsidyClass;
  municipalities: string[];
  startDate: IsoDate | null;
  contact: string;
}

interface CenterCtx {
  municipalities: MunicipalityRefs;
  existing: Map<string, CenterRecord & { id: number }>;
  /** searchKey(name) → the 医師会 */
  associations: Map<string, { id: number; name: string }>;
}

export const centerImport: ImportKindSpec<CenterRecord, CenterCtx> = {
  label: 'センター',
  columns: [
    {
      key: 'name',
      header: 'センター名',
      aliases: ['名称', 'センター'],
      required: true,
      example: '〇〇市医師会在宅医療推進センター',
      parse: (c) => parseText(c, 80),
    },
    {
      key: 'role',
      header: '区分',
      aliases: ['種別', '役割'],
      example: '地域',
      parse: (c) => (c === '' ? undefined : parseChoice(c, CENTER_ROLE_LABELS, { 基幹センター: 'core', 地域センター: 'regional' })),
    },
    {
      key: 'operator',
      header: '運営主体',
      aliases: ['運営医師会', '医師会'],
      example: '〇〇市医師会',
      parse: (c, ctx) => {
        if (c === '') return '';
        const found = ctx.associations.get(searchKey(c));
        if (!found) throw new CellError(`医師会「${c}」は台帳にありません。先に医師会を登録するか、名前を確かめてください`);
        return found.name;
      },
    },
    {
      key: 'entrustedTo',
      header: '病院への委託',
      aliases: ['委託先', '委託先病院', '委託先の病院'],
      example: '',
      parse: (c) => parseText(c, 80),
    },
    {
      key: 'subsidyClass',
      header: '補助区分',
      aliases: ['基準額の区分'],
      example: '大規模郡市医師会',
      parse: (c) => (c === '' ? undefined : parseChoice(c, SUBSIDY_CLASS_LABELS, { 大規模: 'large_county', その他: 'other_county' })),
    },
    {
      key: 'municipalities',
      header: '対象市町村',
      aliases: ['担当市町村', '構成市町村'],
      example: '〇〇市、△△町',
      parse: (c, ctx) => parseMunicipalityList(c, ctx.municipalities),
    },
    {
      key: 'startDate',
      header: '開始日',
      aliases: ['設置日', '開設日'],
      example: '令和2年4月1日',
      parse: (c) => (c === '' ? null : parseDate(c)),
    },
    { key: 'contact', header: '連絡先', aliases: ['電話番号', '電話'], example: '000-000-0000', parse: (c) => parseText(c, 200) },
  ],
  async prepare(db) {
    const [rows, municipalities, operators] = [await centerRows(db, 0), await municipalityRefs(db), await associations(db)];
    return {
      municipalities,
      existing: new Map(
        rows.map((c) => [
          c.name,
          {
            id: c.id,
            name: c.name,
            role: c.role,
            operator: c.operatorName ?? '',
            entrustedTo: c.entrustedTo,
            subsidyClass: c.subsidyClass,
            municipalities: municipalityLabels(c.municipalityCodes, municipalities),
            startDate: c.startDate,
            contact: c.contact,
          },
        ]),
      ),
      associations: new Map(operators.map((a) => [searchKey(a.name), { id: a.id, name: a.name }])),
    };
  },
  build(cells, ctx) {
    const name = cells.name as string;
    const before = ctx.existing.get(name);
    return {
      name,
      role: chosen(cells.role as CenterRole | undefined, before?.role, '区分（基幹・地域）を入力してください', 'role'),
      operator: cells.operator as string,
      entrustedTo: cells.entrustedTo as string,
      subsidyClass: chosen(
        cells.subsidyClass as SubsidyClass | undefined,
        before?.subsidyClass,
        `補助区分（${Object.values(SUBSIDY_CLASS_LABELS).join('・')}）を入力してください`,
        'subsidyClass',
      ),
      municipalities: cells.municipalities as string[],
      startDate: cells.startDate as IsoDate | null,
      contact: cells.contact as string,
    };
  },
  key: (r) => ({ key: r.name, label: 'センター名', column: 'name', shown: r.name }),
  display: (r) => r.name,
  existing: (r, ctx) => withoutId(ctx.existing.get(r.name)),
  fields: [
    { key: 'role', label: '区分', show: (v) => CENTER_ROLE_LABELS[v as CenterRole] },
    { key: 'operator', label: '運営主体' },
    { key: 'entrustedTo', label: '病院への委託' },
    { key: 'subsidyClass', label: '補助区分', show: (v) => SUBSIDY_CLASS_LABELS[v as SubsidyClass] },
    { key: 'municipalities', label: '対象市町村', show: showList },
    { key: 'startDate', label: '開始日', show: (v) => (v ? formatWareki(v as IsoDate) : '（空）') },
    { key: 'contact', label: '連絡先' },
  ],
  async apply(db, staged, ctx, audit) {
    const operatorIds = new Map([...ctx.associations.values()].map((a) => [a.name, a.id]));
    for (const { record } of staged) {
      await write.saveCenter(
        db,
        {
          id: ctx.existing.get(record.name)?.id,
          name: record.name,
          role: record.role,
          operatorAssociationId: record.operator ? operatorIds.get(record.operator)! : null,
          entrustedTo: record.entrustedTo,
          municipalityCodes: record.municipalities.map((label) => ctx.municipalities.codeOf.get(label)!),
          startDate: record.startDate,
          contact: record.contact,
          subsidyClass: record.subsidyClass,
        },
        audit,
      );
    }
  },
};
