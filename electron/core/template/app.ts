/**
 * 独自様式 operations: one line per operation naming its function — reads in
 * read.ts, changes in write.ts, workbooks out in io.ts.
 */
import { CENTER_BLOCK, TEMPLATE_FIELDS, TEMPLATE_FUNCTIONS } from '@shared/template/vocabulary';
import { handlers } from '../kernel/handlers';
import * as io from './io';
import * as read from './read';
import * as write from './write';

export const templateHandlers = handlers({
  'template.vocabulary': async () => ({ fields: [...TEMPLATE_FIELDS], functions: [...TEMPLATE_FUNCTIONS], block: CENTER_BLOCK }),
  'template.list': async (_input, { db }) => read.templateSummaries(db),
  'template.register': async (input, ctx) => write.registerTemplate(ctx, input),
  'template.setDisabled': async (input, ctx) => write.setDisabled(ctx, input),
  'template.fill': async (input, ctx) => io.fillFile(input, ctx),
  'template.example': async () => io.exampleFile(),
});
