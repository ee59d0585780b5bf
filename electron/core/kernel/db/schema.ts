/**
 * The database schema as Kysely sees it (camelCase here, snake_case in SQLite
 * through CamelCasePlugin). Each domain adds its tables here and a migration.
 */
import type { Generated, Kysely, Transaction } from 'kysely';
import type { FiscalYear } from '@shared/fiscal-year';

export interface SettingTable {
  key: string;
  /** JSON text. */
  value: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  /** ISO instant (UTC). */
  at: string;
  osUser: string;
  displayName: string;
  operation: string;
  entity: string;
  entityId: string;
  /** JSON text, null when the entity did not exist before. */
  beforeJson: string | null;
  /** JSON text, null when the entity was deleted. */
  afterJson: string | null;
}

export interface PrefectureTable {
  id: number;
  code: string;
  name: string;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts, migration 0020). */
  version: Generated<number>;
}

export interface MunicipalityTable {
  code: string;
  name: string;
  kana: string;
  type: string;
  designatedCity: number;
  coreCity: number;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts, migration 0018). */
  version: Generated<number>;
}

export interface PopulationTable {
  municipalityCode: string;
  baseDate: string;
  total: number;
  age65: number;
  age75: number;
  age85: number;
  areaCentiKm2: number | null;
}

export interface AreaTable {
  id: Generated<number>;
  kind: string;
  name: string;
  parentId: number | null;
  sortOrder: number;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts, migration 0018). */
  version: Generated<number>;
}

export interface AreaMemberTable {
  areaId: number;
  areaKind: string;
  municipalityCode: string;
}

export interface MedicalAssociationTable {
  id: Generated<number>;
  name: string;
  kind: string;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts, migration 0018). */
  version: Generated<number>;
}

export interface AssociationMemberTable {
  associationId: number;
  municipalityCode: string;
}

export interface CenterTable {
  id: Generated<number>;
  name: string;
  role: string;
  operatorAssociationId: number | null;
  entrustedTo: string;
  startDate: string | null;
  contact: string;
  subsidyClass: string;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts, migration 0018). */
  version: Generated<number>;
  /** Bumped by every step added or taken back, in any year: what two people entering steps race on. */
  stepsVersion: Generated<number>;
}

export interface CenterMemberTable {
  centerId: number;
  municipalityCode: string;
}

export interface LinkageItemTable {
  municipalityCode: string;
  fiscalYear: number;
  item: string;
  mode: string;
  centerId: number | null;
  entrustedBody: string;
  /** JSON array of municipality codes. */
  jointWith: string;
  note: string;
  /** The municipality's year of items, saved together, shares one; bumped by every save (migration 0020). */
  version: Generated<number>;
}

export interface InstitutionTable {
  id: Generated<number>;
  code: string | null;
  name: string;
  kind: string;
  municipalityCode: string | null;
  address: string;
  homeCareSupport: number;
  enhanced: number;
  beds: number | null;
  searchKey: string;
  /** The name as the list orders it, numbers by value (institutionNameOrder, migration 0031). */
  nameOrder: string;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts, migration 0018). */
  version: Generated<number>;
}

export interface DesignationTable {
  id: Generated<number>;
  institutionId: number;
  areaId: number;
  designatedOn: string;
  /** JSON array of five booleans, ①〜⑤. */
  requirements: string;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts, migration 0018). */
  version: Generated<number>;
}

export interface DesignationPartnerTable {
  designationId: number;
  institutionId: number;
  role: 'institution' | 'station';
}

export interface FundCategoryTable {
  code: string;
  label: string;
  sortOrder: number;
}

export interface FundProjectTable {
  id: Generated<number>;
  side: string;
  number: string;
  name: string;
  categoryCode: string;
  operatorKind: string;
  operatorName: string;
  associationId: number | null;
  municipalityCode: string | null;
  startFy: FiscalYear;
  endFy: FiscalYear | null;
  content: string;
  goal: Generated<string>;
  targetArea: Generated<string>;
  needs: Generated<string>;
  outcomeOutputLink: Generated<string>;
  remarks: Generated<string>;
  periodStart: string | null;
  periodEnd: string | null;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts). */
  version: Generated<number>;
}

export interface FundIndicatorTable {
  id: Generated<number>;
  projectId: number;
  kind: string;
  label: string;
  unit: string;
  baselineHundredths: number | null;
  targetHundredths: number | null;
  actualHundredths: number | null;
  sortOrder: number;
  baselineOn: string | null;
  targetOn: string | null;
}

export interface FundBudgetVersionTable {
  id: Generated<number>;
  side: string;
  fiscalYear: number;
  kind: string;
  label: string;
  datedOn: string;
  reason: string;
  seq: number;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts, migration 0018). */
  version: Generated<number>;
}

export interface FundBudgetAmountTable {
  versionId: number;
  projectId: number;
  fundAmount: number;
  national: number;
  prefectural: number;
  otherAmount: number;
  publicAmount: number;
  privateAmount: number;
  entrustedAmount: number;
  splitOverride: number;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts, migration 0018). */
  version: Generated<number>;
}

export interface FundSpendingTable {
  id: Generated<number>;
  projectId: number;
  fiscalYear: number;
  spentOn: string;
  amount: number;
  payee: string;
  purpose: string;
  voucherNo: string;
  source: string;
  sourceRef: string | null;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts, migration 0018). */
  version: Generated<number>;
}

export interface FundYearTable {
  side: string;
  fiscalYear: number;
  openingBalance: number | null;
  nationalContribution: number;
  prefecturalContribution: number;
  investmentIncome: number;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts, migration 0018). */
  version: Generated<number>;
}

export interface FundEvaluationTable {
  projectId: number;
  fiscalYear: number;
  assessment: string;
  implementation: Generated<string>;
  outcomeObserved: number | null;
  outcomeNote: Generated<string>;
  alternativeIndicator: Generated<string>;
  effectiveness: Generated<string>;
  efficiency: Generated<string>;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts, migration 0019). */
  version: Generated<number>;
}

export interface FundPlanTextTable {
  id: Generated<number>;
  fiscalYear: number;
  version: number;
  /** JSON text: the sections by key. */
  sectionsJson: string;
  savedAt: string;
}

export interface SubsidyRulesTable {
  fiscalYear: number;
  title: string;
  fundProjectId: number | null;
  /** JSON text: { roundingUnit, programs }. */
  rulesJson: string;
  /** Bumped by each save that changes rulesJson. */
  revision: Generated<number>;
  /** ISO instant of the revision. */
  savedAt: string;
  /** The standard 交付の条件; '' = the program's own. */
  conditions: Generated<string>;
  /** The 補助金等交付規則 the letters cite; '' = 「{都道府県}補助金等交付規則」 (migration 0026). */
  regulationName: Generated<string>;
  /** The 要綱's article asking for the 仕入控除税額報告書 (第9条); '' = the 要綱 does not ask for it. */
  taxCreditArticle: Generated<string>;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts, migration 0018). */
  version: Generated<number>;
}

/** A center's 仕入控除税額 of a year, as it reports it after its tax return. */
export interface SubsidyTaxCreditTable {
  id: Generated<number>;
  centerId: number;
  fiscalYear: number;
  reportedOn: string;
  /** 仕入控除税額 */
  creditAmount: number;
  /** 返還相当額: the part of the 仕入控除税額 that the subsidy paid for. */
  refundAmount: number;
  enteredBy: string;
  createdAt: string;
}

export interface DocumentSeriesRegisterTable {
  fiscalYear: number;
  prefix: string;
  nextNumber: number;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts, migration 0019). */
  version: Generated<number>;
}

export interface DocumentRegisterTable {
  id: Generated<number>;
  /** The series' year: the 年度 the letter is dated in. */
  fiscalYear: number;
  /** The subsidy year the letter concerns. */
  subsidyYear: number;
  number: number;
  documentNumber: string;
  issuedOn: string;
  letterKind: string;
  document: string;
  addressee: string;
  centerId: number;
  stepId: number;
  dueOn: string | null;
  issuedBy: string;
  createdAt: string;
}

export interface SubsidyStepTable {
  id: Generated<number>;
  centerId: number;
  fiscalYear: number;
  kind: string;
  datedOn: string;
  orderNo: string;
  amount: number;
  /** JSON text, or null for a step without amounts per program. */
  inputsJson: string | null;
  reason: string;
  override: number;
  overrideReason: Generated<string>;
  /** JSON text: the 要綱 the amounts were computed under (RulesSnapshot), with inputsJson or neither. */
  rulesJson: string | null;
  enteredBy: string;
  createdAt: string;
}

export interface SurveyDefinitionTable {
  id: Generated<number>;
  key: string | null;
  /** Its newest 版's name, under a unique index: two saves at once cannot both take a name (migration 0030). */
  name: string;
  createdAt: string;
  /** Bumped by every save of the definition (not its 版's number); a save that read an older one is refused (kernel/versions.ts, migration 0024). */
  version: Generated<number>;
}

export interface SurveyDefinitionVersionTable {
  id: Generated<number>;
  definitionId: number;
  version: number;
  name: string;
  targetKind: string;
  /** JSON of the whole SurveyDefinition. */
  body: string;
  createdAt: string;
}

export interface SurveyRoundTable {
  id: Generated<number>;
  definitionId: number;
  versionId: number;
  fiscalYear: number;
  referenceDate: string;
  title: string;
  createdAt: string;
}

export interface SurveyRoundTargetTable {
  roundId: number;
  targetId: string;
  token: string;
  sentAt: string | null;
}

export interface SurveyAnswerTable {
  roundId: number;
  targetId: string;
  /** JSON of Answers. */
  answers: string;
  /** JSON arrays of AnswerProblem. */
  errors: string;
  warnings: string;
  errorCount: number;
  source: string;
  fileName: string | null;
  savedAt: string;
  savedBy: string;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts, migration 0018). */
  version: Generated<number>;
}

export interface SurveyAnswerHistoryTable {
  id: Generated<number>;
  roundId: number;
  targetId: string;
  answers: string;
  errors: string;
  warnings: string;
  source: string;
  fileName: string | null;
  savedAt: string;
  savedBy: string;
  replacedAt: string;
  replacedBy: string;
}

export interface MeetingBodyTable {
  id: Generated<number>;
  name: string;
  sortOrder: Generated<number>;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts, migration 0019). */
  version: Generated<number>;
}

export interface MeetingTable {
  id: Generated<number>;
  bodyId: number;
  fiscalYear: number;
  number: number;
  heldOn: string;
  startTime: string;
  endTime: string;
  place: string;
  online: number;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts, migration 0019). */
  version: Generated<number>;
}

export interface MeetingScopeTable {
  id: Generated<number>;
  meetingId: number;
  areaId: number | null;
  municipalityCode: string | null;
}

export interface MeetingAttendeeTable {
  id: Generated<number>;
  meetingId: number;
  seq: number;
  name: string;
  organization: string;
  category: string;
  role: string;
  attendance: string;
  proxyName: string;
}

export interface MeetingAgendaItemTable {
  id: Generated<number>;
  meetingId: number;
  seq: number;
  title: string;
  minutes: string;
}

export interface MeetingDecisionTable {
  id: Generated<number>;
  meetingId: number;
  seq: number;
  text: string;
}

export interface MeetingActionItemTable {
  id: Generated<number>;
  meetingId: number;
  seq: number;
  content: string;
  owner: string;
  dueOn: string | null;
  status: string;
  closedMeetingId: number | null;
}

export interface TrainingTable {
  id: Generated<number>;
  title: string;
  kind: string;
  heldOn: string;
  fiscalYear: number;
  organizer: string;
  target: string;
  place: string;
  roster: string;
  evaluationJson: string | null;
  note: string;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts, migration 0019). */
  version: Generated<number>;
}

export interface TrainingParticipantTable {
  id: Generated<number>;
  trainingId: number;
  seq: number;
  profession: string;
  count: number;
}

/** 独自様式: a prefecture's own workbook, by name (migration 0010). */
export interface TemplateTable {
  id: Generated<number>;
  name: string;
  disabled: Generated<number>;
  createdAt: string;
}

export interface AccountTable {
  login: string;
  displayName: string;
  role: string;
  associationId: number | null;
  disabled: Generated<number>;
  createdAt: string;
}

/** One registered workbook of a 様式; never changed once written. */
export interface TemplateVersionTable {
  id: Generated<number>;
  templateId: number;
  version: number;
  fileName: string;
  /** The .xlsx, base64. */
  content: string;
  sha256: string;
  byteSize: number;
  /** JSON array of TemplatePlaceholderUse. */
  placeholders: string;
  note: Generated<string>;
  createdAt: string;
  createdBy: string;
}

export interface DeckTable {
  id: Generated<number>;
  title: string;
  /** The meeting it is for (a foreign key; null for a deck of no meeting, or of one since deleted). */
  meetingId: number | null;
  createdAt: string;
  updatedAt: string;
  /** Bumped by every save; a save that read an older one is refused (kernel/versions.ts, migration 0019). */
  version: Generated<number>;
}

export interface DeckSlideTable {
  id: Generated<number>;
  deckId: number;
  position: number;
  kind: string;
  /** JSON. */
  body: string;
  notes: Generated<string>;
}

/** The mark of a read-only meeting copy: one row there, none in a working database. */
export interface ReadOnlyCopyTable {
  /** IsoDate the copy shows the data as of. */
  asOf: string;
  /** ISO instant the copy was taken. */
  takenAt: string;
  /** The database file it was taken from (its name only). */
  source: string;
  /** JSON array. */
  leftOut: Generated<string>;
}

export interface Database {
  setting: SettingTable;
  auditLog: AuditLogTable;
  prefecture: PrefectureTable;
  municipality: MunicipalityTable;
  population: PopulationTable;
  area: AreaTable;
  areaMember: AreaMemberTable;
  medicalAssociation: MedicalAssociationTable;
  associationMember: AssociationMemberTable;
  center: CenterTable;
  centerMember: CenterMemberTable;
  linkageItem: LinkageItemTable;
  institution: InstitutionTable;
  designation: DesignationTable;
  designationPartner: DesignationPartnerTable;
  fundCategory: FundCategoryTable;
  fundProject: FundProjectTable;
  fundIndicator: FundIndicatorTable;
  fundBudgetVersion: FundBudgetVersionTable;
  fundBudgetAmount: FundBudgetAmountTable;
  fundSpending: FundSpendingTable;
  fundYear: FundYearTable;
  fundEvaluation: FundEvaluationTable;
  fundPlanText: FundPlanTextTable;
  subsidyRules: SubsidyRulesTable;
  subsidyStep: SubsidyStepTable;
  subsidyTaxCredit: SubsidyTaxCreditTable;
  documentSeriesRegister: DocumentSeriesRegisterTable;
  documentRegister: DocumentRegisterTable;
  surveyDefinition: SurveyDefinitionTable;
  surveyDefinitionVersion: SurveyDefinitionVersionTable;
  surveyRound: SurveyRoundTable;
  surveyRoundTarget: SurveyRoundTargetTable;
  surveyAnswer: SurveyAnswerTable;
  surveyAnswerHistory: SurveyAnswerHistoryTable;
  meetingBody: MeetingBodyTable;
  meeting: MeetingTable;
  meetingScope: MeetingScopeTable;
  meetingAttendee: MeetingAttendeeTable;
  meetingAgendaItem: MeetingAgendaItemTable;
  meetingDecision: MeetingDecisionTable;
  meetingActionItem: MeetingActionItemTable;
  training: TrainingTable;
  trainingParticipant: TrainingParticipantTable;
  template: TemplateTable;
  templateVersion: TemplateVersionTable;
  deck: DeckTable;
  deckSlide: DeckSlideTable;
  readOnlyCopy: ReadOnlyCopyTable;
  account: AccountTable;
}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Where a read may run: the database or a transaction on it. */
export type Reader = Db | Trx;
