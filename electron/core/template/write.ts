/**
 * Changing 独自様式, each change in the audit log: a workbook registered (a
 * new name, or the next version of a name already there — versions are never
 * changed, so what a document was filled from stays known), and a 様式 taken
 * out of use or put back.
 */
import crypto from 'node:crypto';
import { RenkeiError } from '@shared/contract';
import type { TemplateSummary } from '@shared/contract/template';
import type { MutationContext } from '../kernel/context';
import { templateSummary } from './read';
import { loadTemplateWorkbook, refusal, scanTemplate } from './workbook';

type Ctx = Pick<MutationContext, 'db' | 'audit' | 'core' | 'actor'>;

/** What the audit log keeps of a version: enough to know it again (its digest), not its bytes. */
function audited(summary: TemplateSummary, sha256: string) {
  return { name: summary.name, version: summary.version, fileName: summary.fileName, sha256, placeholders: summary.placeholders.length };
}

export async function registerTemplate(
  ctx: Ctx,
  input: { name: string; fileName: string; data: string; note: string },
): Promise<TemplateSummary> {
  const { db } = ctx;
  const bytes = Buffer.from(input.data, 'base64');
  if (bytes.length === 0) throw new RenkeiError('validation', `「${input.fileName}」は空のファイルです。`);
  const scan = scanTemplate(await loadTemplateWorkbook(bytes, input.fileName));
  if (scan.problems.length > 0) throw refusal(scan.problems);

  const at = ctx.core.clock().toISOString();
  const existing = await db.selectFrom('template').select(['id']).where('name', '=', input.name).executeTakeFirst();
  const before = existing ? await templateSummary(db, existing.id) : null;
  const id =
    existing?.id ??
    Number((await db.insertInto('template').values({ name: input.name, createdAt: at }).returning('id').executeTakeFirstOrThrow()).id);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  await db
    .insertInto('templateVersion')
    .values({
      templateId: id,
      version: (before?.version ?? 0) + 1,
      fileName: input.fileName,
      content: bytes.toString('base64'),
      sha256,
      byteSize: bytes.length,
      placeholders: JSON.stringify({ uses: scan.uses, perCenter: scan.perCenter }),
      note: input.note,
      createdAt: at,
      createdBy: ctx.actor.displayName || ctx.actor.osUser,
    })
    .execute();
  const after = await templateSummary(db, id);
  const previous = before
    ? await db
        .selectFrom('templateVersion')
        .select('sha256')
        .where('templateId', '=', id)
        .where('version', '=', before.version)
        .executeTakeFirstOrThrow()
    : null;
  ctx.audit({
    entity: 'template',
    entityId: id,
    before: before && previous ? audited(before, previous.sha256) : null,
    after: audited(after, sha256),
  });
  return after;
}

export async function setDisabled(ctx: Ctx, input: { id: number; disabled: boolean }): Promise<TemplateSummary> {
  const before = await templateSummary(ctx.db, input.id);
  if (before.disabled === input.disabled) return before;
  await ctx.db
    .updateTable('template')
    .set({ disabled: input.disabled ? 1 : 0 })
    .where('id', '=', input.id)
    .execute();
  const after = await templateSummary(ctx.db, input.id);
  ctx.audit({
    entity: 'template',
    entityId: input.id,
    before: { name: before.name, disabled: before.disabled },
    after: { name: after.name, disabled: after.disabled },
  });
  return after;
}
