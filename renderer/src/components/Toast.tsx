/** Short messages in the corner: success after a save, the core's error message when something is refused. */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

type ToastKind = 'info' | 'success' | 'error';

/** A button in the message, such as 元に戻す beside 「保存しました」. */
export interface ToastAction {
  label: string;
  run(): void;
}

export interface ToastOptions {
  action?: ToastAction;
  /** A new message of the same group replaces the one shown (a spent 元に戻す must not stay). */
  group?: string;
}

interface ToastItem {
  id: number;
  kind: ToastKind;
  message: string;
  action?: ToastAction;
  group?: string;
}

type Push = (message: string, kind?: ToastKind, options?: ToastOptions) => void;

const ToastContext = createContext<Push | null>(null);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const dismiss = useCallback((id: number) => setItems((list) => list.filter((t) => t.id !== id)), []);
  const push = useCallback<Push>(
    (message, kind = 'info', options = {}) => {
      const id = Date.now() + Math.random();
      const { action, group } = options;
      setItems((list) => [...list.filter((t) => !group || t.group !== group).slice(-3), { id, kind, message, action, group }]);
      // A message with a button stays longer, so there is time to press it.
      if (kind !== 'error') setTimeout(() => dismiss(id), action ? 10000 : 5000);
    },
    [dismiss],
  );
  const value = useMemo(() => push, [push]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {items.map((t) => (
          <div key={t.id} className={`toast toast--${t.kind}`} role={t.kind === 'error' ? 'alert' : undefined}>
            <span>{t.message}</span>
            {t.action && (
              <button
                type="button"
                className="toast__action"
                onClick={() => {
                  dismiss(t.id);
                  t.action!.run();
                }}
              >
                {t.action.label}
              </button>
            )}
            <button type="button" aria-label="閉じる" onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
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

export function useToast() {
  const push = useContext(ToastContext);
  if (!push) throw new Error('ToastProvider is missing');
  return push;
}

/** Shows a failed operation's message as a toast whenever a new failure arrives. */
export function useErrorToast(error: { message: string } | undefined) {
  const push = useToast();
  useEffect(() => {
    if (error) push(error.message, 'error');
  }, [error, push]);
}
