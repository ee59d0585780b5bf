/** Reading the audit log. Entries are written by the core's mutation path only. */
import { z } from 'zod';
import { query } from './define';
import { emptyInput, isoDateSchema } from './schemas';

export interface AuditEntry {
  id: number;
  /** ISO instant (UTC). */
  at: string;
  osUser: string;
  displayName: string;
  operation: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

export const auditListInput = z
  .object({
    entity: z.string().optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    limit: z.number().int().min(1).max(1000).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .strict()
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: '開始日は終了日以前にしてください', path: ['from'] });

export const auditOperations = {
  'audit.list': query<{ entries: AuditEntry[]; total: number }>()(auditListInput),
  'audit.entities': query<string[]>()(emptyInput),
};
