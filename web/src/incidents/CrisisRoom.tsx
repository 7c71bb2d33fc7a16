// An incident's crisis room beside it: the channel whose members are the
// parties the incident is shared with (docs/messaging.md), drawn by the
// messaging screens' chat.
import { useTranslation } from 'react-i18next';
import { ChatRoom } from '../messaging/ChatRoom';

export function CrisisRoom({ channelId }: { channelId: string }) {
  const { t } = useTranslation();
  return (
    <section className="inc-room" aria-label={t('incidents.page.crisis_room')} data-testid="crisis-room" data-channel={channelId}>
      <h2 className="req-section__title">{t('incidents.page.crisis_room')}</h2>
      <ChatRoom channelId={channelId} />
    </section>
  );
}
