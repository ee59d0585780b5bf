/**
 * 調査: survey definitions with versions, rounds (a definition version + 年度 +
 * 基準日 + the targets it goes to), each target's answers with their history,
 * the response tracker, and the results by prefecture and by an area kind
 * with the comparison to the previous round.
 *
 * A target is named by a string id: a center's or institution's id as
 * decimal text ('12'), a municipality's 6-digit code ('151009').
 */
import { z } from 'zod';
import { fiscalYear, formatFiscalYear } from '../fiscal-year';
import type { AreaKind } from '../masters/model';
import { AREA_KINDS, INSTITUTION_KINDS } from '../masters/model';
import type { RoundAggregate, RoundComparison } from '../survey/aggregate';
import type { AnswerCheck, AnswerProblem, Answers } from '../survey/answers';
import { answersSchema } from '../survey/answers';
import type { SurveyDefinition, SurveyTargetKind } from '../survey/definition';
import { SURVEY_TARGET_KINDS, surveyDefinitionSchema } from '../survey/definition';
import { dateInYear, emptyInput, fiscalYearSchema, isoDateSchema, versionSchema } from './common';
import { lazySchema, mutation, query } from './define';

export const ANSWER_SOURCES = ['form', 'file'] as const;
export type AnswerSource = (typeof ANSWER_SOURCES)[number];
export const ANSWER_SOURCE_LABELS: Record<AnswerSource, string> = { form: '画面で入力', file: 'ファイルから取り込み' };

const id = lazySchema(() => z.number().int().positive());
const targetId = lazySchema(() => z.string().trim().min(1, { message: '対象を選んでください' }).max(20));

export interface SurveyTarget {
  id: string;
  kind: SurveyTargetKind;
  name: string;
  /** 医療機関コード or 団体コード; null for a center or an institution without one. */
  code: string | null;
  /** Where it is (an institution's municipality, a center's first); null when unknown. */
  municipalityName: string | null;
}

export interface SurveyDefinitionSummary {
  id: number;
  /** 'center_staffing' / 'clinic_home_care' for the shipped ones; null for the user's own. */
  key: string | null;
  name: string;
  targetKind: SurveyTargetKind;
  /** The newest version's number (1, 2, …). */
  version: number;
  /** Bumped by every save (SurveyDefinitionDetail.revision); sent back with survey.definitions.delete. */
  revision: number;
  rounds: number;
}

export interface SurveyDefinitionVersion {
  versionId: number;
  version: number;
  createdAt: string;
  rounds: number;
  answers: number;
}

export interface SurveyDefinitionDetail {
  id: number;
  key: string | null;
  versionId: number;
  /** The 版 shown (第2版: 2). */
  version: number;
  /**
   * Bumped by every save of the survey, also one that rewrites its newest 版 in place (so not the 版's number):
   * sent back with survey.definitions.save, which refuses a save over someone else's newer one.
   */
  revision: number;
  definition: SurveyDefinition;
  /** Oldest first. */
  versions: SurveyDefinitionVersion[];
}

export interface SurveyDefinitionSaveResult extends SurveyDefinitionDetail {
  /** true when answers existed on the newest version, so the change became a new version and old rounds keep theirs. */
  newVersion: boolean;
}

export interface SurveyTracker {
  targets: number;
  /** Targets whose form was sent (a workbook written, or marked sent). */
  sent: number;
  /** Targets with an answer stored. */
  returned: number;
  /** Returned without errors: what the results count. */
  valid: number;
  /** Returned but saved as 要確認 (with errors); not counted in the results. */
  withErrors: number;
  /** Targets with no answer, in the 台帳's order. */
  missing: SurveyTarget[];
  /** 「31 / 33 回答」. */
  label: string;
}

export interface SurveyRoundSummary {
  id: number;
  definitionId: number;
  definitionName: string;
  targetKind: SurveyTargetKind;
  versionId: number;
  version: number;
  fiscalYear: number;
  referenceDate: string;
  title: string;
  createdAt: string;
  tracker: SurveyTracker;
}

/**
 * What a round is called on the screens and in the audit log: its own title, or the survey's name with its 年度.
 * @example roundTitle({ title: '', definitionName: 'センター人員配置状況調査', fiscalYear: 2023 }) // '令和5年度 センター人員配置状況調査'
 */
export function roundTitle(round: Pick<SurveyRoundSummary, 'title' | 'definitionName' | 'fiscalYear'>): string {
  return round.title || `${formatFiscalYear(fiscalYear(round.fiscalYear))} ${round.definitionName}`;
}

export type AnswerStatus = 'missing' | 'valid' | 'errors';

export interface SurveyRoundTarget extends SurveyTarget {
  sentAt: string | null;
  status: AnswerStatus;
  warnings: number;
  savedAt: string | null;
  source: AnswerSource | null;
}

export interface SurveyRoundDetail extends SurveyRoundSummary {
  definition: SurveyDefinition;
  targets: SurveyRoundTarget[];
}

export interface SurveyAnswerRecord {
  answers: Answers;
  errors: AnswerProblem[];
  warnings: AnswerProblem[];
  source: AnswerSource;
  /** The workbook's file name for source 'file'. */
  fileName: string | null;
  /** ISO instant. */
  savedAt: string;
  /** The display name of who saved it (the audit log also has the OS user). */
  savedBy: string;
}

export interface SurveyAnswerHistoryEntry extends SurveyAnswerRecord {
  /** ISO instant it was replaced or withdrawn. */
  replacedAt: string;
  replacedBy: string;
}

export interface SurveyAnswerDetail {
  roundId: number;
  target: SurveyTarget;
  definition: SurveyDefinition;
  /** null until the target answers. */
  current: SurveyAnswerRecord | null;
  /** Sent back with a save (survey.answers.save): the current answer's, or the one a first answer takes. */
  version: number;
  /** Earlier answers of this round, newest first. */
  history: SurveyAnswerHistoryEntry[];
  /** The target's answers in the previous round of the same definition, kept to the questions asked alike (for pre-filling). */
  previous: { roundId: number; fiscalYear: number; answers: Answers } | null;
}

export interface SurveyGroup {
  /** The key used in the aggregate: an area's id as text, 'prefecture' for the 基幹 center (県全域), or '' for targets in no area of the kind. */
  key: string;
  name: string;
}

export interface SurveyAggregateResult {
  round: SurveyRoundSummary;
  definition: SurveyDefinition;
  areaKind: AreaKind | null;
  /** The 台帳 has no area of `areaKind` at all: no groups, the prefecture only (「圏域が未登録のため県全体のみ」). */
  noAreas: boolean;
  /** The groups in the 台帳's order, the unassigned last (none when `noAreas`). */
  groups: SurveyGroup[];
  aggregate: RoundAggregate;
  /** The rounding rules to print under the tables. */
  rules: { share: string; multi: string; ratio: string };
}

export interface SurveyComparisonResult {
  current: SurveyRoundSummary;
  /** The latest round of the same definition before this one (by 基準日); null for the first. */
  previous: SurveyRoundSummary | null;
  groups: SurveyGroup[];
  comparison: RoundComparison | null;
  rule: string;
}

const roundTarget = { roundId: id, targetId };

export const surveyOperations = {
  'survey.definitions.list': query<SurveyDefinitionSummary[]>('調査票の一覧')(() => emptyInput),
  'survey.definitions.get': query<SurveyDefinitionDetail>('調査票の表示')(() =>
    z.object({ id, version: z.number().int().positive().optional() }).strict(),
  ),
  /**
   * Without id: a new definition (a copy of another or a blank one: startDefinition, shared/survey/definition.ts).
   * With id: changes it (in place while no answer exists on its newest version, else as a new version). Names are unique.
   */
  'survey.definitions.save': mutation<SurveyDefinitionSaveResult>('調査票の保存')(() =>
    z
      .object({
        id: id.optional(),
        definition: surveyDefinitionSchema,
        /** The survey's revision the screen read (SurveyDefinitionDetail.revision); a save over a newer one is refused. */
        revision: versionSchema,
      })
      .strict(),
  ),
  /** Only the officer's own survey (not one Renkei ships) that no round uses. */
  'survey.definitions.delete': mutation<{ id: number }>('調査票の削除')(() => z.object({ id, revision: versionSchema }).strict()),
  /** Who a definition of this kind can go to, from the 台帳. */
  'survey.targets.list': query<SurveyTarget[]>('調査の相手の一覧')(() =>
    z.object({ targetKind: z.enum(SURVEY_TARGET_KINDS), institutionKinds: z.array(z.enum(INSTITUTION_KINDS)).default([]) }).strict(),
  ),
  'survey.rounds.list': query<SurveyRoundSummary[]>('調査の回の一覧')(() => z.object({ definitionId: id.optional() }).strict()),
  'survey.rounds.get': query<SurveyRoundDetail>('調査の回の表示')(() => z.object({ id }).strict()),
  /** A round of the definition's newest version; without targetIds it goes to every target of the kind (institutions: of the definition's kinds). */
  'survey.rounds.create': mutation<SurveyRoundDetail>('調査の回の作成')(() =>
    z
      .object({
        definitionId: id,
        fiscalYear: fiscalYearSchema,
        referenceDate: isoDateSchema,
        title: z.string().trim().max(100, { message: '回の名前は100文字以内で入力してください' }).default(''),
        targetIds: z.array(targetId).optional(),
      })
      .strict()
      .superRefine(dateInYear('surveyReference', 'referenceDate', '基準日')),
  ),
  /** Replaces the round's targets; a target that has answered cannot be removed. */
  'survey.rounds.setTargets': mutation<SurveyRoundDetail>('調査の相手の変更')(() =>
    z.object({ id, targetIds: z.array(targetId) }).strict(),
  ),
  /** Records that forms went out (a paper form, or workbooks written elsewhere). */
  'survey.rounds.markSent': mutation<SurveyRoundDetail>('調査票の送付の記録')(() =>
    z.object({ id, targetIds: z.array(targetId).min(1), sentOn: isoDateSchema }).strict(),
  ),
  /** Only a round without answers. */
  'survey.rounds.delete': mutation<{ id: number }>('調査の回の削除')(() => z.object({ id }).strict()),
  'survey.tracker': query<SurveyTracker>('回答状況の表示')(() => z.object({ roundId: id }).strict()),
  'survey.answers.get': query<SurveyAnswerDetail>('調査の回答の表示')(() => z.object(roundTarget).strict()),
  /** The errors and warnings of answers being typed, without saving. */
  'survey.answers.check': query<AnswerCheck>('調査の回答の確認')(() => z.object({ roundId: id, answers: answersSchema }).strict()),
  /**
   * Saves a target's answers typed in the app (source 'form'); the answer it
   * replaces goes to the history. Errors refuse the save unless `incomplete`
   * (saved as 要確認: returned, not valid, left out of the results).
   */
  'survey.answers.save': mutation<SurveyAnswerRecord>('調査の回答の保存')(() =>
    z.object({ ...roundTarget, answers: answersSchema, incomplete: z.boolean().default(false), version: versionSchema }).strict(),
  ),
  /**
   * Saves many targets' answers at once (a master sheet kept in Excel, pasted
   * in), all or none: any error refuses the whole batch with every problem,
   * each at ['entries', i, 'answers', question, row, column], unless `incomplete`.
   */
  'survey.answers.saveMany': mutation<SurveyAnswerRecord[]>('調査の回答の一括保存')(() =>
    z
      .object({
        roundId: id,
        entries: z
          .array(z.object({ targetId, answers: answersSchema, version: versionSchema }).strict())
          .min(1, { message: '回答を1件以上入力してください' })
          .max(5000),
        incomplete: z.boolean().default(false),
      })
      .strict(),
  ),
  /**
   * Withdraws a target's answer (kept in the history); the target counts as missing again. `version`: the answer's as
   * the screen showed it — refused when someone saved or withdrew it since.
   */
  'survey.answers.delete': mutation<{ roundId: number; targetId: string }>('調査の回答の削除')(() =>
    z.object({ ...roundTarget, version: versionSchema }).strict(),
  ),
  /** Results of the round's valid answers, for the prefecture and, with areaKind, per area of that kind. */
  'survey.aggregate': query<SurveyAggregateResult>('調査の集計')(() =>
    z.object({ roundId: id, areaKind: z.enum(AREA_KINDS).optional() }).strict(),
  ),
  /** 前回比 against the previous round of the same definition. */
  'survey.compare': query<SurveyComparisonResult>('調査の前回比較')(() =>
    z.object({ roundId: id, areaKind: z.enum(AREA_KINDS).optional() }).strict(),
  ),
};
