/**
 * 補助金 operations, one line each: the 要綱 of each year, the year's
 * overview of every center, a center's steps and calculation sheets, adding
 * and undoing steps, the 試算 under an edited 要綱, and the import of a
 * year's applications.
 */
import { handlers } from '../kernel/handlers';
import type { Job } from '../kernel/jobs/job';
import { readFirst } from '../kernel/jobs/read-first';
import { readUploadedWorkbooks } from '../kernel/jobs/uploads';
import { reportContext } from '../kernel/report-definition';
import { commitExchange, exchangeFile, previewExchange } from './exchange';
import { commitImport, importTemplate, previewImport, readApplicationsUpload } from './io';
import { subsidyLetters } from './letters';
import { calculate, centerResult, rulesRecord, rulesYears, simulate, yearCalculation, yearResult } from './read';
import { issueLetters, readRegister, saveSeries } from './register';
import * as write from './write';

/** An exchange workbook read into its cells off the queue, as a returned survey form is. */
const readOneWorkbook = async (input: { fileName: string; data: string }, job: Job) =>
  (await readUploadedWorkbooks({ files: [{ fileName: input.fileName, data: input.data }] }, job))[0]!;

export const subsidyHandlers = handlers({
  'subsidy.calc': async (input, { db }) => yearCalculation(db, input.fiscalYear),
  'subsidy.rules.years': async (_input, { db }) => rulesYears(db),
  'subsidy.rules.get': async (input, { db, core }) => rulesRecord(db, input.fiscalYear, core.session.role !== 'assoc'),
  'subsidy.rules.save': async (input, { db, audit, core }) => write.saveRules(db, input, audit, core.clock()),
  'subsidy.rules.copy': async (input, { db, audit, core }) => write.copyRules(db, input.from, input.to, audit, core.clock()),
  'subsidy.year': async (input, { db, core }) => yearResult(db, input.fiscalYear, core.session.role !== 'assoc'),
  'subsidy.center': async (input, { db, core }) => centerResult(db, input.centerId, input.fiscalYear, core.session.role === 'assoc'),
  'subsidy.calculate': async (input, { db, core }) => calculate(db, input, core.session.role === 'assoc'),
  'subsidy.steps.add': async (input, ctx) => write.addCenterStep(ctx, input),
  'subsidy.taxCredit.save': async (input, ctx) => write.saveTaxCredit(ctx, input),
  'subsidy.steps.deleteLast': async (input, { db, audit, core }) =>
    write.deleteCenterStep(db, input, audit, core.clock(), core.session.role),
  'subsidy.simulate': async (input, { db }) => simulate(db, input.fiscalYear, input.rules),
  'subsidy.register.get': async (input, { db }) => readRegister(db, input.fiscalYear),
  'subsidy.register.save': async (input, { db, audit, core }) => saveSeries(db, input, audit, core.clock()),
  'subsidy.letters.data': async (input, { db, core }) => subsidyLetters(await reportContext(db, core), input),
  'subsidy.letters.issue': async (input, { db, audit, actor, core }) => issueLetters(db, input, audit, actor, core.clock()),
  'subsidy.import.template': async (input, { db }) => importTemplate(db, input.fiscalYear),
  'subsidy.import.preview': readFirst(readApplicationsUpload, async (input, ctx, table) => previewImport(ctx, input.fiscalYear, table)),
  'subsidy.import.commit': readFirst(readApplicationsUpload, async (input, ctx, table) => commitImport(ctx, input, table)),
  'subsidy.exchange.applications.file': async (input, { db }) => exchangeFile(db, 'applications', input.fiscalYear, input.associationId),
  'subsidy.exchange.applications.preview': readFirst(readOneWorkbook, async (input, { db }, book) =>
    previewExchange(db, 'applications', input.fiscalYear, input.fileName, book),
  ),
  'subsidy.exchange.applications.commit': readFirst(readOneWorkbook, async (input, ctx, book) =>
    commitExchange(ctx, 'applications', input, book),
  ),
  'subsidy.exchange.decisions.file': async (input, { db }) => exchangeFile(db, 'decisions', input.fiscalYear, input.associationId),
  'subsidy.exchange.decisions.preview': readFirst(readOneWorkbook, async (input, { db }, book) =>
    previewExchange(db, 'decisions', input.fiscalYear, input.fileName, book),
  ),
  'subsidy.exchange.decisions.commit': readFirst(readOneWorkbook, async (input, ctx, book) =>
    commitExchange(ctx, 'decisions', input, book),
  ),
});
