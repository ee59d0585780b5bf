/**
 * The audit log as a person reads it, for the screen, the CLI and the Excel
 * export alike: values in yen, 和暦 and ○/—, a change as only the fields that
 * changed (old → new), a creation or deletion as the record's own fields.
 */

import { operationLabel } from './contract';
import type { AuditEntry } from './contract/audit';
import { BACKUP_REASON_LABELS, type BackupReason, backupLabel, backupOfName } from './contract/backup';
import { FUND_SIDE_LABELS, OPERATOR_KIND_LABELS } from './contract/fund';
import { TABLE_DENSITY_LABELS } from './contract/settings';
import { ANSWER_SOURCE_LABELS } from './contract/survey';
import { isoDate } from './dates';
import { fiscalYear } from './fiscal-year';
import { formatBytes, formatNumber, formatTimestamp, formatYen } from './format';
import { CATEGORY_NOTATION_LABELS } from './fund/categories';
import { VERSION_KIND_LABELS } from './fund/versions';
import { entityLabel, fieldLabel, recordFieldLabel } from './glossary';
import {
  AREA_KIND_LABELS,
  ASSOCIATION_KIND_LABELS,
  CENTER_ROLE_LABELS,
  INSTITUTION_KIND_LABELS,
  LINKAGE_MODE_LABELS,
  SUBSIDY_CLASS_LABELS,
} from './masters/model';
import { yen } from './money';
import { LETTER_LABELS } from './subsidy/letters';
import { STEP_KIND_LABELS } from './subsidy/lifecycle';
import { SURVEY_TARGET_KIND_LABELS } from './survey/definition';
import { formatFiscalYearWareki, formatWareki } from './wareki';

const YEN_FIELDS = new Set([
  'amount',
  'fundAmount',
  'otherAmount',
  'publicAmount',
  'privateAmount',
  'entrustedAmount',
  'national',
  'prefectural',
  'openingBalance',
  'nationalContribution',
  'prefecturalContribution',
  'investmentIncome',
  'budget',
  'decided',
  'decidedTotal',
  'totalCost',
  'otherIncome',
  'eligibleExpense',
  'baseAmount',
]);
const FISCAL_YEAR_FIELDS = new Set(['fiscalYear', 'subsidyYear', 'startFy', 'endFy']);
/** Stored as 0/1 in some records, true/false in others. */
const FLAG_FIELDS = new Set(['splitOverride', 'override', 'designatedCity', 'coreCity', 'homeCareSupport', 'enhanced', 'newVersion']);
const PEOPLE_FIELDS = new Set(['total', 'age65', 'age75', 'age85']);
/** Serial numbers, read as written: 第1002号 is 1002, not 1,002. */
const SERIAL_FIELDS = new Set(['number', 'nextNumber']);
/** Keys and counters a person never needs to read in the log. */
const HIDDEN_FIELDS = new Set([
  'id',
  'searchKey',
  'seq',
  'sortOrder',
  'versionId',
  'definitionId',
  'createdAt',
  'rulesRevision',
  'revision',
]);
/**
 * Fields an entity's subject or its other fields already say (a subsidy step is
 * named 「センター 手続き」; an issued letter's 文書の種類 says its stored title), and its own keys.
 */
const SUBJECT_FIELDS: Record<string, readonly string[]> = {
  subsidy_step: ['center', 'centerId', 'label'],
  // Kept whole for the record; the log reads its name, version and questions' 見出し.
  survey_definition: ['definition'],
  fund_budget_amount: ['project', 'projectId', 'version'],
  document_register: ['documentNumber', 'document', 'centerId', 'stepId'],
  meeting: ['title'],
  fund_spending: ['projectId'],
  subsidy_rules: ['fundProjectId'],
  fund_evaluation: ['projectId', 'fundProject', 'fiscalYear'],
  fund_year: ['side', 'fiscalYear'],
  designation: ['name'],
  center: ['operatorAssociationId'],
  population: ['municipality', 'baseDate'],
  linkage: ['municipality', 'fiscalYear'],
  backup: ['name', 'reason'],
  // Named 「令和5年度 厚生局提出資料一式」.
  pack: ['name', 'fiscalYear'],
};

/** Records a screen saves carry a save counter named `version`; the log has no use for it (kernel/versions.ts). */
const SAVE_COUNTED = new Set([
  'fund_budget_version',
  'fund_spending',
  'fund_year',
  'center',
  'area',
  'association',
  'institution',
  'designation',
  'municipality',
]);

/**
 * Records of named values shown one name to a row, under its own name, every value (an unmet 要件 too): a 市区町村's
 * 連携推進事業 items and a designation's 要件 — in one line they ran together.
 */
const ITEMIZED_FIELDS: Record<string, string> = { linkage: 'items', designation: 'requirements' };

function itemized(entity: string, field: string, value: unknown): value is Fields {
  return ITEMIZED_FIELDS[entity] === field && isFields(value);
}

function hidden(entity: string, field: string): boolean {
  return (
    HIDDEN_FIELDS.has(field) || (SUBJECT_FIELDS[entity]?.includes(field) ?? false) || (field === 'version' && SAVE_COUNTED.has(entity))
  );
}

/** Codes that stand for a Japanese word, by field (and, where a name means two things, by entity). */
const CODE_LABELS: Record<string, Record<string, string>> = {
  side: FUND_SIDE_LABELS,
  operatorKind: OPERATOR_KIND_LABELS,
  subsidyClass: SUBSIDY_CLASS_LABELS,
  role: CENTER_ROLE_LABELS,
  mode: LINKAGE_MODE_LABELS,
  targetKind: SURVEY_TARGET_KIND_LABELS,
};
const ENTITY_CODE_LABELS: Record<string, Record<string, Record<string, string>>> = {
  subsidy_step: { kind: STEP_KIND_LABELS },
  fund_budget_version: { kind: VERSION_KIND_LABELS },
  backup: { reason: BACKUP_REASON_LABELS satisfies Record<BackupReason, string> },
  area: { kind: AREA_KIND_LABELS },
  association: { kind: ASSOCIATION_KIND_LABELS },
  institution: { kind: INSTITUTION_KIND_LABELS },
  survey_answer: { source: ANSWER_SOURCE_LABELS },
  document_register: { letterKind: LETTER_LABELS },
  // As the 設定 screen's choices read.
  settings: { density: TABLE_DENSITY_LABELS, fundCategoryNotation: CATEGORY_NOTATION_LABELS },
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const LIST_SHOWN = 8;
/** Inside a nested record, codes that repeat what its place already says. */
const NESTED_SKIPPED = new Set(['code', 'kind']);

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dateText(text: string): string {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  try {
    return formatWareki(isoDate(y, m, d));
  } catch {
    return text;
  }
}

/** The name a nested record goes by, when it has one. */
function nameOf(value: Fields): string | null {
  for (const key of ['name', 'label', 'title']) if (typeof value[key] === 'string' && value[key] !== '') return value[key] as string;
  return null;
}

/** Fields that hold a backup's file name (a restore's entry). */
const BACKUP_FILE_FIELDS = new Set(['restoredFrom', 'backup']);

/**
 * One value as the log shows it.
 * @example formatAuditValue('amount', 4453000) // '4,453,000円'
 * @example formatAuditValue('datedOn', '2023-05-19') // '令和5年5月19日'
 */
export function formatAuditValue(field: string, value: unknown, entity = ''): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean' || (FLAG_FIELDS.has(field) && (value === 0 || value === 1))) return value ? '○' : '—';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    if (YEN_FIELDS.has(field) && Number.isSafeInteger(value)) return formatYen(yen(value));
    if (FISCAL_YEAR_FIELDS.has(field)) {
      try {
        return formatFiscalYearWareki(fiscalYear(value));
      } catch {
        return String(value);
      }
    }
    if (field === 'areaCentiKm2') return `${formatNumber(Math.trunc(value / 100))}.${String(Math.abs(value) % 100).padStart(2, '0')} km²`;
    if (field === 'sizeBytes') return formatBytes(value);
    if (SERIAL_FIELDS.has(field)) return String(value);
    if (PEOPLE_FIELDS.has(field)) return `${formatNumber(value)}人`;
    if (field === 'beds') return `${formatNumber(value)}床`;
    if (field === 'id' || /Id$/.test(field) || /(revision|version|Revision)$/i.test(field)) return String(value);
    return formatNumber(value);
  }
  if (typeof value === 'string') {
    const coded = ENTITY_CODE_LABELS[entity]?.[field] ?? CODE_LABELS[field];
    if (BACKUP_FILE_FIELDS.has(field) && backupOfName(value)) return backupLabel(value);
    if (coded?.[value]) return coded[value];
    if (ISO_DATE.test(value)) return dateText(value);
    if (ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatTimestamp(value);
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    if (value.every((v) => typeof v !== 'object' || v === null)) {
      const shown = value.slice(0, LIST_SHOWN).map((v) => formatAuditValue(field, v, entity));
      return value.length > LIST_SHOWN ? `${shown.join('、')} ほか${value.length - LIST_SHOWN}件` : shown.join('、');
    }
    return `${formatNumber(value.length)}件`;
  }
  // Answers are named by the survey's own questions, which the log does not hold.
  if (field === 'answers' && isFields(value)) return `${formatNumber(Object.keys(value).length)}問の回答`;
  // A record that holds nothing (a 市区町村 in no 圏域) is empty like an empty list.
  if (isFields(value)) return Object.keys(value).length === 0 ? '—' : (nameOf(value) ?? nestedText(value, entity));
  return String(value);
}

/**
 * A nested record without a name: its scalar or named fields in a line (an application's 総事業費 and so on, a 市区町村's
 * 圏域 by kind), or how many items it holds.
 */
function nestedText(value: Fields, entity: string): string {
  const entries = Object.entries(value).filter(([key]) => !NESTED_SKIPPED.has(key));
  if (entries.length === 1 && Array.isArray(entries[0]![1]) && entries[0]![1].length <= 3 && entries[0]![1].every(isFields)) {
    return (entries[0]![1] as Fields[]).map((v) => nestedText(v, entity)).join('／');
  }
  if (entries.every(([, v]) => typeof v !== 'object' || v === null || (isFields(v) && nameOf(v) !== null))) {
    return entries.map(([key, v]) => `${recordFieldLabel(entity, key)} ${formatAuditValue(key, v, entity)}`).join('、');
  }
  return `（${formatNumber(entries.length)}項目）`;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface AuditField {
  field: string;
  /** The field's Japanese name. */
  label: string;
  /** The old value, for a change; absent for a creation or deletion. */
  before?: string;
  value: string;
}

export interface AuditDescription {
  kind: 'created' | 'changed' | 'deleted';
  /** What the record is called (its name, 表題 or 手続き), or its id when it has none. */
  subject: string;
  fields: AuditField[];
}

export const AUDIT_KIND_LABELS: Record<AuditDescription['kind'], string> = { created: '追加', changed: '変更', deleted: '削除' };

function recordName(entry: Pick<AuditEntry, 'entity' | 'entityId' | 'before' | 'after'>): string {
  if (entry.entity === 'backup') return backupLabel(entry.entityId);
  for (const side of [entry.after, entry.before]) {
    if (!isFields(side)) continue;
    // A subsidy step goes by its center and its kind: 「新潟市医師会 交付決定」.
    if (typeof side.center === 'string' && typeof side.label === 'string') return `${side.center} ${side.label}`;
    // A project's amounts in a budget version: 「在宅医療推進センター事業（令和5年度 第1回補正）」.
    if (typeof side.project === 'string' && typeof side.version === 'string') return `${side.project}（${side.version}）`;
    const own = nameOf(side);
    if (own) return own;
    // An issued letter goes by its 文書番号: 「新医薬第1002号」.
    if (typeof side.documentNumber === 'string') return side.documentNumber;
    for (const key of ['center', 'target', 'round', 'version', 'purpose', 'number', 'code', 'content']) {
      const v = side[key];
      if (typeof v === 'string' && v !== '') return v;
    }
  }
  // Settings are named by what was set: 「表示名・所属」.
  if (entry.entity === 'settings') return entry.entityId.split(',').map(fieldLabel).join('・');
  return datedName(isFields(entry.after) ? entry.after : entry.before) ?? entry.entityId;
}

/**
 * A record of a year or of a day goes by its project, 医療分・介護分 or 市区町村, and its 年度 or 基準日:
 * 「在宅医療推進センター整備事業 令和5年度」, 「医療分 令和5年度」, 「新潟市 令和2年10月1日」.
 */
function datedName(side: unknown): string | null {
  if (!isFields(side)) return null;
  const when =
    typeof side.fiscalYear === 'number'
      ? formatAuditValue('fiscalYear', side.fiscalYear)
      : typeof side.municipality === 'string' && typeof side.baseDate === 'string'
        ? formatAuditValue('baseDate', side.baseDate)
        : null;
  if (when === null) return null;
  const project = isFields(side.fundProject) ? nameOf(side.fundProject) : null;
  const half = typeof side.side === 'string' ? FUND_SIDE_LABELS[side.side as keyof typeof FUND_SIDE_LABELS] : undefined;
  const municipality = typeof side.municipality === 'string' ? side.municipality : null;
  return [project, half, municipality, when].filter(Boolean).join(' ');
}

/** The shown fields of one side: filled ones only (an unset flag or empty list is not shown), hidden keys left out. */
function fieldsOf(entity: string, side: Fields): AuditField[] {
  return Object.entries(side)
    .filter(([key]) => !hidden(entity, key))
    .flatMap(([key, value]) =>
      itemized(entity, key, value)
        ? Object.entries(value).map(([name, v]) => ({ field: `${key}.${name}`, label: name, value: formatAuditValue(key, v, entity) }))
        : [{ field: key, label: recordFieldLabel(entity, key), value: formatAuditValue(key, value, entity) }].filter(
            (f) => f.value !== '—',
          ),
    );
}

/**
 * An entry as a person reads it. A change lists only the fields whose value
 * changed, with the old one; fields the operation did not record on its
 * "after" side are not part of the change and are left out.
 *
 * @example describeAuditEntry({ entity: 'fund_spending', entityId: '3', before: { amount: 100 }, after: { amount: 120 } })
 * // { kind: 'changed', subject: '3', fields: [{ field: 'amount', label: '金額', before: '100円', value: '120円' }] }
 */
export function describeAuditEntry(entry: Pick<AuditEntry, 'entity' | 'entityId' | 'before' | 'after'>): AuditDescription {
  const { entity, before, after } = entry;
  const subject = recordName(entry);
  if (after === null || after === undefined) return { kind: 'deleted', subject, fields: isFields(before) ? fieldsOf(entity, before) : [] };
  if (!isFields(after))
    return {
      kind: before === null ? 'created' : 'changed',
      subject,
      fields: [{ field: '', label: '内容', value: formatAuditValue('', after, entity) }],
    };
  if (before === null || before === undefined || !isFields(before)) return { kind: 'created', subject, fields: fieldsOf(entity, after) };
  // A change that records nothing before it replaced the whole content (a restore): what it set is all there is to say.
  if (Object.keys(before).length === 0) return { kind: 'changed', subject, fields: fieldsOf(entity, after) };
  const fields = Object.keys(after)
    .filter((key) => !hidden(entity, key) && !same(before[key] ?? null, after[key] ?? null))
    .flatMap((key) => changedField(entity, key, before[key], after[key]));
  return { kind: 'changed', subject, fields };
}

const isPlainList = (value: unknown): value is unknown[] => Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null);

/**
 * One changed field. A list of names or codes shows what joined and what left it
 * (a long list cut short would hide the change); a record of named values (a
 * round's 送付日 by target) shows each value that changed, under its name.
 */
function changedField(entity: string, key: string, before: unknown, after: unknown): AuditField[] {
  const label = recordFieldLabel(entity, key);
  // A replaced survey answer lists its own changes, each already 「前→後」.
  if (key === 'answerChanges') return [{ field: key, label, value: formatAuditValue(key, after, entity) }];
  if (itemized(entity, key, before) && itemized(entity, key, after)) {
    return Object.keys({ ...before, ...after })
      .filter((name) => !same(before[name] ?? null, after[name] ?? null))
      .map((name) => ({
        field: `${key}.${name}`,
        label: name,
        before: formatAuditValue(key, before[name], entity),
        value: formatAuditValue(key, after[name], entity),
      }));
  }
  if (isPlainList(before) && isPlainList(after)) {
    const added = after.filter((v) => !before.includes(v));
    const removed = before.filter((v) => !after.includes(v));
    const value = [
      ...(added.length > 0 ? [`${AUDIT_KIND_LABELS.created} ${formatAuditValue(key, added, entity)}`] : []),
      ...(removed.length > 0 ? [`${AUDIT_KIND_LABELS.deleted} ${formatAuditValue(key, removed, entity)}`] : []),
    ].join('／');
    return [{ field: key, label, value: value || '並べ替え' }];
  }
  if (key !== 'answers' && isFields(before) && isFields(after)) {
    // Names that changed alike go together: 「送付日: — → 令和6年4月10日（A、B）」.
    const changes = new Map<string, { before: string; after: string; names: string[] }>();
    for (const sub of Object.keys({ ...before, ...after })) {
      if (same(before[sub] ?? null, after[sub] ?? null)) continue;
      const was = formatAuditValue(key, before[sub], entity);
      const now = formatAuditValue(key, after[sub], entity);
      const change = changes.get(`${was}\u0000${now}`) ?? { before: was, after: now, names: [] };
      change.names.push(recordFieldLabel(entity, sub));
      changes.set(`${was}\u0000${now}`, change);
    }
    return [...changes.values()].map((c, i) => ({
      field: i === 0 ? key : `${key}.${i}`,
      label,
      before: c.before,
      value: `${c.after}（${formatAuditValue('', c.names, entity)}）`,
    }));
  }
  return [{ field: key, label, before: formatAuditValue(key, before, entity), value: formatAuditValue(key, after, entity) }];
}

/** 担当者: the display name with the OS user, or the OS user alone. */
export function auditPerson(entry: Pick<AuditEntry, 'displayName' | 'osUser'>): string {
  return entry.displayName ? `${entry.displayName}（${entry.osUser}）` : entry.osUser;
}

/** 対象: 「補助金の手続き 交付決定（新潟市医師会）」-style, the entity's name and the record's. */
export function auditTarget(
  entry: Pick<AuditEntry, 'entity' | 'entityId' | 'before' | 'after'>,
  description = describeAuditEntry(entry),
): string {
  return `${entityLabel(entry.entity)}「${description.subject}」`;
}

/** 変更内容 on one line: 「金額: 100円 → 120円、支払先: — → ○○」. */
export function auditChangeText(description: AuditDescription): string {
  if (description.fields.length === 0) return AUDIT_KIND_LABELS[description.kind];
  const parts = description.fields.map((f) => (f.before === undefined ? `${f.label}: ${f.value}` : `${f.label}: ${f.before} → ${f.value}`));
  return `${AUDIT_KIND_LABELS[description.kind]}　${parts.join('、')}`;
}

/** One entry as one line of text: 日時, 担当者, 操作, 対象, 変更内容 (the CLI prints these). */
export function auditLine(entry: AuditEntry): string {
  const description = describeAuditEntry(entry);
  return [
    formatTimestamp(entry.at),
    auditPerson(entry),
    operationLabel(entry.operation),
    auditTarget(entry, description),
    auditChangeText(description),
  ].join('　');
}
