/**
 * The operation contract: every operation the core offers, by name, with its
 * input schema and result type. One map, used by the core to register
 * handlers, by the loopback host and IPC to validate, and by the renderer's
 * typed client.
 */
import type { z } from 'zod';
import { accountsOperations } from './accounts';
import { auditOperations } from './audit';
import { backupOperations } from './backup';
import { deckOperations } from './deck';
import type { OpDef, OpKind } from './define';
import { fundOperations } from './fund';
import { historyOperations } from './history';
import { homeOperations } from './home';
import { jobOperations } from './jobs';
import { mastersOperations } from './masters';
import { mastersIoOperations } from './masters-io';
import { meetingOperations } from './meeting';
import { reportOperations } from './report';
import { settingsOperations } from './settings';
import { subsidyOperations } from './subsidy';
import { surveyOperations } from './survey';
import { surveyActivityOperations } from './survey-activity';
import { surveyIoOperations } from './survey-io';
import { templateOperations } from './template';

export const operations = {
  ...homeOperations,
  ...accountsOperations,
  ...jobOperations,
  ...settingsOperations,
  ...auditOperations,
  ...historyOperations,
  ...backupOperations,
  ...mastersOperations,
  ...mastersIoOperations,
  ...reportOperations,
  ...fundOperations,
  ...subsidyOperations,
  ...surveyOperations,
  ...surveyIoOperations,
  ...meetingOperations,
  ...templateOperations,
  ...surveyActivityOperations,
  ...deckOperations,
} satisfies Record<string, OpDef>;

export type Operations = typeof operations;
export type OpName = keyof Operations;
/** What a caller passes (defaults may be omitted). */
export type OpInput<N extends OpName> = z.input<Operations[N]['input']>;
/** What a handler receives, after validation and defaults. */
export type OpParsedInput<N extends OpName> = z.output<Operations[N]['input']>;
export type OpOutput<N extends OpName> = Operations[N] extends OpDef<z.ZodType, infer O, OpKind> ? O : never;

export function isOpName(name: string): name is OpName {
  return Object.hasOwn(operations, name);
}

/** An operation's name as the user reads it; a name this version no longer has (an old log line) is shown as it was recorded. */
export function operationLabel(operation: string): string {
  return isOpName(operation) ? operations[operation].label : operation;
}

export type { Account, Role, Session } from './accounts';
export { ROLE_LABELS, ROLES } from './accounts';
export type { AuditEntity, AuditEntry, AuditFilter, AuditSection } from './audit';
export { AUDIT_ENTITIES, AUDIT_ENTITY_SECTIONS, AUDIT_SECTIONS, entitiesOfSection } from './audit';
export type { BackupInfo, BackupReason } from './backup';
export { BACKUP_REASON_LABELS, backupLabel } from './backup';
export type { FileOut, ImportCellError, ImportPreview, ImportResult, ImportRowResult, ImportStatus } from './common';
export { fiscalYearSchema, isoDateSchema } from './common';
export * from './define';
export * from './errors';
export type { ChangeSummary, UndoState } from './history';
export type { AssociationCenter, AssociationHome, AssociationRound, DatabaseInfo, HomeAgenda, HomeSummary, SectionCount } from './home';
export type { JobProgress, WriteWait } from './jobs';
export { JOB_CANCELLED_MESSAGE } from './jobs';
export type {
  AreaRef,
  AreaSummary,
  CenterRow,
  DesignationRow,
  InstitutionRow,
  MastersOverview,
  MunicipalityRow,
  PopulationTotals,
} from './masters';
export type { ExportKind, ImportKind } from './masters-io';
export { EXPORT_KINDS, IMPORT_KIND_LABELS, IMPORT_KINDS } from './masters-io';
export type { PackFile, PackMade, PackResult, RenderedReport, ReportFormat, ReportInfo, ReportParams } from './report';
export { REPORT_FORMATS } from './report';
export type { Settings, TableDensity } from './settings';
export { DEFAULT_SETTINGS, settingsSchema, TABLE_DENSITIES, TABLE_DENSITY_LABELS } from './settings';
export { parseInput } from './validate';
