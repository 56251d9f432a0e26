// "Copy link": the address, which url-state.ts keeps naming the whole setup,
// to the clipboard. Where the browser refuses (no permission, an insecure
// origin, an old browser), the link is shown selected in a field so that
// Ctrl+C copies it.

import { useEffect, useRef, useState } from 'react';
import { useT } from './i18n/useT.ts';

type Outcome = 'idle' | 'copied' | 'refused';

async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function CopyLink() {
  const tr = useT();
  const [outcome, setOutcome] = useState<Outcome>('idle');
  const [link, setLink] = useState('');
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (outcome === 'refused') field.current?.select();
    if (outcome !== 'copied') return;
    // The confirmation goes after a while, so that it never claims an older setup is the one on the clipboard.
    const timer = setTimeout(() => setOutcome('idle'), 6000);
    return () => clearTimeout(timer);
  }, [outcome, link]);

  const copy = async () => {
    const href = location.href;
    setLink(href);
    setOutcome((await copyText(href)) ? 'copied' : 'refused');
  };

  return (
    <div className="copy-link">
      <button type="button" className="button copy-link__button" title={tr.t('url.copyTip')} onClick={() => void copy()}>
        {tr.t('url.copy')}
      </button>
      <div className="copy-link__message" role="status">
        {outcome === 'copied' ? tr.t('url.copied') : null}
      </div>
      {outcome === 'refused' ? (
        <div className="copy-link__fallback" role="alert">
          <p>{tr.t('url.copyRefused')}</p>
          <input
            ref={field}
            className="field__input"
            aria-label={tr.t('url.linkField')}
            readOnly
            value={link}
            onFocus={(e) => e.currentTarget.select()}
            onKeyDown={(e) => e.key === 'Escape' && setOutcome('idle')}
          />
        </div>
      ) : null}
    </div>
  );
}
