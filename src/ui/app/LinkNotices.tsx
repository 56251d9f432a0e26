// The values of the address that the setup form refused: each names its field
// and the value, and says why in the page's language (url-state.ts).

import { useT } from './i18n/useT.ts';
import { useAppStore } from './store/store.ts';

export function LinkNotices() {
  const tr = useT();
  const notices = useAppStore((s) => s.urlNotices);
  const dismiss = useAppStore((s) => s.dismissUrlNotices);
  if (notices.length === 0) return null;
  return (
    <div className="notice notice--warning link-notices" role="status" aria-label={tr.t('url.notices')}>
      <ul className="link-notices__list">
        {notices.map((notice) => (
          <li key={notice.param}>
            {tr.t('url.ignored', { field: tr.msg({ id: notice.field }), value: notice.value })} <span className="link-notices__reason">{notice.reason[tr.language]}</span>
          </li>
        ))}
      </ul>
      <button type="button" className="button button--quiet link-notices__dismiss" onClick={dismiss}>
        {tr.t('url.dismiss')}
      </button>
    </div>
  );
}
