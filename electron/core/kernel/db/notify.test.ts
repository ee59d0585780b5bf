/**
 * Other people's changes on a shared database: a core hears what another
 * committed (LISTEN/NOTIFY), the kinds of record it changed turn stale in its
 * indexes, and nothing is heard of a change that rolled back or of its own.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import type { AuditEntity } from '@shared/contract';
import { freshPgDatabase, skipWithoutPg, twoCores } from '@tests/support/engines';
import { newFundProject } from '@tests/support/seed';
import { tempDir } from '@tests/support/tmp';
import { Core } from '../../core';
import { announceChange, listenForChanges } from './notify';

const project = newFundProject('（架空）訪問診療の研修', 2024);

describe('changes announced on a shared database', () => {
  if (skipWithoutPg()) return;

  it("tells a core about another core's committed change, and not about its own or a refused one", async () => {
    const [a, b] = await twoCores('postgres');
    const heardByA: number[] = [];
    a.onOtherChanges(() => heardByA.push(a.revision));
    const heard = new Promise<void>((resolve) => b.onOtherChanges(resolve));
    const fundBefore = b.revisionOf('fund_project');
    const subsidyBefore = b.revisionOf('subsidy_step');

    // Refused (no 事業名): rolled back, so never announced.
    await expect(a.call('fund.projects.save', { ...project, name: '' })).rejects.toMatchObject({ code: 'validation' });
    await a.call('fund.projects.save', project);
    await heard;

    expect(b.revisionOf('fund_project')).toBeGreaterThan(fundBefore);
    // An index of other records stays valid.
    expect(b.revisionOf('subsidy_step')).toBe(subsidyBefore);
    // B's own save is news to A, A's to B only: A heard nothing of itself.
    const heardBack = new Promise<void>((resolve) => a.onOtherChanges(resolve));
    await b.call('settings.update', { displayName: '田中' });
    await heardBack;
    expect(heardByA).toHaveLength(1);
  });

  it('carries the kinds of record changed, and only once the transaction commits', async () => {
    const { connection, drop } = await freshPgDatabase();
    const core = await Core.open({ connection, workDir: tempDir() });
    const notices: (AuditEntity[] | null)[] = [];
    let arrived: () => void = () => undefined;
    const stop = await listenForChanges(connection, 'listener', (entities) => {
      notices.push(entities);
      arrived();
    });
    onTestFinished(async () => {
      await stop();
      await core.close();
      await drop();
    });
    const next = () => new Promise<void>((resolve) => (arrived = resolve));

    await core.database
      .transaction()
      .execute(async (trx) => {
        await announceChange(trx, 'someone', ['center']);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    let waiting = next();
    await core.database.transaction().execute((trx) => announceChange(trx, 'someone', ['fund_project', 'fund_project', 'center']));
    await waiting;
    // The rolled-back announcement never arrived: the first one heard is the committed one.
    expect(notices).toEqual([['fund_project', 'center']]);

    waiting = next();
    await core.database.transaction().execute((trx) => announceChange(trx, 'someone', null));
    await waiting;
    expect(notices.at(-1)).toBeNull();
  });
});
