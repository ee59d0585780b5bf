/**
 * The title block every screen starts with. Come to by the menu or a shortcut (Ctrl+3), the screen takes the focus to
 * its title: a screen reader says where the officer is, and the next Tab goes into the screen, not through the menu.
 * So does a page of a section whose title stays (a center of 補助金), come to by a link that went with the last page.
 */
import { type ReactNode, useEffect, useRef } from 'react';

/** The screen's title takes the focus when the officer came by the menu or a shortcut, or the link they followed is gone. */
export function focusTitleIfLost(title = document.querySelector<HTMLElement>('main h1')) {
  const at = document.activeElement;
  // The focus somewhere in the screen (its search box, the tab just chosen) is left there.
  if (at === null || at === document.body || at.closest('.sidebar')) title?.focus();
}

export function PageHeader({ title, lead, actions }: { title: string; lead?: ReactNode; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => focusTitleIfLost(ref.current), []);
  return (
    <header className="page-header">
      <div>
        <h1 ref={ref} tabIndex={-1}>
          {title}
        </h1>
        {lead && <p>{lead}</p>}
      </div>
      {actions && <div className="actions">{actions}</div>}
    </header>
  );
}
