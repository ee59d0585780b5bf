/**
 * Which fields of which mutations name another record, and of what kind. The
 * core checks every one before the handler runs, so an unknown id or code is
 * a field error the form can show (「医師会: 指定された医師会（id 999）はあ
 * りません…」), never a failed database constraint. A test walks every
 * mutation's schema and fails on a field that looks like a reference and is
 * neither declared here nor the record's own key.
 */
import type { OpName } from './index';

/** The kinds of record a field can name, with what the user calls them. */
export const REFERENCE_KINDS = {
  municipality: '市区町村',
  area: '圏域',
  association: '医師会',
  center: 'センター',
  institution: '医療機関',
  fundCategory: '基金の区分',
  fundProject: '基金の事業',
  fundVersion: '予算の版',
  surveyDefinition: '調査',
  surveyRound: '調査の回',
  meetingBody: '会議体',
  meeting: '会議',
} as const;

export type ReferenceKind = keyof typeof REFERENCE_KINDS;

/**
 * A field's path in the parsed input; '*' stands for every element of a list
 * or every value of a record. Null values are no reference and are skipped.
 */
export interface ReferenceField {
  path: readonly string[];
  kind: ReferenceKind;
}

const ref = (path: string, kind: ReferenceKind): ReferenceField => ({ path: path.split('.'), kind });

export const REFERENCES: Partial<Record<OpName, readonly ReferenceField[]>> = {
  'masters.municipalities.save': [ref('areas.*', 'area')],
  'masters.populations.save': [ref('municipalityCode', 'municipality')],
  'masters.areas.save': [ref('parentId', 'area')],
  'masters.areas.setMembers': [ref('municipalityCodes.*', 'municipality')],
  'masters.associations.save': [ref('municipalityCodes.*', 'municipality')],
  'masters.centers.save': [ref('operatorAssociationId', 'association'), ref('municipalityCodes.*', 'municipality')],
  'masters.linkage.save': [
    ref('municipalityCode', 'municipality'),
    ref('items.*.centerId', 'center'),
    ref('items.*.jointWith.*', 'municipality'),
  ],
  'masters.institutions.save': [ref('municipalityCode', 'municipality')],
  'masters.designations.save': [
    ref('institutionId', 'institution'),
    ref('areaId', 'area'),
    ref('partnerInstitutionIds.*', 'institution'),
    ref('partnerStationIds.*', 'institution'),
  ],
  'fund.projects.save': [ref('categoryCode', 'fundCategory'), ref('associationId', 'association'), ref('municipalityCode', 'municipality')],
  'fund.amounts.save': [ref('versionId', 'fundVersion'), ref('lines.*.projectId', 'fundProject')],
  'fund.spending.save': [ref('projectId', 'fundProject')],
  'fund.import.commit': [ref('versionId', 'fundVersion')],
  'fund.evaluation.save': [ref('projectId', 'fundProject')],
  'subsidy.rules.save': [ref('fundProjectId', 'fundProject'), ref('programs.*.caps.*.areaId', 'area')],
  'subsidy.steps.add': [ref('centerId', 'center')],
  'subsidy.taxCredit.save': [ref('centerId', 'center')],
  'survey.rounds.create': [ref('definitionId', 'surveyDefinition')],
  'survey.answers.save': [ref('roundId', 'surveyRound')],
  'survey.answers.saveMany': [ref('roundId', 'surveyRound')],
  'survey.answers.delete': [ref('roundId', 'surveyRound')],
  'survey.forms.write': [ref('roundId', 'surveyRound')],
  'survey.forms.zip': [ref('roundId', 'surveyRound')],
  'survey.forms.file': [ref('roundId', 'surveyRound')],
  'survey.files.commit': [ref('roundId', 'surveyRound')],
  'meeting.save': [ref('bodyId', 'meetingBody'), ref('areaIds.*', 'area'), ref('municipalityCodes.*', 'municipality')],
  'deck.save': [ref('meetingId', 'meeting')],
};
