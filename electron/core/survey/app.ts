/**
 * 調査 operations: one line per operation naming its function — reads and
 * results in read.ts, changes in write.ts, forms out and back in io.ts.
 * The workbook operations sit here too, so the domain has one map, and so
 * does センター活動実績 (activity.ts), a use of the same rounds and answers.
 */
import { handlers } from '../kernel/handlers';
import { readFirst } from '../kernel/jobs/read-first';
import { readUploadedWorkbooks } from '../kernel/jobs/uploads';
import * as activity from './activity';
import * as io from './io';
import * as read from './read';
import * as write from './write';

export const surveyHandlers = handlers({
  'survey.definitions.list': async (_input, { db }) => read.definitionSummaries(db),
  'survey.definitions.get': async (input, { db }) => read.definitionDetail(db, input.id, input.version),
  'survey.definitions.save': async (input, ctx) => write.saveDefinition(ctx, input),
  'survey.definitions.delete': async (input, ctx) => write.deleteDefinition(ctx, input),
  'survey.targets.list': async (input, { db }) => read.targets(db, input.targetKind, { institutionKinds: input.institutionKinds }),
  'survey.rounds.list': async (input, { db }) => read.roundSummaries(db, { definitionId: input.definitionId }),
  'survey.rounds.get': async (input, { db }) => read.roundDetail(db, input.id),
  'survey.rounds.create': async (input, ctx) => write.createRound(ctx, input),
  'survey.rounds.setTargets': async (input, ctx) => write.setTargets(ctx, input),
  'survey.rounds.markSent': async (input, ctx) => write.markSent(ctx, input),
  'survey.rounds.delete': async (input, ctx) => write.deleteRound(ctx, input.id),
  'survey.tracker': async (input, { db }) => read.tracker(db, input.roundId),
  'survey.answers.get': async (input, { db }) => read.answerDetail(db, input.roundId, input.targetId),
  'survey.answers.check': async (input, { db }) => read.checkRoundAnswers(db, input.roundId, input.answers),
  'survey.answers.save': async (input, ctx) => write.saveAnswer(ctx, input),
  'survey.answers.saveMany': async (input, ctx) => write.saveAnswers(ctx, input),
  'survey.answers.delete': async (input, ctx) => write.deleteAnswer(ctx, input),
  'survey.aggregate': async (input, { db }) => read.surveyAggregate(db, input.roundId, input.areaKind),
  'survey.compare': async (input, { db }) => read.surveyComparison(db, input.roundId, input.areaKind),

  'survey.forms.write': async (input, ctx) => io.writeForms(input, ctx),
  'survey.forms.zip': async (input, ctx) => io.zipOfForms(input, ctx),
  'survey.forms.file': async (input, ctx) => io.formFile(input, ctx),
  'survey.files.preview': readFirst(readUploadedWorkbooks, io.previewReturned),
  'survey.files.commit': readFirst(io.readReturnedForCommit, io.commitReturned),

  'survey.activity.openYear': async (input, ctx) => activity.openYear(ctx, input.fiscalYear),
  'survey.activity.summary': async (input, { db }) => activity.activitySummary(db, input.fiscalYear, input.areaKind),
});
