/**
 * The form of a 要綱: its name, the 基金 project it draws on, the rounding
 * unit, and its programs with their 別表 rows — 区分 (運営事業) or 種目 (ＩＣＴ)
 * with 基準額, 補助率 as numerator/denominator, 対象経費 and the first-year
 * flag — and the ＩＣＴ 上限額 per 二次医療圏. Controlled: the 要綱 page saves
 * the draft, the 試算 page computes with it. Each field shows its own error
 * (from the enclosing FieldErrors); the programs' and 種目' internal codes are
 * kept in the draft and never shown.
 */
import { useId } from 'react';
import { useQuery } from '@renderer/api/hooks';
import { Field, useFieldError } from '@renderer/components/Field';
import { Options } from '@renderer/components/Options';
import type { IssuePath } from '@renderer/lib/formErrors';
import { FUND_SIDE_LABELS } from '@shared/contract/fund';
import { CAP_SCOPE_LABELS, CAP_SCOPES, type CapScope } from '@shared/contract/subsidy';
import { SUBSIDY_CLASS_LABELS, SUBSIDY_CLASSES, type SubsidyClass } from '@shared/masters/model';
import {
  type IctRowDraft,
  newIctRow,
  newProgram,
  type OperatingRowDraft,
  type ProgramDraft,
  type RateDraft,
  type RulesDraft,
} from './rulesDraft';

/** A field's error under it, from the form's issues at `path`. */
function FieldMessage({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <span className="field__error" id={id} role="alert">
      {message}
    </span>
  ) : null;
}

function RateFields({ rate, onChange, label, path }: { rate: RateDraft; onChange(r: RateDraft): void; label: string; path: IssuePath }) {
  const id = useId();
  const numerator = useFieldError([...path, 'numerator']);
  const denominator = useFieldError([...path, 'denominator']);
  // A refusal of the rate as a whole (above 10/10) marks both boxes.
  const whole = useFieldError(path);
  return (
    <div className="field">
      <span className="subsidy-rule__label" id={id}>
        補助率
      </span>
      <span className="subsidy-rate" role="group" aria-labelledby={id}>
        <input
          aria-label={`${label} 補助率の分子`}
          aria-invalid={Boolean(numerator ?? whole)}
          aria-describedby={`${id}-error`}
          inputMode="numeric"
          value={rate.numerator}
          onChange={(e) => onChange({ ...rate, numerator: e.target.value })}
        />
        <span aria-hidden="true">/</span>
        <input
          aria-label={`${label} 補助率の分母`}
          aria-invalid={Boolean(denominator ?? whole)}
          aria-describedby={`${id}-error`}
          inputMode="numeric"
          value={rate.denominator}
          onChange={(e) => onChange({ ...rate, denominator: e.target.value })}
        />
      </span>
      <FieldMessage id={`${id}-error`} message={whole} />
    </div>
  );
}

function Text({
  label,
  aria,
  value,
  onChange,
  className,
  inputMode,
  path,
}: {
  label: string;
  aria: string;
  value: string;
  onChange(v: string): void;
  className?: string;
  inputMode?: 'numeric';
  path: IssuePath;
}) {
  const id = useId();
  const error = useFieldError(path);
  return (
    <label className={`field ${className ?? ''}`}>
      <span className="subsidy-rule__label">{label}</span>
      <input
        aria-label={aria}
        aria-invalid={Boolean(error)}
        aria-describedby={`${id}-error`}
        inputMode={inputMode}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldMessage id={`${id}-error`} message={error} />
    </label>
  );
}

/** What a 区分 and a 種目 of an 別表 both have: its name as the 別表 writes it, 基準額, 補助率, 対象経費, and 削除. */
function RowTerms<R extends OperatingRowDraft | IctRowDraft>({
  nameLabel,
  nameAria,
  label,
  path,
  row,
  onChange,
  onRemove,
}: {
  nameLabel: string;
  nameAria: string;
  label: string;
  path: IssuePath;
  row: R;
  onChange(r: R): void;
  onRemove(): void;
}) {
  return (
    <>
      <Text
        label={nameLabel}
        aria={`${label} ${nameAria}`}
        path={[...path, 'label']}
        value={row.label}
        onChange={(v) => onChange({ ...row, label: v })}
        className="subsidy-rule__wide"
      />
      <Text
        label="基準額（円）"
        aria={`${label} 基準額`}
        path={[...path, 'baseAmount']}
        value={row.baseAmount}
        inputMode="numeric"
        onChange={(v) => onChange({ ...row, baseAmount: v })}
        className="subsidy-rule__money"
      />
      <RateFields label={label} path={[...path, 'rate']} rate={row.rate} onChange={(rate) => onChange({ ...row, rate })} />
      <button
        data-edit
        type="button"
        className="button button--secondary button--small subsidy-rule__remove"
        onClick={onRemove}
        aria-label={`${label} の行を削除`}
      >
        削除
      </button>
      <Text
        label="対象経費"
        aria={`${label} 対象経費`}
        path={[...path, 'coveredExpenses']}
        value={row.coveredExpenses}
        onChange={(v) => onChange({ ...row, coveredExpenses: v })}
        className="subsidy-rule__full"
      />
    </>
  );
}

function OperatingRow({
  program,
  row,
  path,
  onChange,
  onRemove,
}: {
  program: string;
  row: OperatingRowDraft;
  path: IssuePath;
  onChange(r: OperatingRowDraft): void;
  onRemove(): void;
}) {
  const label = `${program} ${row.label || SUBSIDY_CLASS_LABELS[row.class]}`;
  const classError = useFieldError([...path, 'class']);
  return (
    <div className="subsidy-rule" role="group" aria-label={label}>
      <label className="field">
        <span className="subsidy-rule__label">補助区分（台帳）</span>
        <select
          aria-label={`${label} 補助区分`}
          aria-invalid={Boolean(classError)}
          value={row.class}
          onChange={(e) => onChange({ ...row, class: e.target.value as SubsidyClass })}
        >
          {SUBSIDY_CLASSES.map((c) => (
            <option key={c} value={c}>
              {SUBSIDY_CLASS_LABELS[c]}
            </option>
          ))}
        </select>
        <FieldMessage id={`${label}-class-error`} message={classError} />
      </label>
      <RowTerms
        nameLabel="区分の名前（別表の表記）"
        nameAria="区分の名前"
        label={label}
        path={path}
        row={row}
        onChange={onChange}
        onRemove={onRemove}
      />
    </div>
  );
}

function IctRow({
  program,
  row,
  index,
  path,
  onChange,
  onRemove,
}: {
  program: string;
  row: IctRowDraft;
  index: number;
  path: IssuePath;
  onChange(r: IctRowDraft): void;
  onRemove(): void;
}) {
  const label = `${program} ${row.label || `${index + 1}行目の種目`}`;
  return (
    <div className="subsidy-rule subsidy-rule--ict" role="group" aria-label={label}>
      <RowTerms nameLabel="種目の名前" nameAria="種目の名前" label={label} path={path} row={row} onChange={onChange} onRemove={onRemove} />
      <label className="check subsidy-rule__full">
        <input type="checkbox" checked={row.firstYearOnly} onChange={(e) => onChange({ ...row, firstYearOnly: e.target.checked })} />
        この補助率は事業の初年度のみ（2年度目以降は補助の対象外）
      </label>
    </div>
  );
}

function ProgramCard({
  program,
  index,
  areas,
  onChange,
  onRemove,
}: {
  program: ProgramDraft;
  index: number;
  areas: { id: number; name: string }[];
  onChange(p: ProgramDraft): void;
  onRemove(): void;
}) {
  const name = program.name || `${index + 1}番目の事業`;
  return (
    <fieldset className="card subsidy-program">
      <legend>
        （{index + 1}）{name}
        <span className="badge badge--gray subsidy-badge-gap">
          {program.kind === 'operating' ? '区分ごとの基準額' : '種目ごとの基準額'}
        </span>
      </legend>
      <div className="subsidy-program__head">
        <Text
          label="事業名"
          aria={`${index + 1}番目の事業の事業名`}
          path={['programs', index, 'name']}
          value={program.name}
          onChange={(v) => onChange({ ...program, name: v })}
          className="subsidy-rule__wide"
        />
        <button data-edit type="button" className="button button--secondary button--small" onClick={onRemove}>
          この事業を削除
        </button>
      </div>
      <h3 className="subsidy-program__sub">{program.kind === 'operating' ? '別表（補助区分ごと）' : '別表（種目ごと）'}</h3>
      {program.kind === 'operating'
        ? program.rows.map((row, j) => (
            <OperatingRow
              key={j}
              program={name}
              row={row}
              path={['programs', index, 'rows', j]}
              onChange={(r) => onChange({ ...program, rows: program.rows.map((x, k) => (k === j ? r : x)) })}
              onRemove={() => onChange({ ...program, rows: program.rows.filter((_, k) => k !== j) })}
            />
          ))
        : program.rows.map((row, j) => (
            <IctRow
              key={j}
              program={name}
              row={row}
              index={j}
              path={['programs', index, 'rows', j]}
              onChange={(r) => onChange({ ...program, rows: program.rows.map((x, k) => (k === j ? r : x)) })}
              onRemove={() => onChange({ ...program, rows: program.rows.filter((_, k) => k !== j) })}
            />
          ))}
      <button
        data-edit
        type="button"
        className="button button--secondary button--small"
        onClick={() =>
          program.kind === 'operating'
            ? onChange({
                ...program,
                rows: [
                  ...program.rows,
                  { class: 'other_county', label: '', baseAmount: '', coveredExpenses: '', rate: { numerator: '10', denominator: '10' } },
                ],
              })
            : onChange({ ...program, rows: [...program.rows, newIctRow(program.rows.map((r) => r.item))] })
        }
      >
        ＋ {program.kind === 'operating' ? '区分' : '種目'}を追加
      </button>
      {program.kind === 'ict' && (
        <>
          <h3 className="subsidy-program__sub">上限額（二次医療圏ごと。空欄は上限なし）</h3>
          <Field
            label="上限額の適用単位（第4条(2)「二次医療圏単位で別に定める額」の読み方）"
            path={['programs', index, 'capScope']}
            hint="二次医療圏単位のときは、圏域のセンターがセンター番号順に、上限額の残りの範囲で交付額を受けます"
          >
            {(p) => (
              <select {...p} value={program.capScope} onChange={(e) => onChange({ ...program, capScope: e.target.value as CapScope })}>
                {CAP_SCOPES.map((scope) => (
                  <option key={scope} value={scope}>
                    {CAP_SCOPE_LABELS[scope]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="subsidy-caps">
            {areas.map((a) => (
              <Text
                key={a.id}
                label={a.name}
                aria={`${name} ${a.name}の上限額`}
                path={['programs', index, 'caps', a.id]}
                inputMode="numeric"
                value={program.caps[a.id] ?? ''}
                onChange={(v) => onChange({ ...program, caps: { ...program.caps, [a.id]: v } })}
                className="subsidy-rule__money"
              />
            ))}
            {areas.length === 0 && <p className="muted">台帳に二次医療圏がありません。</p>}
          </div>
        </>
      )}
    </fieldset>
  );
}

export function RulesEditor({ draft, onChange }: { draft: RulesDraft; onChange(d: RulesDraft): void }) {
  const areas = useQuery('masters.areas.list', { kind: 'secondary' }).data ?? [];
  const medical = useQuery('fund.projects.list', { side: 'medical' });
  const care = useQuery('fund.projects.list', { side: 'care' });
  const codes = draft.programs.map((p) => p.code);
  const setProgram = (i: number, p: ProgramDraft) => onChange({ ...draft, programs: draft.programs.map((x, j) => (j === i ? p : x)) });

  return (
    <div className="stack subsidy-rules">
      <div className="card subsidy-rules__head">
        <Field label="要綱の名前" path={['title']}>
          {(p) => <input {...p} value={draft.title} onChange={(e) => onChange({ ...draft, title: e.target.value })} />}
        </Field>
        <Field label="財源の基金の事業" path={['fundProjectId']} hint="交付決定・額の確定がこの事業の執行として記録されます">
          {(p) => (
            <select {...p} value={draft.fundProjectId} onChange={(e) => onChange({ ...draft, fundProjectId: e.target.value })}>
              <option value="">（なし）</option>
              <optgroup label={FUND_SIDE_LABELS.medical}>
                <Options items={medical.data} value={(x) => x.id} label={(x) => `${x.number} ${x.name}`} />
              </optgroup>
              <optgroup label={FUND_SIDE_LABELS.care}>
                <Options items={care.data} value={(x) => x.id} label={(x) => `${x.number} ${x.name}`} />
              </optgroup>
            </select>
          )}
        </Field>
        <Field label="端数処理の単位（円）" path={['roundingUnit']} hint="事業ごとに、この額未満を切り捨てます（第4条）">
          {(p) => (
            <input
              {...p}
              inputMode="numeric"
              className="subsidy-money"
              value={draft.roundingUnit}
              onChange={(e) => onChange({ ...draft, roundingUnit: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="仕入控除税額報告を定める条項"
          path={['taxCreditArticle']}
          hint="例：第9条。空欄の年度は仕入控除税額報告書を求めません"
        >
          {(p) => (
            <input {...p} value={draft.taxCreditArticle} onChange={(e) => onChange({ ...draft, taxCreditArticle: e.target.value })} />
          )}
        </Field>
      </div>
      {draft.programs.map((p, i) => (
        <ProgramCard
          key={i}
          program={p}
          index={i}
          areas={areas}
          onChange={(next) => setProgram(i, next)}
          onRemove={() => onChange({ ...draft, programs: draft.programs.filter((_, j) => j !== i) })}
        />
      ))}
      <div className="actions">
        <button
          data-edit
          type="button"
          className="button button--secondary"
          onClick={() => onChange({ ...draft, programs: [...draft.programs, newProgram('operating', codes)] })}
        >
          ＋ 運営事業（区分ごと）を追加
        </button>
        <button
          data-edit
          type="button"
          className="button button--secondary"
          onClick={() => onChange({ ...draft, programs: [...draft.programs, newProgram('ict', codes)] })}
        >
          ＋ ＩＣＴ事業（種目ごと）を追加
        </button>
      </div>
    </div>
  );
}
