/**
 * One short message at a time just below the top bar, where it covers no control: a
 * success (with an optional button such as 「元に戻す」) goes away by itself,
 * a refusal not about any field stays until closed. A new message replaces
 * the one shown. Errors about a field are shown next to it, never here.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';

type ToastKind = 'info' | 'success' | 'error';

export interface ToastAction {
  label: string;
  run(): void;
}

export interface ToastOptions {
  /** A button inside the message, e.g. 「元に戻す」; the message closes when it is pressed. */
  action?: ToastAction;
}

interface ToastItem {
  id: number;
  kind: ToastKind;
  message: string;
  action?: ToastAction;
}

type Push = (message: string, kind?: ToastKind, options?: ToastOptions) => void;

/** How long a success stays: long enough to read a sentence and reach its button. */
const SHOWN_MS = 6000;

const ToastContext = createContext<Push | null>(null);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [item, setItem] = useState<ToastItem | null>(null);
  /** The message the pointer rests on (someone is about to press its button): it waits. */
  const [held, setHeld] = useState<number | null>(null);
  const nextId = useRef(1);
  const dismiss = useCallback(() => setItem(null), []);
  const push = useCallback<Push>((message, kind = 'info', options = {}) => {
    setItem({ id: nextId.current++, kind, message, action: options.action });
  }, []);
  useEffect(() => {
    if (!item || item.kind === 'error' || held === item.id) return;
    const timer = setTimeout(() => setItem((current) => (current?.id === item.id ? null : current)), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [item, held]);
  const value = useMemo(() => push, [push]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {item && (
          // biome-ignore lint/a11y/noStaticElementInteractions: hovering holds the message on screen; it is not a control.
          <div
            key={item.id}
            className={`toast toast--${item.kind}`}
            role={item.kind === 'error' ? 'alert' : undefined}
            onMouseEnter={() => setHeld(item.id)}
            onMouseLeave={() => setHeld(null)}
          >
            <span className="toast__message">{item.message}</span>
            {item.action && (
              <button
                type="button"
                className="toast__action"
                onClick={() => {
                  dismiss();
                  item.action!.run();
                }}
              >
                {item.action.label}
              </button>
            )}
            <button type="button" className="toast__close" aria-label="閉じる" onClick={dismiss}>
              ×
            </button>
          </div>
        )}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast() {
  const push = useContext(ToastContext);
  if (!push) throw new Error('ToastProvider is missing');
  return push;
}

/** Shows a failed operation's message as a toast whenever a new failure arrives (for actions that have no field to show it by). */
export function useErrorToast(error: { message: string } | undefined) {
  const push = useToast();
  useEffect(() => {
    if (error) push(error.message, 'error');
  }, [error, push]);
}

/** Gives the success messages pushed below it default options (a button), when `successOptions` offers them. */
export function ToastDefaults({ successOptions, children }: { successOptions: () => ToastOptions | undefined; children: ReactNode }) {
  const parent = useToast();
  const push = useCallback<Push>(
    (message, kind, options) => parent(message, kind, options ?? (kind === 'success' ? successOptions() : undefined)),
    [parent, successOptions],
  );
  return <ToastContext.Provider value={push}>{children}</ToastContext.Provider>;
}
