// Small pieces shared by the messaging screens: a channel's name and kind,
// the FLASH badge, a message's time, and the messaging screens' words for
// 403, 404 and 409.
import { useTranslation } from 'react-i18next';
import type { Channel, ChannelKind } from '../api/messaging';
import { governorateName } from '../common/governorates';
import { formatClock, formatDateTime } from '../common/time';
import { useLanguage, type ErrorKeys } from '../requests/common';
import { channelName } from './model';

export const kMessagingErrorKeys: ErrorKeys = {
  forbidden: 'messaging.error.forbidden',
  conflict: 'messaging.error.conflict',
  not_found: 'messaging.error.not_found',
};

/** The channel's name in the user's language. */
export function useChannelTitle(): (channel: Channel, me: string) => string {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (channel, me) => {
    const name = channelName(channel, me, (pcode) => governorateName(pcode, language));
    return name.kind === 'title' ? name.title : t(name.key, name.values);
  };
}

export function KindBadge({ kind }: { kind: ChannelKind }) {
  const { t } = useTranslation();
  return (
    <span className={`msg-kind msg-kind--${kind}`} data-testid="channel-kind" data-kind={kind}>
      {t(`messaging.kind.${kind}`)}
    </span>
  );
}

export function FlashBadge({ testId = 'flash-badge' }: { testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className="msg-flash-badge" data-testid={testId}>
      {t('messaging.priority.flash')}
    </span>
  );
}

const sameDay = (a: number, b: number) => new Date(a).toDateString() === new Date(b).toDateString();

/** A message's time: the clock today, the date and clock before; the full time on hover. */
export function MessageTime({ at, nowMs = Date.now() }: { at: string; nowMs?: number }) {
  const { locale } = useLanguage();
  const ms = Date.parse(at);
  const shown = !Number.isNaN(ms) && sameDay(ms, nowMs) ? formatClock(at, locale) : formatDateTime(at, locale);
  return (
    <time className="msg-time" dateTime={at} title={formatDateTime(at, locale)}>
      {shown}
    </time>
  );
}
