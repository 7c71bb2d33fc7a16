// The signed-in console: header on top, the map page (the default and, for
// now, only page) with the live event ticker beside it.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/context';
import { EventTicker } from '../ticker/EventTicker';
import { useEventStream } from '../ticker/useEventStream';
import { Header } from './Header';
import './shell.css';

// Leaflet is most of the bundle; load it after sign-in, not for the login page.
const MapPage = lazy(() => import('../map/MapPage').then((m) => ({ default: m.MapPage })));

export function Shell() {
  const { t } = useTranslation();
  const session = useSession();
  const { state, events } = useEventStream(session.expired);

  return (
    <div className="shell">
      <Header me={session.me} onLogout={session.logout} />
      <div className="shell__body">
        <main className="shell__main">
          <Suspense fallback={<div className="app-status" role="status">{t('app.loading')}</div>}>
            <MapPage />
          </Suspense>
        </main>
        <aside className="shell__aside">
          <EventTicker events={events} state={state} />
        </aside>
      </div>
    </div>
  );
}
