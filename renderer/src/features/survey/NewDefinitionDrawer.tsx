/**
 * 新しい調査票を作る: a copy of a survey (its questions, 集計指標 and 検算) or a blank one with one question, under a
 * name of its own and the 対象 picked here (for 医療機関, which kinds); saved at once and opened in the 調査票 editor.
 */
import { type FormEvent, useRef, useState } from 'react';
import { useMutation, useQuery } from '@renderer/api/hooks';
import { Drawer, DrawerFooter } from '@renderer/components/Drawer';
import { ErrorNotice } from '@renderer/components/ErrorNotice';
import { Field, FormErrorNotice, fieldError, useFocusFirstError } from '@renderer/components/Field';
import { pathNow, useMover } from '@renderer/components/Navigation';
import { Options } from '@renderer/components/Options';
import { useToast } from '@renderer/components/Toast';
import type { SurveyDefinitionSummary } from '@shared/contract/survey';
import { INSTITUTION_KIND_LABELS, INSTITUTION_KINDS, type InstitutionKind } from '@shared/masters/model';
import { SURVEY_TARGET_KIND_LABELS, SURVEY_TARGET_KINDS, type SurveyTargetKind, startDefinition } from '@shared/survey/definition';
import { definitionEditPath } from './labels';
import { withToggled } from './selection';

const FORM_ID = 'survey-new-definition-form';

/** The name a copy is offered until the officer types one. */
const copyName = (name: string) => `${name}（複製）`;

export function NewDefinitionDrawer({ definitions, onClose }: { definitions: SurveyDefinitionSummary[]; onClose(): void }) {
  const first = definitions[0];
  const [copy, setCopy] = useState(first !== undefined);
  const [sourceId, setSourceId] = useState(first?.id ?? 0);
  const [targetKind, setTargetKind] = useState<SurveyTargetKind>(first?.targetKind ?? 'center');
  /** The kinds ticked; null until the officer ticks one (a copy's own kinds are shown till then). */
  const [kinds, setKinds] = useState<ReadonlySet<InstitutionKind> | null>(null);
  const [name, setName] = useState(first ? copyName(first.name) : '');
  /** Whether the name is the officer's own (kept when another survey is picked to copy). */
  const [named, setNamed] = useState(false);
  // Read while 白紙 is picked too, so going back to 複製 has it.
  const source = useQuery('survey.definitions.get', { id: sourceId });
  const from = copy && source.data?.id === sourceId ? source.data.definition : null;
  const shownKinds = kinds ?? new Set(from?.targetKind === 'institution' ? from.institutionKinds : []);
  const save = useMutation('survey.definitions.save');
  const mover = useMover();
  const toast = useToast();
  const error = save.error?.error;
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, save.error);

  const pick = (id: number) => {
    const picked = definitions.find((d) => d.id === id);
    setSourceId(id);
    if (!picked) return;
    setTargetKind(picked.targetKind);
    setKinds(null);
    if (!named) setName(copyName(picked.name));
  };
  const startFrom = (copying: boolean) => {
    setCopy(copying);
    if (!named) setName(copying && first ? copyName(definitions.find((d) => d.id === sourceId)?.name ?? first.name) : '');
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (copy && !from) return;
    const definition = startDefinition({ name, targetKind, institutionKinds: [...shownKinds], from });
    const at = pathNow();
    const created = await save.run({ definition });
    if (created) {
      toast(`調査票「${created.definition.name}」を作りました。設問を確かめて保存してください`, 'success');
      onClose();
      mover.goIfStill(at, definitionEditPath(created.id));
    }
  };

  return (
    <Drawer
      title="新しい調査票を作る"
      onClose={onClose}
      formId={FORM_ID}
      className="survey-new-drawer"
      footer={
        <DrawerFooter
          formId={FORM_ID}
          onCancel={onClose}
          saving={save.pending || (copy && !from)}
          submitLabel="作成して編集する"
          hint="Ctrl+S で作成"
        />
      }
    >
      <form ref={formRef} id={FORM_ID} className="form-grid" onSubmit={(e) => void submit(e)} aria-label="新しい調査票">
        <fieldset className="span-2 radio-group">
          <legend>始め方</legend>
          <label>
            <input type="radio" name="survey-start" checked={copy} disabled={!first} onChange={() => startFrom(true)} />
            ある調査票を複製する（設問・集計指標も写します）
          </label>
          <label>
            <input type="radio" name="survey-start" checked={!copy} onChange={() => startFrom(false)} />
            白紙から作る（設問1つから始めます）
          </label>
        </fieldset>
        {copy && (
          <div className="span-2">
            <Field label="複製する調査票" hint="最新の版を写します。元の調査票と回はそのまま残ります">
              {(p) => (
                <select {...p} value={sourceId} onChange={(e) => pick(Number(e.target.value))}>
                  <Options items={definitions} value={(d) => d.id} label={(d) => `${d.name}（第${d.version}版）`} />
                </select>
              )}
            </Field>
          </div>
        )}
        <div className="span-2">
          <Field label="調査名" hint="ほかの調査票と別の名前にしてください" error={fieldError(error, ['definition', 'name'])}>
            {(p) => (
              <input
                {...p}
                value={name}
                maxLength={100}
                onChange={(e) => {
                  setName(e.target.value);
                  setNamed(true);
                }}
              />
            )}
          </Field>
        </div>
        <div className="span-2">
          <Field
            label="対象"
            hint="回の送り先になる台帳の種類です（回を作った後は変えられません）"
            error={fieldError(error, ['definition', 'targetKind'])}
          >
            {(p) => (
              <select {...p} value={targetKind} onChange={(e) => setTargetKind(e.target.value as SurveyTargetKind)}>
                <Options items={SURVEY_TARGET_KINDS} value={(k) => k} label={(k) => SURVEY_TARGET_KIND_LABELS[k]} />
              </select>
            )}
          </Field>
        </div>
        {targetKind === 'institution' && (
          <fieldset className="span-2 checklist">
            <legend>送る医療機関の種類</legend>
            <div className="checklist__items">
              {INSTITUTION_KINDS.map((k) => (
                <label key={k} className="check">
                  <input
                    type="checkbox"
                    checked={shownKinds.has(k)}
                    onChange={(e) => setKinds(withToggled(shownKinds, k, e.target.checked))}
                  />
                  {INSTITUTION_KIND_LABELS[k]}
                </label>
              ))}
            </div>
            <p className="muted">選ばなければ、台帳のすべての医療機関に送ります。回ごとに送り先を外すこともできます。</p>
          </fieldset>
        )}
        {copy && source.error && (
          <div className="span-2">
            <ErrorNotice error={source.error} />
          </div>
        )}
        <FormErrorNotice
          error={error}
          fields={[
            ['definition', 'name'],
            ['definition', 'targetKind'],
          ]}
          className="span-2"
        />
      </form>
    </Drawer>
  );
}
