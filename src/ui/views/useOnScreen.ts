// Whether an element is in the viewport, so that a view the learner has
// scrolled away from stops costing the training anything (useView's
// `enabled`). Where IntersectionObserver is missing, always true.

import { useCallback, useEffect, useRef, useState } from 'react';

export function useOnScreen<T extends Element>(): [(element: T | null) => void, boolean] {
  const [onScreen, setOnScreen] = useState(typeof IntersectionObserver === 'undefined');
  const observer = useRef<IntersectionObserver | null>(null);
  const ref = useCallback((element: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    observer.current = new IntersectionObserver((entries) => setOnScreen(entries.some((entry) => entry.isIntersecting)));
    observer.current.observe(element);
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, onScreen];
}
