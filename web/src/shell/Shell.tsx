// The signed-in console: header with the navigation bar on top, the page of
// the current route (the map by default) with the live event ticker beside
// it. The shell owns the one event stream and shares its events with pages.
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../app/context';
import { AlertBanner } from '../duty/AlertBanner';
import { EventTicker } from '../ticker/EventTicker';
import { useEventStream } from '../ticker/useEventStream';
import { Header } from './Header';
import { renderRoute, StreamEventsProvider, useRoute } from './routes';
import './shell.css';

export function Shell() {
  const { t } = useTranslation();
  const session = useSession();
  const { state, events } = useEventStream(session.expired);
  const route = useRoute();
  // Pages are lazy (Leaflet is most of the bundle): loaded after sign-in,
  // each when first shown.
  const page = renderRoute(route);

  return (
    <div className="shell">
      <Header me={session.me} onLogout={session.logout} route={route} />
      <div className="shell__body">
        <main className="shell__main" data-testid="page" data-page={route.page}>
          <StreamEventsProvider value={events}>
            <AlertBanner />
            <Suspense fallback={<div className="app-status" role="status">{t('app.loading')}</div>}>
              {page ?? (
                <div className="app-status" role="alert" data-testid="not-found">
                  <p>{t('nav.not_found')}</p>
                  <a className="button" href="#/map">
                    {t('nav.map')}
                  </a>
                </div>
              )}
            </Suspense>
          </StreamEventsProvider>
        </main>
        <aside className="shell__aside">
          <EventTicker events={events} state={state} />
        </aside>
      </div>
    </div>
  );
}
