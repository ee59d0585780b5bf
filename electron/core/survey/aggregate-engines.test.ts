/**
 * A clinic round's results by 二次医療圏 on both engines: every valid answer
 * in exactly one group, the whole the sum of the groups, and the summary the
 * same tracker the round list shows (survey.aggregate reads the round's
 * targets and answers once for both, and places clinics through the round).
 */
import { describe, expect, it } from 'vitest';
import { CLINIC_HOME_CARE_KEY } from '@shared/survey/seeds';
import { engines } from '@tests/support/engines';

for (const engine of engines()) {
  describe(`a clinic round by 二次医療圏 (${engine.name})`, () => {
    it('puts each valid answer in one area, sums the areas to the whole and shows the round list tracker', async () => {
      const core = await engine.open({ osUser: 'tester' });
      await core.call('app.demo.load', {});
      const clinic = (await core.call('survey.definitions.list', {})).find((d) => d.key === CLINIC_HOME_CARE_KEY)!;
      const rounds = await core.call('survey.rounds.list', { definitionId: clinic.id });
      const round = rounds.find((r) => r.fiscalYear === 2022)!;
      const plain = await core.call('survey.aggregate', { roundId: round.id });
      const byArea = await core.call('survey.aggregate', { roundId: round.id, areaKind: 'secondary' });
      expect(byArea.round).toEqual(round);
      expect(plain.round).toEqual(round);
      expect(byArea.aggregate.whole).toEqual(plain.aggregate.whole);
      expect(byArea.aggregate.whole.respondents).toBe(round.tracker.valid);
      expect(byArea.aggregate.whole.respondents).toBeGreaterThan(0);
      expect(byArea.aggregate.groups.reduce((n, g) => n + g.respondents, 0)).toBe(byArea.aggregate.whole.respondents);
      expect(byArea.groups.some((g) => g.key === '')).toBe(false);
      const compared = await core.call('survey.compare', { roundId: round.id, areaKind: 'secondary' });
      expect(compared.current).toEqual(round);
      expect(compared.previous).toEqual(rounds.find((r) => r.fiscalYear === 2020));
      await core.close();
    }, 120_000);
  });
}
