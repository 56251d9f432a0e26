import { useEffect, useRef, useState } from 'react';

/**
 * The value, updated at most once per `ms`: the newest one wins, and the last
 * change always shows (a timer delivers it). Charts re-render through this, so
 * a run's ten updates a second cost the main thread three renders at most.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = last.current + ms - performance.now();
    if (wait <= 0) {
      last.current = performance.now();
      setShown(() => value);
      return;
    }
    const timer = setTimeout(() => {
      last.current = performance.now();
      setShown(() => value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, shown, ms]);
  return shown;
}
