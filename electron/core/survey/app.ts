/**
 * 調査 operations: definitions and versions, rounds and their targets, answers
 * with history, the response tracker, and the results by prefecture and area
 * with 前回比.
 */
import type { SurveyAggregateResult, SurveyComparisonResult } from '@shared/contract/survey';
import type { AreaKind } from '@shared/masters/model';
import { aggregateRound, compareRounds, MULTI_SHARE_RULE, RATIO_RULE, SHARE_RULE } from '@shared/survey/aggregate';
import { checkAnswers } from '@shared/survey/answers';
import type { Db, Trx } from '../kernel/db/schema';
import { handlers } from '../kernel/handlers';
import {
  answerDetail,
  definitionDetail,
  definitionSummaries,
  grouping,
  parseDefinition,
  previousRound,
  roundDetail,
  roundRow,
  type RoundRow,
  roundSummaries,
  roundSummary,
  targets,
  tracker,
  validResponses,
} from './read';
import * as write from './write';

/** One round's results (its valid answers), grouped by the areas of a kind when one is asked for. */
async function aggregateOf(db: Db | Trx, round: RoundRow, areaKind: AreaKind | undefined) {
  const definition = parseDefinition(round.body);
  const responses = await validResponses(db, round.id);
  if (!areaKind) return { definition, groups: [], aggregate: aggregateRound(definition, responses) };
  const ids = (await db.selectFrom('surveyRoundTarget').select('targetId').where('roundId', '=', round.id).execute()).map((r) => r.targetId);
  const { groups, groupOf } = await grouping(db, round.targetKind, areaKind, ids);
  return { definition, groups, aggregate: aggregateRound(definition, responses, { groupOf, order: groups.map((g) => g.key) }) };
}

export async function surveyAggregate(db: Db | Trx, roundId: number, areaKind?: AreaKind): Promise<SurveyAggregateResult> {
  const round = await roundRow(db, roundId);
  const { definition, groups, aggregate } = await aggregateOf(db, round, areaKind);
  return { round: await roundSummary(db, roundId), definition, areaKind: areaKind ?? null, groups, aggregate, rules: { share: SHARE_RULE, multi: MULTI_SHARE_RULE, ratio: RATIO_RULE } };
}

export async function surveyComparison(db: Db | Trx, roundId: number, areaKind?: AreaKind): Promise<SurveyComparisonResult> {
  const round = await roundRow(db, roundId);
  const previous = await previousRound(db, round);
  const current = await aggregateOf(db, round, areaKind);
  const comparison = previous ? compareRounds(current, await aggregateOf(db, previous, areaKind)) : null;
  return { current: await roundSummary(db, roundId), previous: previous ? await roundSummary(db, previous.id) : null, groups: current.groups, comparison, rule: RATIO_RULE };
}

export const surveyHandlers = handlers({
  'survey.definitions.list': async (_input, { db }) => definitionSummaries(db),
  'survey.definitions.get': async (input, { db }) => definitionDetail(db, input.id, input.version),
  'survey.definitions.save': async (input, ctx) => write.saveDefinition(ctx, input),
  'survey.targets.list': async (input, { db }) => targets(db, input.targetKind, { institutionKinds: input.institutionKinds }),
  'survey.rounds.list': async (input, { db }) => roundSummaries(db, input.definitionId),
  'survey.rounds.get': async (input, { db }) => roundDetail(db, input.id),
  'survey.rounds.create': async (input, ctx) => write.createRound(ctx, input),
  'survey.rounds.setTargets': async (input, ctx) => write.setTargets(ctx, input),
  'survey.rounds.markSent': async (input, ctx) => write.markSent(ctx, input),
  'survey.rounds.delete': async (input, ctx) => write.deleteRound(ctx, input.id),
  'survey.tracker': async (input, { db }) => tracker(db, input.roundId),
  'survey.answers.get': async (input, { db }) => answerDetail(db, input.roundId, input.targetId),
  'survey.answers.check': async (input, { db }) => checkAnswers(parseDefinition((await roundRow(db, input.roundId)).body), input.answers),
  'survey.answers.save': async (input, ctx) => write.saveAnswer(ctx, input),
  'survey.answers.saveMany': async (input, ctx) => write.saveAnswers(ctx, input),
  'survey.answers.delete': async (input, ctx) => write.deleteAnswer(ctx, input),
  'survey.aggregate': async (input, { db }) => surveyAggregate(db, input.roundId, input.areaKind),
  'survey.compare': async (input, { db }) => surveyComparison(db, input.roundId, input.areaKind),
});
