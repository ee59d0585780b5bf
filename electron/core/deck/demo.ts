/**
 * The demo prefecture's deck for its 令和5年度 第4回 運営会議 (the year's last,
 * where the year's figures are reported), saved with that meeting through
 * the same operation the editor uses: the meeting's own agenda, the fund's
 * execution by 区分, the subsidy's status, the centers' activity, and the
 * decisions the meeting is asked for.
 */
import type { OpRunner } from '../kernel/context';

export async function loadDeckDemo(ops: OpRunner): Promise<void> {
  const body = (await ops.call('meeting.bodies.list', {})).find((b) => b.name === '運営会議');
  const meetings = body ? await ops.call('meeting.list', { fiscalYear: 2023, bodyId: body.id }) : [];
  const meeting = meetings.find((m) => m.number === 4);
  if (!meeting) return;
  const detail = await ops.call('meeting.get', { id: meeting.id });
  await ops.call('deck.save', {
    title: '令和5年度 第4回 在宅医療推進センター運営会議',
    meetingId: meeting.id,
    slides: [
      {
        kind: 'text',
        title: '本日の議題',
        lines: detail.agenda.map((a, i) => `${i + 1}. ${a.title}`),
        notes: '開会あいさつのあと、議題の順に進める。',
      },
      { kind: 'block', block: 'fund.execution', fiscalYear: 2023, notes: '執行率の低い区分は理由を添えて説明する。' },
      { kind: 'block', block: 'subsidy.year', fiscalYear: 2023 },
      { kind: 'block', block: 'survey.activity', fiscalYear: 2023, notes: '前年度と比べて看取りの相談が増えている点を伝える。' },
      {
        kind: 'text',
        title: 'ご確認いただきたいこと',
        lines: detail.decisions.map((d) => d.text),
        notes: '了承を得たら、議事録の決定事項に記録する。',
      },
    ],
  });
}
