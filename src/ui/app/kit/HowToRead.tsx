// "How to read this": a view's explanation, closed until asked for, so the
// view itself stays in sight.

import type { ReactNode } from 'react';
import { useT } from '../i18n/useT.ts';

export function HowToRead({ children }: { children: ReactNode }) {
  const tr = useT();
  return (
    <details className="how-to-read">
      <summary>{tr.t('howto.summary')}</summary>
      <p>{children}</p>
    </details>
  );
}
