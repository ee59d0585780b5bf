/**
 * The clients of the shared-mode benchmark (shared.ts), each its own Core and
 * so its own connection, as twenty people with Renkei open would be. A client
 * edits one record of one kind — a 基金 amount cell, a center's subsidy steps,
 * a survey answer — over and over: it reads the record, saves its change with
 * the version it read and, refused for a newer change, reads again and
 * retries. Each change writes a marker of its own (a 基金 amount, a payment's
 * 指令番号, a text answer), so the saves can be chained afterwards
 * (lost-updates.ts). Run in child processes: `bench.cjs --shared-child`
 * reads its orders as one JSON line on stdin, answers {ready}, starts on the
 * line `go <end time>` and answers with its results.
 */
import readline from 'node:readline';
import { Core } from '@core/core';
import type { PgConnection } from '@core/kernel/db/postgres';
import { type AcceptedSave, isConflictRefusal } from './lost-updates';

export const EDIT_KINDS = ['fund', 'subsidy', 'survey'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

export const EDIT_KIND_LABELS: Record<EditKind, string> = {
  fund: '基金 cells (fund.amounts.save)',
  subsidy: 'subsidy steps (subsidy.steps.add)',
  survey: 'survey answers (survey.answers.save)',
};

/** The records the clients edit, all of one fiscal year of the demo. */
export interface SharedFixture {
  fiscalYear: number;
  /** Lines of the year's newest 基金 budget version (医療分). */
  fund: { versionId: number; projectIds: number[] };
  /** Centers decided and not yet paid in full: each save adds a 1-yen 概算払. */
  subsidy: { centerIds: number[] };
  /** Targets that answered the year's center staffing round. */
  survey: { roundId: number; targetIds: string[] };
}

/** One record of one kind: the index into the fixture's list of that kind. */
export interface RecordRef {
  kind: EditKind;
  record: number;
}

/** What a client read: the version to save with and the marker of the state it saw. */
interface Read {
  version: number;
  marker: string;
  save: (core: Core, marker: string) => Promise<void>;
}

/** Reads a record as a screen would, and how to save a change over it. */
export async function readRecord(core: Core, fixture: SharedFixture, ref: RecordRef): Promise<Read> {
  const { fiscalYear } = fixture;
  switch (ref.kind) {
    case 'fund': {
      const { versionId } = fixture.fund;
      const projectId = fixture.fund.projectIds[ref.record]!;
      const line = (await core.call('fund.year', { side: 'medical', fiscalYear, versionId })).amounts[projectId]!;
      const { splitOverride: _s, version, national: _n, prefectural: _p, ...amounts } = line;
      return {
        version,
        marker: String(line.otherAmount),
        save: async (c, marker) => {
          await c.call('fund.amounts.save', { versionId, lines: [{ ...amounts, projectId, otherAmount: Number(marker), version }] });
        },
      };
    }
    case 'subsidy': {
      const centerId = fixture.subsidy.centerIds[ref.record]!;
      const center = await core.call('subsidy.center', { centerId, fiscalYear });
      const last = center.steps.at(-1)!;
      return {
        version: center.version,
        marker: last.orderNo || `#${last.id}`,
        save: async (c, marker) => {
          await c.call('subsidy.steps.add', {
            centerId,
            version: center.version,
            fiscalYear,
            kind: 'payment',
            datedOn: last.datedOn,
            amount: 1,
            orderNo: marker,
          });
        },
      };
    }
    case 'survey': {
      const { roundId } = fixture.survey;
      const targetId = fixture.survey.targetIds[ref.record]!;
      const answer = await core.call('survey.answers.get', { roundId, targetId });
      const answers = answer.current!.answers;
      return {
        version: answer.version,
        marker: typeof answers.director_post_other === 'string' ? answers.director_post_other : '(demo)',
        save: async (c, marker) => {
          await c.call('survey.answers.save', {
            roundId,
            targetId,
            answers: { ...answers, director_post: 'other', director_post_other: marker },
            version: answer.version,
          });
        },
      };
    }
  }
}

/** A new marker for a client's n-th change: a 基金 amount in yen (unique per client and change), or a short text. */
function markerFor(kind: EditKind, client: number, n: number): string {
  return kind === 'fund' ? String((client + 1) * 1_000_000 + n) : `bench-${client}-${n}`;
}

export interface ClientResult extends RecordRef {
  client: number;
  accepted: AcceptedSave[];
  conflicts: number;
  /** Refusals other than the version conflict with its message (each a failure), at most a few kept. */
  otherRefusals: string[];
  otherRefusalCount: number;
  /** Milliseconds of each save, accepted or refused. */
  latencies: number[];
}

async function runClient(core: Core, fixture: SharedFixture, client: number, ref: RecordRef, end: number): Promise<ClientResult> {
  const result: ClientResult = { ...ref, client, accepted: [], conflicts: 0, otherRefusals: [], otherRefusalCount: 0, latencies: [] };
  for (let n = 1; Date.now() < end; n += 1) {
    const read = await readRecord(core, fixture, ref);
    const marker = markerFor(ref.kind, client, n);
    const started = performance.now();
    try {
      await read.save(core, marker);
      result.accepted.push({ basedOn: read.marker, wrote: marker });
    } catch (error) {
      if (isConflictRefusal(error)) result.conflicts += 1;
      else {
        result.otherRefusalCount += 1;
        if (result.otherRefusals.length < 3) result.otherRefusals.push(String((error as Error).message ?? error));
      }
    }
    result.latencies.push(performance.now() - started);
  }
  return result;
}

/** Orders for one child process. */
export interface ChildOrders {
  open: { dbPath: string } | { connection: PgConnection; workDir: string };
  fixture: SharedFixture;
  clients: ({ client: number } & RecordRef)[];
}

function say(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** `bench.cjs --shared-child`: opens a Core per client, waits for `go <end>`, runs them, prints {results}. */
export async function runSharedChild(): Promise<void> {
  const input = readline.createInterface({ input: process.stdin });
  const lines = input[Symbol.asyncIterator]();
  const orders = JSON.parse((await lines.next()).value as string) as ChildOrders;
  const cores = await Promise.all(orders.clients.map((c) => Core.open({ ...orders.open, osUser: `bench-${c.client}` })));
  try {
    say({ ready: true });
    const go = (await lines.next()).value as string;
    const end = Number(go.split(' ')[1]);
    const results = await Promise.all(
      orders.clients.map(({ client, ...ref }, i) => runClient(cores[i]!, orders.fixture, client, ref, end)),
    );
    say({ results });
  } finally {
    input.close();
    for (const core of cores) await core.close();
  }
}
