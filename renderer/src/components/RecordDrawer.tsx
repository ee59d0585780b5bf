/**
 * The drawer of one record of a register (医師会, センター, 医療機関, 指定, 圏域, 市区町村): its form with
 * 保存する and キャンセル, 削除… asked first, a refused delete said above the form, a save or delete over a
 * colleague's newer change said with 再読み込み (what was typed kept beside it), and the form's other refusals
 * listed at its foot. Each register's drawer gives its fields, what saving sends and what deleting says.
 */
import type { FormEvent, KeyboardEvent, ReactNode, RefObject } from 'react';
import { useState } from 'react';
import type { OpFailure } from '@renderer/api/client';
import { ConfirmDialog } from './ConfirmDialog';
import { ConflictNotice, isVersionConflict } from './ConflictNotice';
import { Drawer, DrawerFooter } from './Drawer';
import { FormErrorNotice } from './Field';
import { useToast } from './Toast';

/** What the drawer reads of a mutation (useMutation's answer). */
interface Outcome {
  readonly error: OpFailure | undefined;
  reset(): void;
}

export function RecordDrawer({
  title,
  formId,
  formRef,
  save,
  remove,
  saving = save.pending,
  onSubmit,
  onKeyDown,
  onClose,
  deletion,
  unsaved,
  reload,
  fields,
  children,
  after,
}: {
  title: string;
  formId: string;
  formRef: RefObject<HTMLFormElement | null>;
  save: Outcome & { readonly pending: boolean };
  remove: Outcome;
  /** Whether the save is on its way: by default the save's own; more when a save is several calls. */
  saving?: boolean;
  onSubmit(e: FormEvent<HTMLFormElement>): void;
  onKeyDown?(e: KeyboardEvent<HTMLFormElement>): void;
  onClose(): void;
  /**
   * For a record already saved: what the confirmation asks and says, the delete (its answer undefined when refused)
   * and what is said once it is done (the drawer then closes).
   */
  deletion?: { title: string; note: string; run(): Promise<unknown>; done: string } | null | undefined;
  /** What the form holds, as lines 「項目: 値」, shown with a conflict so nothing typed is lost. */
  unsaved: string;
  /** Reads the record again into the form after a conflict; the refusals shown are cleared after it. */
  reload(): Promise<void>;
  /** The form's fields, in the order its other refusals are listed. */
  fields: readonly string[];
  children: ReactNode;
  /** Parts of the drawer below the form, with buttons of their own. */
  after?: ReactNode;
}) {
  const [asking, setAsking] = useState(false);
  const toast = useToast();
  const error = save.error?.error;
  const refusedDelete = remove.error && !isVersionConflict(remove.error.error) ? remove.error.message : undefined;
  const doDelete = async () => {
    setAsking(false);
    if (deletion && (await deletion.run()) !== undefined) {
      toast(deletion.done, 'success');
      onClose();
    }
  };
  return (
    <Drawer
      title={title}
      onClose={onClose}
      footer={<DrawerFooter formId={formId} onDelete={deletion ? () => setAsking(true) : undefined} onCancel={onClose} saving={saving} />}
    >
      {refusedDelete && (
        <div className="notice notice--error" role="alert">
          {refusedDelete}
        </div>
      )}
      <form ref={formRef} id={formId} className="form-grid" onSubmit={onSubmit} onKeyDown={onKeyDown}>
        {children}
        <ConflictNotice
          deleteError={remove.error?.error}
          error={error}
          className="span-2"
          unsaved={unsaved}
          onReload={async () => {
            await reload();
            save.reset();
            remove.reset();
          }}
        />
        <FormErrorNotice error={isVersionConflict(error) ? undefined : error} fields={fields} className="span-2" />
      </form>
      {after}
      {asking && deletion && (
        <ConfirmDialog title={deletion.title} confirmLabel="削除する" danger onConfirm={doDelete} onCancel={() => setAsking(false)}>
          <p>{deletion.note}</p>
        </ConfirmDialog>
      )}
    </Drawer>
  );
}
