// Which stream events make a page stale. Pure: pages reload when the value
// changes, so only the highest seq of the events that concern them matters.

export interface EventFacts {
  seq: number;
  type: string;
  subject?: string;
}

/**
 * The highest seq of an event whose type starts with one of `prefixes`
 * ("request.", "conflict.") and, when `subject` is given, that is about it;
 * 0 when none.
 */
export function latestEventSeq(
  events: readonly EventFacts[],
  prefixes: readonly string[],
  subject?: string,
): number {
  let seq = 0;
  for (const e of events) {
    if (e.seq <= seq) continue;
    if (subject !== undefined && e.subject !== subject) continue;
    if (prefixes.some((p) => e.type.startsWith(p))) seq = e.seq;
  }
  return seq;
}
