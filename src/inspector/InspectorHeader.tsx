/** The head of an inspector view: an icon, a title the section is labelled by, and one line of description. */
import type { ReactNode } from 'react';

export function InspectorHeader({ icon, iconVariant, titleId, title, children }: { icon?: ReactNode; iconVariant?: 'edge' | 'scenario'; titleId: string; title: ReactNode; children: ReactNode }) {
  return (
    <header className="inspector-header">
      {icon && <span className={iconVariant ? `inspector-header__icon inspector-header__icon--${iconVariant}` : 'inspector-header__icon'}>{icon}</span>}
      <div>
        <h2 id={titleId} className="inspector-header__title">
          {title}
        </h2>
        <p className="inspector-header__desc">{children}</p>
      </div>
    </header>
  );
}
