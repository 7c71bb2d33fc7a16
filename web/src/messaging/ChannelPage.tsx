// One channel on its own page: a way back to the messages and the chat.
import { useTranslation } from 'react-i18next';
import { routeHash } from '../shell/routes';
import { ChatRoom } from './ChatRoom';
import './messaging.css';

export function ChannelPage({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <div className="msg-page" data-testid="channel-page" data-channel={id}>
      <nav className="msg-page__nav">
        <a href={routeHash({ page: 'messages' })} data-testid="back-to-messages">
          {t('messaging.chat.back')}
        </a>
        <a href={routeHash({ page: 'message_search', q: '', channel: id })} data-testid="search-channel">
          {t('messaging.search.in_channel')}
        </a>
      </nav>
      <ChatRoom channelId={id} />
    </div>
  );
}
