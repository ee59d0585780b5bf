/**
 * What each role may do: every operation of the contract names the permission
 * it needs (the table is typed by the contract, so a new operation without
 * one fails to compile), and the kernel refuses the others with the
 * operation's label and the role. PostgreSQL enforces the same a second time
 * (GRANTs and row-level security, kernel/db/roles.ts), so a person who
 * connects with psql gets no more than the app gives them.
 */
import { isIssuedLetter, LETTER_LABELS, type LetterKind, letterOfSet } from '../subsidy/letters';
import { STEP_KIND_LABELS, type StepKind } from '../subsidy/lifecycle';
import type { OpName } from './index';
import { ROLE_LABELS, type Role } from './roles';

/**
 * - any: everyone, always (nothing shared is read or changed: progress, the session, which file to open).
 * - read: every role; on a server the association's rows are narrowed to its centers by the database itself.
 * - read.prefecture: the prefecture's people (基金, the audit log, backups).
 * - write.association: 県・担当 and 医師会・事務局 (center records, 交付申請・実績報告, survey answers, activity records).
 * - write: 県・担当 only.
 */
export type Permission = 'any' | 'read' | 'read.prefecture' | 'write.association' | 'write';

export const PERMITTED_ROLES: Record<Permission, readonly Role[]> = {
  any: ['pref_staff', 'pref_viewer', 'assoc'],
  read: ['pref_staff', 'pref_viewer', 'assoc'],
  'read.prefecture': ['pref_staff', 'pref_viewer'],
  'write.association': ['pref_staff', 'assoc'],
  write: ['pref_staff'],
};

/** The steps the association enters for its centers; decisions, payments and 額の確定 are the prefecture's. */
export const ASSOCIATION_STEP_KINDS: readonly StepKind[] = ['application', 'change_application', 'actual_report'];

/**
 * What only the prefecture sets on a center, with the names the drawer gives them: its 区分 and 運営主体, its 補助区分
 * (which 基準額 of 交付要綱 別表1 it gets) and the municipalities it covers (its 二次医療圏, whose ＩＣＴ 上限額 it
 * shares). The association keeps the rest of its centers' records (name, 委託先, 開始日, 連絡先).
 */
export const PREFECTURE_CENTER_FIELDS = {
  role: '区分',
  operatorAssociationId: '運営主体',
  subsidyClass: '補助区分',
  municipalityCodes: '対象市町村',
} as const;
export type PrefectureCenterField = keyof typeof PREFECTURE_CENTER_FIELDS;

/** Whether `role` may change a center's PREFECTURE_CENTER_FIELDS: those who may change anything, not the association. */
export function setsCenterTerms(role: Role): boolean {
  return PERMITTED_ROLES.write.includes(role);
}

/** A rule that depends on the input: the permission, and what the refusal names beside the operation's label. */
type InputRule = (input: never) => { permission: Permission; what: string };
export type Rule = Permission | InputRule;

const stepRule = ((input: { kind: StepKind }) => ({
  permission: ASSOCIATION_STEP_KINDS.includes(input.kind) ? 'write.association' : 'write',
  what: STEP_KIND_LABELS[input.kind],
})) as InputRule;

/**
 * A letter a center submits (交付申請書, 実績報告書 …) is what the association prints and sends for the centers it
 * runs (the core keeps it to those); a letter the prefecture issues, numbered from its 文書番号 register, is the prefecture's.
 */
const letterRule = (kind: LetterKind | null): { permission: Permission; what: string } => ({
  permission: kind !== null && !isIssuedLetter(kind) ? 'read' : 'read.prefecture',
  what: kind === null ? '' : LETTER_LABELS[kind],
});
// A screen asking without naming the set is told the prefecture's rule.
const letterSetRule = ((input: { name?: string }) => letterRule(letterOfSet(input.name ?? ''))) as InputRule;
const letterDataRule = ((input: { kind: LetterKind }) => letterRule(input.kind)) as InputRule;

export const PERMISSIONS = {
  'accounts.session': 'any',
  'accounts.list': 'read.prefecture',
  'accounts.add': 'write',
  'accounts.resetPassword': 'write',
  'accounts.setRole': 'write',
  'accounts.disable': 'write',
  'accounts.enable': 'write',

  // Every role: the open database (the header, 閲覧専用); the section counts only for the prefecture's people.
  'app.summary': 'read',
  'app.home': 'read.prefecture',
  // The association's own home: its centers, their steps and the rounds they owe (no 基金).
  'app.associationHome': 'read',
  'app.history': 'any',
  'app.undo': 'write',
  'app.redo': 'write',
  'app.demo.load': 'write',
  'app.jobs.progress': 'any',
  'app.jobs.cancel': 'any',
  'app.writeWait': 'any',
  'database.open': 'any',
  'settings.get': 'any',
  'settings.update': 'write',

  'audit.list': 'read.prefecture',
  'audit.entities': 'read.prefecture',
  'audit.people': 'read.prefecture',
  'audit.export': 'read.prefecture',
  'backup.list': 'read.prefecture',
  'backup.create': 'write',
  'backup.restore': 'write',
  'backup.moveToShared': 'write',
  'backup.copyToFile': 'write',

  'masters.import.preview': 'write',
  'masters.import.commit': 'write',
  'masters.import.template': 'read',
  'masters.export': 'read',
  'masters.overview': 'read',
  'masters.prefecture.save': 'write',
  'masters.municipalities.list': 'read',
  'masters.municipalities.get': 'read',
  'masters.municipalities.save': 'write',
  'masters.municipalities.delete': 'write',
  'masters.populations.save': 'write',
  'masters.populations.delete': 'write',
  'masters.areas.list': 'read',
  'masters.areas.save': 'write',
  'masters.areas.delete': 'write',
  'masters.areas.setMembers': 'write',
  'masters.associations.list': 'read',
  'masters.associations.save': 'write',
  'masters.associations.delete': 'write',
  'masters.centers.list': 'read',
  'masters.centers.save': 'write.association',
  'masters.centers.delete': 'write',
  'masters.linkage.list': 'read',
  'masters.linkage.years': 'read',
  'masters.linkage.save': 'write.association',
  'masters.institutions.list': 'read',
  'masters.institutions.get': 'read',
  'masters.institutions.save': 'write',
  'masters.institutions.delete': 'write',
  'masters.designations.list': 'read',
  'masters.designations.save': 'write',
  'masters.designations.delete': 'write',
  'masters.demo.load': 'write',

  'report.list': 'read',
  'report.doc': 'read',
  'report.render': 'read',
  'report.pack': 'read.prefecture',
  // Read from the audit log's head (when, who): what the association may read of it too.
  'report.packs': 'read',
  // Letters, one per center: the association prints those its centers submit.
  'report.set': letterSetRule,

  'fund.categories.list': 'read.prefecture',
  'fund.projects.list': 'read.prefecture',
  'fund.projects.save': 'write',
  'fund.projects.history': 'read.prefecture',
  'fund.projects.delete': 'write',
  'fund.year': 'read.prefecture',
  'fund.versions.create': 'write',
  'fund.versions.update': 'write',
  'fund.versions.delete': 'write',
  'fund.versions.compare': 'read.prefecture',
  'fund.amounts.save': 'write',
  'fund.spending.list': 'read.prefecture',
  'fund.spending.save': 'write',
  'fund.spending.delete': 'write',
  'fund.balance': 'read.prefecture',
  'fund.import.preview': 'write',
  'fund.import.commit': 'write',
  'fund.import.workbook': 'read.prefecture',
  'fund.years.save': 'write',
  'fund.years.delete': 'write',
  'fund.evaluation.get': 'read.prefecture',
  'fund.evaluation.save': 'write',
  'fund.planText.get': 'read.prefecture',
  'fund.planText.save': 'write',

  'subsidy.rules.years': 'read',
  'subsidy.rules.get': 'read',
  'subsidy.rules.save': 'write',
  'subsidy.rules.copy': 'write',
  'subsidy.year': 'read',
  'subsidy.center': 'read',
  'subsidy.calculate': 'read',
  'subsidy.steps.add': stepRule,
  'subsidy.steps.deleteLast': 'write.association',
  'subsidy.taxCredit.save': 'write.association',
  'subsidy.calc': 'read',
  'subsidy.simulate': 'read.prefecture',
  'subsidy.import.template': 'read',
  'subsidy.import.preview': 'write',
  'subsidy.import.commit': 'write',
  'subsidy.exchange.applications.file': 'read',
  'subsidy.exchange.applications.preview': 'write',
  'subsidy.exchange.applications.commit': 'write',
  'subsidy.exchange.decisions.file': 'read.prefecture',
  'subsidy.exchange.decisions.preview': 'write',
  'subsidy.exchange.decisions.commit': 'write',
  'subsidy.register.get': 'read.prefecture',
  'subsidy.register.save': 'write',
  'subsidy.letters.data': letterDataRule,
  'subsidy.letters.issue': 'write',

  'survey.forms.write': 'write',
  'survey.forms.zip': 'write',
  'survey.forms.file': 'write',
  'survey.files.preview': 'write.association',
  'survey.files.commit': 'write.association',
  'survey.definitions.list': 'read',
  'survey.definitions.get': 'read',
  'survey.definitions.save': 'write',
  'survey.definitions.delete': 'write',
  'survey.targets.list': 'read',
  'survey.rounds.list': 'read',
  'survey.rounds.get': 'read',
  'survey.rounds.create': 'write',
  'survey.rounds.setTargets': 'write',
  'survey.rounds.markSent': 'write',
  'survey.rounds.delete': 'write',
  'survey.tracker': 'read',
  'survey.answers.get': 'read',
  'survey.answers.check': 'read',
  'survey.answers.save': 'write.association',
  'survey.answers.saveMany': 'write.association',
  'survey.answers.delete': 'write.association',
  'survey.aggregate': 'read',
  'survey.compare': 'read',
  'survey.activity.openYear': 'write',
  'survey.activity.summary': 'read',

  // 会議・研修 are the prefecture's records: the association's login is granted none of their tables.
  'meeting.bodies.list': 'read.prefecture',
  'meeting.bodies.save': 'write',
  'meeting.bodies.delete': 'write',
  'meeting.years': 'read.prefecture',
  'meeting.list': 'read.prefecture',
  'meeting.get': 'read.prefecture',
  'meeting.nextNumber': 'read.prefecture',
  'meeting.save': 'write',
  'meeting.delete': 'write',
  'meeting.actions.open': 'read.prefecture',
  'meeting.organizations': 'read.prefecture',
  'meeting.trainings.list': 'read.prefecture',
  'meeting.trainings.save': 'write',
  'meeting.trainings.delete': 'write',

  'template.vocabulary': 'read',
  // Only the prefecture fills a 様式 (template.fill), so only it lists them; the association's login is granted no template table.
  'template.list': 'read.prefecture',
  'template.register': 'write',
  'template.setDisabled': 'write',
  // Fills a 様式 with any of the figures, 基金 among them.
  'template.fill': 'read.prefecture',
  'template.example': 'read',

  // Slides and handouts show 基金 figures among the others.
  'deck.list': 'read.prefecture',
  'deck.get': 'read.prefecture',
  'deck.blocks': 'read.prefecture',
  'deck.slide': 'read.prefecture',
  'deck.preview': 'read.prefecture',
  'deck.save': 'write',
  'deck.delete': 'write',
  'deck.handout': 'read.prefecture',
  // A copy of the whole database (基金 included) written beside it, never into it.
  'deck.meetingCopy': 'read.prefecture',
} satisfies Record<OpName, Rule>;

/**
 * Null when `role` may run the operation; otherwise the refusal, naming the
 * operation (with what the input asks, where the rule depends on it) and the role.
 */
export function refusalFor(name: OpName, label: string, role: Role, input: unknown): string | null {
  const rule: Rule = PERMISSIONS[name];
  const { permission, what }: { permission: Permission; what: string } =
    typeof rule === 'function' ? (rule as (i: unknown) => ReturnType<InputRule>)(input) : { permission: rule, what: '' };
  if (PERMITTED_ROLES[permission].includes(role)) return null;
  const op = what ? `${label}（${what}）` : label;
  return `${ROLE_LABELS[role]}の役割では「${op}」はできません。必要なときは県の担当者に依頼してください。`;
}
