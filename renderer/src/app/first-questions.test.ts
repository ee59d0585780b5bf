/**
 * The first questions a window asks before React draws: the association's desktop window, whose role no page tells,
 * never asks for the prefecture's home (app.home), which its role may not read; the prefecture's still gets it.
 */
import { describe, expect, it } from 'vitest';
import type { Role } from '@shared/contract/roles';
import { bridgeTransport, createClient, type Transport } from '../api/client';
import { askFirstQuestions } from './first-questions';

/** A core that answers the session with `role` and refuses app.home to the association, as the real one does; each call recorded. */
function standInCore(role: Role) {
  const asked: string[] = [];
  const call: Transport['call'] = async (name) => {
    asked.push(name);
    if (name === 'accounts.session') return { ok: true, value: { login: 'x', displayName: '', role, associationId: null, shared: true } };
    if (name === 'app.home' && role === 'assoc')
      return {
        ok: false,
        error: {
          code: 'refused',
          message: '医師会・事務局の役割では「ホームの今年度の状況」はできません。必要なときは県の担当者に依頼してください。',
        },
      };
    return { ok: true, value: {} };
  };
  return { asked, call };
}

const desktop = (core: ReturnType<typeof standInCore>) =>
  createClient(
    bridgeTransport({
      call: (name, input) => core.call(name, input),
      pickDatabaseFile: async () => null,
      onEditCommand: () => () => undefined,
      onOtherChanges: () => () => undefined,
    }),
  );
const served = (core: ReturnType<typeof standInCore>): Transport => ({ kind: 'http', call: core.call });
const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the desktop window’s first questions', () => {
  it('asks the frame’s, and not the prefecture’s home, for the association, on the home', async () => {
    const core = standInCore('assoc');
    askFirstQuestions(desktop(core), '#/', null);
    await settled();
    expect(core.asked.sort()).toEqual(['accounts.session', 'app.history', 'app.summary', 'settings.get']);
  });

  it('asks the home’s too for the prefecture, once the session says the role may read it', async () => {
    const core = standInCore('pref_staff');
    askFirstQuestions(desktop(core), '', null);
    await settled();
    expect(core.asked.at(-1)).toBe('app.home');
    expect(core.asked.sort()).toEqual(['accounts.session', 'app.history', 'app.home', 'app.summary', 'settings.get']);
  });

  it('asks no home’s question opened on another screen', async () => {
    const core = standInCore('pref_staff');
    askFirstQuestions(desktop(core), '#/audit', null);
    await settled();
    expect(core.asked).not.toContain('app.home');
  });
});

describe('the served page’s first questions (unchanged)', () => {
  it('asks the home’s at once when the page does not say the role (a file), and not when it says the association', async () => {
    const file = standInCore('pref_staff');
    askFirstQuestions(createClient(served(file)), '#/', null);
    expect(file.asked).toContain('app.home');
    const association = standInCore('assoc');
    askFirstQuestions(createClient(served(association)), '#/', 'assoc');
    await settled();
    expect(association.asked).not.toContain('app.home');
  });
});
