/**
 * Forms going out: the round's workbooks (one per target, its name filled
 * in, last round's answers pre-filled) as one zip to download or written
 * into a new folder beside the database, for the targets picked in the list
 * or all of them — recorded as sent on the day given; or, for forms sent on
 * paper or by mail, only the record that they went out.
 */
import { useState } from 'react';
import { useMutation } from '@renderer/api/hooks';
import { DateField } from '@renderer/components/DateField';
import { Field } from '@renderer/components/Field';
import { useErrorToast, useToast } from '@renderer/components/Toast';
import { saveFile } from '@renderer/lib/files';
import type { SurveyRoundDetail } from '@shared/contract/survey';
import type { SurveyFormsWritten } from '@shared/contract/survey-io';
import type { IsoDate } from '@shared/dates';
import { formatNumber } from '@shared/format';
import { formatWareki } from '@shared/wareki';

export function SendPanel({
  round,
  selected,
  sentOn,
  onSentOn,
  onDone,
}: {
  round: SurveyRoundDetail;
  selected: string[];
  sentOn: string;
  onSentOn(day: string): void;
  onDone(): void;
}) {
  const [record, setRecord] = useState(true);
  const [written, setWritten] = useState<SurveyFormsWritten>();
  const zip = useMutation('survey.forms.zip');
  const write = useMutation('survey.forms.write');
  const markSent = useMutation('survey.rounds.markSent');
  const toast = useToast();
  useErrorToast(zip.error ?? write.error ?? markSent.error);
  const scope = selected.length > 0 ? { targetIds: selected } : {};
  const count = selected.length > 0 ? selected.length : round.targets.length;
  const who = selected.length > 0 ? `選んだ ${formatNumber(count)} 件` : `すべての送り先 ${formatNumber(count)} 件`;
  const sending = { ...(sentOn ? { sentOn } : {}), markSent: record };
  const busy = zip.pending || write.pending || markSent.pending;
  const sentNote = (day: string | null) => (day ? `、${formatWareki(day as IsoDate)}に送付済みとして記録しました` : '');

  const downloadZip = async () => {
    const result = await zip.run({ roundId: round.id, ...scope, ...sending });
    if (!result) return;
    saveFile(result.file);
    toast(`${formatNumber(result.files.length)}件の調査票を zip にまとめました${sentNote(result.sentOn)}`, 'success');
    onDone();
  };
  const writeFolder = async () => {
    const result = await write.run({ roundId: round.id, ...scope, ...sending });
    if (!result) return;
    setWritten(result);
    toast(`${formatNumber(result.files.length)}件の調査票をフォルダに書き出しました${sentNote(result.sentOn)}`, 'success');
    onDone();
  };
  const onlyMark = async () => {
    const ids = selected.length > 0 ? selected : round.targets.map((t) => t.id);
    if (await markSent.run({ id: round.id, targetIds: ids, sentOn })) {
      toast(`${formatNumber(ids.length)}件を${formatWareki(sentOn as IsoDate)}に送付済みにしました`, 'success');
      onDone();
    }
  };

  return (
    <section data-edit className="card survey-send" aria-labelledby="survey-send-title">
      <div className="card__head">
        <h2 id="survey-send-title">調査票を送る</h2>
        <span className="muted">対象: {who}（下の一覧で選ぶと、選んだ分だけになります）</span>
      </div>
      <p className="muted survey-send__lead">
        調査票は送り先ごとの Excel
        ブックです。名前は記入済みで変更できず、前回の回答があれば記入済みにしてあります。回答欄には選択肢と数の範囲の入力規則があり、返送されたファイルは自動で送り先と照合します。
      </p>
      <div className="toolbar survey-send__tools">
        <Field label="送付日">{(p) => <DateField {...p} value={sentOn} onChange={onSentOn} />}</Field>
        <label className="check survey-send__record">
          <input type="checkbox" checked={record} onChange={(e) => setRecord(e.target.checked)} />
          作成した調査票を送付済みとして記録する
        </label>
        <div className="actions">
          <button type="button" className="button" disabled={busy || count === 0} onClick={() => void downloadZip()}>
            {zip.pending ? '作成中…' : '調査票を zip でダウンロード'}
          </button>
          <button type="button" className="button button--secondary" disabled={busy || count === 0} onClick={() => void writeFolder()}>
            フォルダに書き出す
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={busy || count === 0 || !sentOn}
            onClick={() => void onlyMark()}
            title="紙やメールで送った場合に、送付の記録だけを付けます"
          >
            送付済みにする（記録のみ）
          </button>
        </div>
      </div>
      {written && (
        <div className="notice survey-send__written" role="status">
          <strong>{formatNumber(written.files.length)}件を書き出しました:</strong> <code className="mono">{written.dir}</code>
        </div>
      )}
    </section>
  );
}
