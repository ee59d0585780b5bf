/**
 * Reading the audit log: the entities it records, filters by person, section,
 * record and dates, and its export to Excel. Entries are written by the
 * core's mutation path, its commands, and the one query that sends something
 * out of the office (the 提出資料一式, kernel `recordOutput`).
 */
import { z } from 'zod';
import type { SectionId } from '../sections';
import { emptyInput, type FileOut, isoDateSchema } from './common';
import { lazySchema, query } from './define';

/**
 * Every kind of record the audit log names, by the section of the app it
 * belongs to. `ctx.audit` (and `core.recordOutput`) takes only these; each has its Japanese name in
 * shared/glossary.ts (a missing one fails to compile).
 */
export const AUDIT_ENTITY_SECTIONS = {
  prefecture: 'masters',
  municipality: 'masters',
  population: 'masters',
  area: 'masters',
  association: 'masters',
  center: 'masters',
  linkage: 'masters',
  institution: 'masters',
  designation: 'masters',
  fund_project: 'fund',
  fund_budget_version: 'fund',
  fund_budget_amount: 'fund',
  fund_spending: 'fund',
  fund_year: 'fund',
  fund_evaluation: 'fund',
  fund_plan_text: 'fund',
  subsidy_rules: 'subsidy',
  subsidy_budget_override: 'subsidy',
  subsidy_step: 'subsidy',
  subsidy_exchange: 'subsidy',
  subsidy_tax_credit: 'subsidy',
  document_series: 'subsidy',
  document_register: 'subsidy',
  survey_definition: 'survey',
  survey_round: 'survey',
  survey_answer: 'survey',
  meeting_body: 'meeting',
  meeting: 'meeting',
  meeting_action_item: 'meeting',
  training: 'meeting',
  template: 'report',
  deck: 'report',
  pack: 'report',
  settings: 'settings',
  backup: 'settings',
  database: 'settings',
  account: 'settings',
} as const satisfies Record<string, SectionId>;

export type AuditEntity = keyof typeof AUDIT_ENTITY_SECTIONS;
export const AUDIT_ENTITIES = Object.keys(AUDIT_ENTITY_SECTIONS) as AuditEntity[];
/** The sections a filter may name: those with audited records, in sidebar order. */
export const AUDIT_SECTIONS = [
  'masters',
  'fund',
  'subsidy',
  'survey',
  'meeting',
  'report',
  'settings',
] as const satisfies readonly SectionId[];
export type AuditSection = (typeof AUDIT_SECTIONS)[number];

export function entitiesOfSection(section: AuditSection): AuditEntity[] {
  return AUDIT_ENTITIES.filter((e) => AUDIT_ENTITY_SECTIONS[e] === section);
}

export interface AuditEntry {
  id: number;
  /** ISO instant (UTC). */
  at: string;
  osUser: string;
  displayName: string;
  operation: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export const auditFilterSchema = lazySchema(() =>
  z
    .object({
      /** 担当者: the display name, or the OS user when the entry has no display name. */
      person: z.string().trim().min(1).optional(),
      section: z.enum(AUDIT_SECTIONS).optional(),
      entity: z.enum(AUDIT_ENTITIES as [AuditEntity, ...AuditEntity[]], { message: '対象の種類を一覧から選んでください' }).optional(),
      /** One record: its id as the log keeps it (with `entity`). */
      entityId: z.string().trim().min(1).optional(),
      from: isoDateSchema.optional(),
      to: isoDateSchema.optional(),
    })
    .strict(),
);

const checkRange = <T extends { from?: string; to?: string }>(v: T) => !v.from || !v.to || v.from <= v.to;
const rangeMessage = { message: '開始日は終了日以前にしてください', path: ['from'] };

export const auditListInput = lazySchema(() =>
  auditFilterSchema
    .extend({
      limit: z.number().int().min(1).max(1000).default(100),
      offset: z.number().int().min(0).default(0),
    })
    .refine(checkRange, rangeMessage),
);

export type AuditFilter = z.input<typeof auditFilterSchema>;

export const auditOperations = {
  'audit.list': query<{ entries: AuditEntry[]; total: number }>('監査ログの表示')(() => auditListInput),
  'audit.entities': query<AuditEntity[]>('監査ログの対象一覧')(() => emptyInput),
  /** Everyone who appears in the log, for the 担当者 filter. */
  'audit.people': query<string[]>('監査ログの担当者一覧')(() => emptyInput),
  /** The filtered log as a workbook: one row per entry, with the changes in Japanese. */
  'audit.export': query<FileOut>('監査ログの書き出し')(() => auditFilterSchema.refine(checkRange, rangeMessage)),
};
