// Runs the event stream while the shell is mounted: keeps the connection
// state and the latest events for the ticker, and reports 4001 closes.
import { useEffect, useRef, useState } from 'react';
import { EventStream, type StreamState } from '../api/stream';
import type { StreamEvent } from '../api/types';
import { addEvent } from './events';

export interface EventStreamView {
  state: StreamState;
  events: StreamEvent[];
}

export function useEventStream(onUnauthenticated: () => void): EventStreamView {
  const [state, setState] = useState<StreamState>({ kind: 'connecting', attempt: 1 });
  const [events, setEvents] = useState<StreamEvent[]>([]);
  const onUnauthRef = useRef(onUnauthenticated);
  onUnauthRef.current = onUnauthenticated;

  useEffect(() => {
    const stream = new EventStream({
      onState: (s) => {
        setState(s);
        if (s.kind === 'unauthenticated') onUnauthRef.current();
      },
      onEvent: (e) => setEvents((list) => addEvent(list, e)),
    });
    stream.start();
    return () => stream.stop();
  }, []);

  return { state, events };
}
