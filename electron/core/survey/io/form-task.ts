/**
 * Writing a round's forms on a worker thread (kernel/jobs/offload.ts): the
 * workbooks are pure work on the answers given, no database, and by the
 * thousand they are most of the time a round's forms take; the batch is
 * split across the workers, one part each.
 */
import type { DomainTask } from '@core/kernel/jobs/worker';
import type { SurveyDefinition } from '@shared/survey/definition';
import { type FormInput, type FormRound, writeForm } from './form';
import { formLayout } from './layout';

/** What a part of a batch sends: the round's parts once, then each target's own. */
export interface FormsPayload {
  definition: SurveyDefinition;
  round: FormRound;
  contact: string;
  forms: Pick<FormInput, 'target' | 'identity' | 'digest' | 'prefill'>[];
}

/** Writes each form of a part in order; the workbooks go back as buffers handed over, not copied. */
export async function writeFormsOf(payload: FormsPayload, onForm?: (done: number) => void): Promise<Uint8Array[]> {
  const layout = formLayout(payload.definition);
  const out: Uint8Array[] = [];
  for (const form of payload.forms) {
    out.push(await writeForm({ ...form, definition: payload.definition, layout, round: payload.round, contact: payload.contact }));
    onForm?.(out.length);
  }
  return out;
}

export const writeFormsTask: DomainTask = async (payload: FormsPayload, progress) => {
  const label = '調査票を作っています';
  progress(label, 0, payload.forms.length);
  const bytes = await writeFormsOf(payload, (done) => {
    if (done % 20 === 0) progress(label, done, payload.forms.length);
  });
  // A Buffer from exceljs may share a larger pool: each form goes over in its own buffer.
  const own = bytes.map((b) => new Uint8Array(b));
  return { value: own, transfer: own.map((b) => b.buffer) };
};
