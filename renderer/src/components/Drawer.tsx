/**
 * A side panel for a record's detail form. Focus starts on its first field (on its heading while it has none: a record
 * still being read) and Tab keeps it inside (it is modal: the screen behind is inert while it is open);
 * Ctrl+S submits its form (see saveShortcut.ts); Escape, 閉じる and キャンセル close it, and going to another screen
 * leaves it — each after asking when something was typed and not saved, so a slip of the key loses nothing. Closed, it
 * gives the focus back to what opened it.
 */
import { createContext, type ReactNode, useCallback, useContext, useLayoutEffect, useRef, useState } from 'react';
import { SAVED_EVENT } from '../api/hooks';
import { ConfirmDialog } from './ConfirmDialog';
import { keepTabInside, useModalFocus } from './focus';
import { converting } from './ime';
import { LeaveGuard } from './LeaveGuard';
import { ReadOnlyFields } from './ReadOnly';

/** How the drawer's own buttons ask to close it (through the unsaved-changes question). */
const CloseContext = createContext<(() => void) | null>(null);

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A box of the drawer's form whose value counts as the officer's typing (not a search box marked data-no-draft, not a button). */
function draftControl(target: EventTarget | null): Control | null {
  const el = target instanceof HTMLLabelElement ? target.control : target;
  if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)) return null;
  if (el instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(el.type)) return null;
  return el.closest('form') && !el.closest('[data-no-draft]') ? el : null;
}

const controlValue = (el: Control) =>
  el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') ? String(el.checked) : el.value;

export function Drawer({
  title,
  onClose,
  children,
  footer,
  formId,
  className,
  dirty,
  sectionDirty = false,
  opener,
}: {
  title: string;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  /** The form Ctrl+S submits; by default the first form in the drawer. */
  formId?: string;
  className?: string;
  /** Whether there are unsaved changes; by default, whether a box of the drawer's form holds other than it did before the officer touched it. */
  dirty?: boolean;
  /** A part of the drawer with its own save button, outside its forms, holds typing not saved: closing asks about it too. */
  sectionDirty?: boolean;
  /**
   * What had the focus before the drawer opened, for a drawer drawn in place of another of the same record (its form in
   * place of 「読み込み中…」): closed, it gives the focus back there. By default, what has the focus as it is first drawn.
   */
  opener?: Element | null;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useModalFocus(ref, opener);
  /** Each box's value from just before the officer first touched it. */
  const before = useRef(new Map<Control, string>());
  const [asking, setAsking] = useState(false);
  // A box emptied again after a save (a sub-form's row added) or put back by hand is not a change.
  const changed = () => [...before.current].some(([el, value]) => el.isConnected && controlValue(el) !== value);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `changed` reads only refs, at the moment of closing.
  const requestClose = useCallback(
    () => ((dirty ?? changed()) || sectionDirty ? setAsking(true) : onClose()),
    [dirty, sectionDirty, onClose],
  );
  const close = useRef(requestClose);
  close.current = requestClose;

  // Before the drawer is painted: one drawn once its record is read is not followed by its effects at once, and what
  // the officer typed as it appeared went to the row behind it.
  useLayoutEffect(() => {
    const drawer = ref.current!;
    const remember = (e: { target: EventTarget | null }) => {
      const el = draftControl(e.target);
      if (el && !before.current.has(el)) before.current.set(el, controlValue(el));
    };
    // Typed into with no focus or pointer seen first (cannot happen from a person; kept safe): a change whose start is unknown.
    // Only typing counts, not the 'change' a box sends when the cursor leaves it: that comes after a save too (Ctrl+S in
    // 備考, then a click in the 執行 form), and would mark a saved box as typed over.
    const typed = (e: Event) => {
      const el = draftControl(e.target);
      if (el && !before.current.has(el)) before.current.set(el, '\u0000');
    };
    // Once the core accepts a save, the boxes of the form last submitted hold saved values (a drawer may stay open, e.g. after adding a 執行).
    let submitted: HTMLFormElement | null = null;
    const onSubmit = (e: Event) => {
      submitted = e.target as HTMLFormElement;
    };
    const onSaved = () => {
      for (const el of [...before.current.keys()]) if (!submitted || submitted.contains(el)) before.current.delete(el);
    };
    const first = drawer.querySelector<HTMLElement>('.drawer__body :is(input, select, textarea, button):not(:disabled)');
    // Not left behind on the row that opened it, which the inert screen drops to nowhere: keys typed go to the drawer.
    (first ?? drawer.querySelector<HTMLElement>('.drawer__head h2'))?.focus();
    remember({ target: first });
    const onKey = (e: KeyboardEvent) => {
      // A confirmation opened over the drawer takes its own keys.
      if (document.querySelector('.dialog-backdrop') || converting(e)) return;
      if (e.key === 'Escape') close.current();
      if (e.key === 'Tab') keepTabInside(drawer, e);
    };
    drawer.addEventListener('focusin', remember);
    drawer.addEventListener('pointerdown', remember, true);
    drawer.addEventListener('input', typed);
    drawer.addEventListener('submit', onSubmit, true);
    window.addEventListener(SAVED_EVENT, onSaved);
    window.addEventListener('keydown', onKey);
    return () => {
      drawer.removeEventListener('focusin', remember);
      drawer.removeEventListener('pointerdown', remember, true);
      drawer.removeEventListener('input', typed);
      drawer.removeEventListener('submit', onSubmit, true);
      window.removeEventListener(SAVED_EVENT, onSaved);
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  return (
    <CloseContext.Provider value={requestClose}>
      <div
        className={className ? `drawer ${className}` : 'drawer'}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        ref={ref}
        data-save-form={formId}
      >
        <div className="drawer__head">
          <h2 tabIndex={-1}>{title}</h2>
          <button type="button" className="button button--secondary button--small" onClick={requestClose}>
            閉じる（Esc）
          </button>
        </div>
        <div className="drawer__body">
          <ReadOnlyFields>{children}</ReadOnlyFields>
        </div>
        {footer && <div className="drawer__foot">{footer}</div>}
      </div>
      <LeaveGuard dirty={() => (dirty ?? changed()) || sectionDirty} what={title} />
      {asking && (
        <ConfirmDialog
          title="保存していない変更があります"
          confirmLabel="保存せずに閉じる"
          danger
          onConfirm={onClose}
          onCancel={() => setAsking(false)}
        >
          <p>「{title}」に入力した内容は保存されていません。閉じると入力した内容は失われます。</p>
        </ConfirmDialog>
      )}
    </CloseContext.Provider>
  );
}

/** 「キャンセル」: closes the enclosing drawer the way Escape does (asking first when there are unsaved changes). */
export function DrawerCancel({ onCancel }: { onCancel(): void }) {
  const close = useContext(CloseContext) ?? onCancel;
  return (
    <button type="button" className="button button--secondary" onClick={close}>
      キャンセル
    </button>
  );
}

/**
 * The drawer's buttons: 削除… on the left when the record exists, then キャンセル and 保存する (which submits `formId`);
 * a drawer that makes something says so (`submitLabel` 回を作成する, `hint` Ctrl+S で作成).
 */
export function DrawerFooter({
  formId,
  onDelete,
  onCancel,
  saving,
  submitLabel = '保存する',
  hint = 'Ctrl+S で保存',
}: {
  formId: string;
  onDelete?: () => void;
  onCancel(): void;
  /** The submit button is off: a save on its way, or nothing yet to make. */
  saving: boolean;
  submitLabel?: string;
  hint?: string;
}) {
  return (
    <>
      {onDelete && (
        <button data-edit type="button" className="button button--secondary" onClick={onDelete} style={{ marginRight: 'auto' }}>
          削除…
        </button>
      )}
      <span className="muted" data-edit="association">
        {hint}
      </span>
      <DrawerCancel onCancel={onCancel} />
      <button type="submit" form={formId} className="button" disabled={saving}>
        {submitLabel}
      </button>
    </>
  );
}
