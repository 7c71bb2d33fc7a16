// The history of one channel as a chat shows it: the newest page first,
// older pages on demand (the `next` cursor), newer messages caught up with
// `after` when the stream says one was posted, and the loaded window read
// again when one was edited or acknowledged (the stream's body is the
// message as sent, not as this reader reads it: `rendered` is in the
// reader's language). A change of language reads the window again in it.
//
// Replies to a channel or a language no longer shown are dropped (a
// generation counter), so a late page never mixes into another history.
import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../api/client';
import { kMaxMessagePage, listMessages, type Message } from '../api/messaging';
import { useApi, useSession } from '../app/context';
import type { Language } from '../i18n/languages';
import { mergeMessages, newestSeq } from './model';

export const kHistoryPageSize = 50;
/** Catch-up pages read in a row before waiting for the next event. */
const kMaxCatchUpPages = 5;

export interface ChatHistory {
  /** Oldest first. */
  messages: Message[];
  /** The first page has not arrived yet. */
  loading: boolean;
  /** The last failure (a 404: not a member, or a conversation not yet started). */
  error: unknown;
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder(): Promise<void>;
  /** Puts a message the server returned (a post, an edit, an acknowledgement) in place. */
  put(message: Message): void;
  /** Reads the newest page again. */
  reload(): void;
}

/** How many messages a re-read of the loaded window asks for. */
function windowSize(count: number): number {
  return Math.min(kMaxMessagePage, Math.max(kHistoryPageSize, count));
}

/**
 * `posted`: the seq of the latest message.posted event of the channel;
 * `changed`: of the latest message.edited or message.acknowledged one.
 */
export function useChatHistory(channelId: string, language: Language, posted: number, changed: number): ChatHistory {
  const api = useApi();
  const session = useSession();
  const [messages, setMessages] = useState<Message[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loaded, setLoaded] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const messagesRef = useRef(messages);
  messagesRef.current = messages;
  const generation = useRef(0);
  const shownChannel = useRef<string | null>(null);
  const changedRef = useRef(changed);
  changedRef.current = changed;
  const changedSeen = useRef(changed);
  const catchingUp = useRef(false);
  const catchUpAgain = useRef(false);

  const fail = useCallback(
    (e: unknown) => {
      if (isApiError(e) && e.status === 401) session.expired();
      setError(e);
    },
    [session],
  );

  // The newest page: on a new channel, again in a new language, on reload().
  useEffect(() => {
    const abort = new AbortController();
    const sameChannel = shownChannel.current === channelId;
    const gen = ++generation.current;
    if (!sameChannel) {
      setMessages([]);
      setCursor(null);
      setLoading(true);
      setLoaded(false);
      setError(null);
    }
    const limit = sameChannel ? windowSize(messagesRef.current.length) : kHistoryPageSize;
    listMessages(api, channelId, { limit }, language, abort.signal)
      .then((page) => {
        if (gen !== generation.current) return;
        shownChannel.current = channelId;
        changedSeen.current = changedRef.current;
        // One render shows the page: the list replaces "loading" together
        // with the messages, so what depends on them sees them drawn.
        setMessages(mergeMessages([], page.items));
        setCursor(page.next ?? null);
        setError(null);
        setLoaded(true);
        setLoading(false);
      })
      .catch((e: unknown) => {
        if (abort.signal.aborted) return;
        fail(e);
        setLoading(false);
      });
    return () => abort.abort();
  }, [api, channelId, language, attempt, fail]);

  const catchUp = useCallback(async () => {
    if (catchingUp.current) {
      catchUpAgain.current = true;
      return;
    }
    catchingUp.current = true;
    const gen = generation.current;
    try {
      let after = newestSeq(messagesRef.current);
      for (let i = 0; i < kMaxCatchUpPages; i++) {
        const page = await listMessages(api, channelId, { after, limit: kMaxMessagePage }, language);
        if (gen !== generation.current) return;
        setMessages((list) => mergeMessages(list, page.items));
        after = Math.max(after, newestSeq(page.items));
        if (page.items.length < kMaxMessagePage) break;
      }
    } catch (e) {
      if (gen === generation.current) fail(e);
    } finally {
      catchingUp.current = false;
      if (catchUpAgain.current) {
        catchUpAgain.current = false;
        void catchUp();
      }
    }
  }, [api, channelId, language, fail]);

  useEffect(() => {
    if (loaded && posted > newestSeq(messagesRef.current)) void catchUp();
  }, [posted, loaded, catchUp]);

  useEffect(() => {
    if (!loaded || changed <= changedSeen.current) return;
    changedSeen.current = changed;
    const gen = generation.current;
    listMessages(api, channelId, { limit: windowSize(messagesRef.current.length) }, language)
      .then((page) => {
        if (gen === generation.current) setMessages((list) => mergeMessages(list, page.items));
      })
      .catch((e: unknown) => {
        if (gen === generation.current) fail(e);
      });
  }, [changed, loaded, api, channelId, language, fail]);

  const loadOlder = useCallback(async () => {
    if (!cursor) return;
    const gen = generation.current;
    setLoadingOlder(true);
    try {
      const page = await listMessages(api, channelId, { cursor, limit: kHistoryPageSize }, language);
      if (gen !== generation.current) return;
      setMessages((list) => mergeMessages(list, page.items));
      setCursor(page.next ?? null);
    } catch (e) {
      if (gen === generation.current) fail(e);
    } finally {
      setLoadingOlder(false);
    }
  }, [api, channelId, cursor, language, fail]);

  const put = useCallback((message: Message) => {
    if (message.channel_id === channelId) setMessages((list) => mergeMessages(list, [message]));
  }, [channelId]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  return { messages, loading, error, hasOlder: cursor !== null, loadingOlder, loadOlder, put, reload };
}
