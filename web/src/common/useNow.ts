// A ticking clock for a page: one timer drives every countdown on it.
import { useEffect, useState } from 'react';

const kTickMs = 1000;

/** Milliseconds since the epoch, re-read every second while mounted. */
export function useNow(now: () => number = Date.now): number {
  const [value, setValue] = useState(now);
  useEffect(() => {
    const timer = window.setInterval(() => setValue(now()), kTickMs);
    return () => window.clearInterval(timer);
  }, [now]);
  return value;
}
