// The console's pages and its hash router: "#/map", "#/requests?box=inbox",
// "#/requests/new", "#/requests/<id>", "#/duty", "#/figures",
// "#/activities", "#/activities/new", "#/activities/<id>", "#/conflicts",
// "#/conflicts/<id>", "#/protected-sites", "#/incidents", "#/incidents/new",
// "#/incidents/<id>", "#/returns", "#/returns/new", "#/returns/<id>",
// "#/messages", "#/messages/<channel id>", "#/messages/search?q=&channel=",
// "#/personnel" (its search filters in the query, kept by the page),
// "#/personnel/import", "#/personnel/<id>", "#/analytics/personnel", "#/establishment",
// "#/vetting", "#/vetting/new?kind=&id=&purpose=&ref=", "#/vetting/<id>",
// "#/courses", "#/courses/new", "#/courses/<code>", "#/sessions?course=",
// "#/sessions/new?course=", "#/sessions/<id>", "#/targets",
// "#/allegations", "#/allegations/new", "#/allegations/<id>".
//
// parseRoute/routeHash are pure and inverse of each other for every route.
// Pages are lazy-loaded (Leaflet and the request forms are most of the
// bundle). The shell shares its one event stream with pages through
// StreamEventsContext; a page never opens a WebSocket of its own.
import { createContext, lazy, useContext, useEffect, useState, type ReactElement } from 'react';
import type { Me, StreamEvent } from '../api/types';
import { canReadMessages } from '../messaging/model';
import { canReadPersonnel, canReadPersonnelAnalytics } from '../personnel/model';
import { canReadAllegations } from '../allegations/model';
import { canReadTraining } from '../training/model';
import { canReadVetting } from '../vetting/model';

export type RequestBox = 'inbox' | 'outbox';

export type Route =
  | { page: 'map' }
  | { page: 'requests'; box: RequestBox }
  | { page: 'new_request' }
  | { page: 'request'; id: string }
  | { page: 'duty' }
  | { page: 'figures' }
  | { page: 'activities' }
  | { page: 'new_activity' }
  | { page: 'activity'; id: string }
  | { page: 'conflicts' }
  | { page: 'conflict'; id: string }
  | { page: 'protected_sites' }
  | { page: 'incidents' }
  | { page: 'new_incident' }
  | { page: 'incident'; id: string }
  | { page: 'returns' }
  | { page: 'new_return' }
  | { page: 'return_case'; id: string }
  | { page: 'messages' }
  | { page: 'channel'; id: string }
  | { page: 'message_search'; q: string; channel: string }
  | { page: 'personnel' }
  | { page: 'personnel_import' }
  | { page: 'person'; id: string }
  | { page: 'personnel_analytics' }
  | { page: 'establishment' }
  | { page: 'vetting' }
  | { page: 'new_vetting'; kind: string; subject: string; purpose: string; ref: string }
  | { page: 'vetting_request'; id: string }
  | { page: 'courses' }
  | { page: 'new_course' }
  | { page: 'course'; code: string }
  | { page: 'sessions'; course: string }
  | { page: 'new_session'; course: string }
  | { page: 'training_session'; id: string }
  | { page: 'targets' }
  | { page: 'allegations' }
  | { page: 'new_allegation' }
  | { page: 'allegation'; id: string }
  | { page: 'not_found' };

export type PageId = Route['page'];

export const kDefaultRoute: Route = { page: 'map' };

/** A record id from a path segment, or null when it is not valid percent-encoding. */
function decodeId(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Reads a location hash ("#/requests?box=outbox"); an empty hash is the map. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.length === 0) return kDefaultRoute;
  const [head, second, ...rest] = parts;
  if (rest.length > 0) return { page: 'not_found' };
  const single = (route: Route): Route => (second === undefined ? route : { page: 'not_found' });
  const id = second === undefined ? null : decodeId(second);
  switch (head) {
    case 'map':
      return single({ page: 'map' });
    case 'requests':
      if (second === undefined) {
        return { page: 'requests', box: query.get('box') === 'outbox' ? 'outbox' : 'inbox' };
      }
      if (second === 'new') return { page: 'new_request' };
      return id === null ? { page: 'not_found' } : { page: 'request', id };
    case 'duty':
      return single({ page: 'duty' });
    case 'figures':
      return single({ page: 'figures' });
    case 'activities':
      if (second === undefined) return { page: 'activities' };
      if (second === 'new') return { page: 'new_activity' };
      return id === null ? { page: 'not_found' } : { page: 'activity', id };
    case 'conflicts':
      if (second === undefined) return { page: 'conflicts' };
      return id === null ? { page: 'not_found' } : { page: 'conflict', id };
    case 'protected-sites':
      return single({ page: 'protected_sites' });
    case 'incidents':
      if (second === undefined) return { page: 'incidents' };
      if (second === 'new') return { page: 'new_incident' };
      return id === null ? { page: 'not_found' } : { page: 'incident', id };
    case 'returns':
      if (second === undefined) return { page: 'returns' };
      if (second === 'new') return { page: 'new_return' };
      return id === null ? { page: 'not_found' } : { page: 'return_case', id };
    case 'messages':
      if (second === undefined) return { page: 'messages' };
      if (second === 'search') {
        return { page: 'message_search', q: query.get('q') ?? '', channel: query.get('channel') ?? '' };
      }
      return id === null ? { page: 'not_found' } : { page: 'channel', id };
    case 'personnel':
      if (second === undefined) return { page: 'personnel' };
      if (second === 'import') return { page: 'personnel_import' };
      return id === null ? { page: 'not_found' } : { page: 'person', id };
    case 'analytics':
      return second === 'personnel' ? { page: 'personnel_analytics' } : { page: 'not_found' };
    case 'establishment':
      return single({ page: 'establishment' });
    case 'vetting':
      if (second === undefined) return { page: 'vetting' };
      if (second === 'new') {
        const q = (k: string) => query.get(k) ?? '';
        return { page: 'new_vetting', kind: q('kind'), subject: q('id'), purpose: q('purpose'), ref: q('ref') };
      }
      return id === null ? { page: 'not_found' } : { page: 'vetting_request', id };
    case 'courses':
      if (second === undefined) return { page: 'courses' };
      if (second === 'new') return { page: 'new_course' };
      return id === null ? { page: 'not_found' } : { page: 'course', code: id };
    case 'sessions':
      if (second === undefined) return { page: 'sessions', course: query.get('course') ?? '' };
      if (second === 'new') return { page: 'new_session', course: query.get('course') ?? '' };
      return id === null ? { page: 'not_found' } : { page: 'training_session', id };
    case 'targets':
      return single({ page: 'targets' });
    case 'allegations':
      if (second === undefined) return { page: 'allegations' };
      if (second === 'new') return { page: 'new_allegation' };
      return id === null ? { page: 'not_found' } : { page: 'allegation', id };
    default:
      return { page: 'not_found' };
  }
}

/** The hash of a route, "#/..." (not_found goes to the map). */
export function routeHash(route: Route): string {
  switch (route.page) {
    case 'map':
    case 'not_found':
      return '#/map';
    case 'requests':
      return `#/requests?box=${route.box}`;
    case 'new_request':
      return '#/requests/new';
    case 'request':
      return `#/requests/${encodeURIComponent(route.id)}`;
    case 'duty':
      return '#/duty';
    case 'figures':
      return '#/figures';
    case 'activities':
      return '#/activities';
    case 'new_activity':
      return '#/activities/new';
    case 'activity':
      return `#/activities/${encodeURIComponent(route.id)}`;
    case 'conflicts':
      return '#/conflicts';
    case 'conflict':
      return `#/conflicts/${encodeURIComponent(route.id)}`;
    case 'protected_sites':
      return '#/protected-sites';
    case 'incidents':
      return '#/incidents';
    case 'new_incident':
      return '#/incidents/new';
    case 'incident':
      return `#/incidents/${encodeURIComponent(route.id)}`;
    case 'returns':
      return '#/returns';
    case 'new_return':
      return '#/returns/new';
    case 'return_case':
      return `#/returns/${encodeURIComponent(route.id)}`;
    case 'messages':
      return '#/messages';
    case 'channel':
      return `#/messages/${encodeURIComponent(route.id)}`;
    case 'message_search': {
      const q = new URLSearchParams();
      if (route.q) q.set('q', route.q);
      if (route.channel) q.set('channel', route.channel);
      const qs = q.toString();
      return qs ? `#/messages/search?${qs}` : '#/messages/search';
    }
    case 'personnel':
      return '#/personnel';
    case 'personnel_import':
      return '#/personnel/import';
    case 'person':
      return `#/personnel/${encodeURIComponent(route.id)}`;
    case 'personnel_analytics':
      return '#/analytics/personnel';
    case 'establishment':
      return '#/establishment';
    case 'vetting':
      return '#/vetting';
    case 'new_vetting': {
      const q = new URLSearchParams();
      if (route.kind) q.set('kind', route.kind);
      if (route.subject) q.set('id', route.subject);
      if (route.purpose) q.set('purpose', route.purpose);
      if (route.ref) q.set('ref', route.ref);
      const qs = q.toString();
      return qs ? `#/vetting/new?${qs}` : '#/vetting/new';
    }
    case 'vetting_request':
      return `#/vetting/${encodeURIComponent(route.id)}`;
    case 'courses':
      return '#/courses';
    case 'new_course':
      return '#/courses/new';
    case 'course':
      return `#/courses/${encodeURIComponent(route.code)}`;
    case 'sessions':
      return route.course ? `#/sessions?course=${encodeURIComponent(route.course)}` : '#/sessions';
    case 'new_session':
      return route.course ? `#/sessions/new?course=${encodeURIComponent(route.course)}` : '#/sessions/new';
    case 'training_session':
      return `#/sessions/${encodeURIComponent(route.id)}`;
    case 'targets':
      return '#/targets';
    case 'allegations':
      return '#/allegations';
    case 'new_allegation':
      return '#/allegations/new';
    case 'allegation':
      return `#/allegations/${encodeURIComponent(route.id)}`;
  }
}

/** Goes to a route (adds a history entry, so Back works). */
export function navigate(route: Route, win: Window = window): void {
  win.location.hash = routeHash(route);
}

/** The current route, following hashchange. */
export function useRoute(win: Window = window): Route {
  const [route, setRoute] = useState<Route>(() => parseRoute(win.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(win.location.hash));
    win.addEventListener('hashchange', onChange);
    onChange();
    return () => win.removeEventListener('hashchange', onChange);
  }, [win]);
  return route;
}

const MapPage = lazy(() => import('../map/MapPage').then((m) => ({ default: m.MapPage })));
const RequestsPage = lazy(() => import('../requests/RequestsPage').then((m) => ({ default: m.RequestsPage })));
const NewRequestPage = lazy(() =>
  import('../requests/NewRequestPage').then((m) => ({ default: m.NewRequestPage })),
);
const RequestPage = lazy(() => import('../requests/RequestPage').then((m) => ({ default: m.RequestPage })));
const DutyPage = lazy(() => import('../duty/DutyPage').then((m) => ({ default: m.DutyPage })));
const FiguresPage = lazy(() => import('../figures/FiguresPage').then((m) => ({ default: m.FiguresPage })));
const ActivitiesPage = lazy(() =>
  import('../deconfliction/ActivitiesPage').then((m) => ({ default: m.ActivitiesPage })),
);
const NewActivityPage = lazy(() =>
  import('../deconfliction/NewActivityPage').then((m) => ({ default: m.NewActivityPage })),
);
const ActivityPage = lazy(() => import('../deconfliction/ActivityPage').then((m) => ({ default: m.ActivityPage })));
const ConflictsPage = lazy(() => import('../deconfliction/ConflictsPage').then((m) => ({ default: m.ConflictsPage })));
const ConflictPage = lazy(() => import('../deconfliction/ConflictPage').then((m) => ({ default: m.ConflictPage })));
const ProtectedSitesPage = lazy(() =>
  import('../deconfliction/ProtectedSitesPage').then((m) => ({ default: m.ProtectedSitesPage })),
);
const IncidentsPage = lazy(() => import('../incidents/IncidentsPage').then((m) => ({ default: m.IncidentsPage })));
const NewIncidentPage = lazy(() =>
  import('../incidents/NewIncidentPage').then((m) => ({ default: m.NewIncidentPage })),
);
const IncidentPage = lazy(() => import('../incidents/IncidentPage').then((m) => ({ default: m.IncidentPage })));
const ReturnsBoard = lazy(() => import('../returns/ReturnsBoard').then((m) => ({ default: m.ReturnsBoard })));
const NewReturnPage = lazy(() => import('../returns/NewReturnPage').then((m) => ({ default: m.NewReturnPage })));
const ReturnPage = lazy(() => import('../returns/ReturnPage').then((m) => ({ default: m.ReturnPage })));
const MessagesPage = lazy(() => import('../messaging/MessagesPage').then((m) => ({ default: m.MessagesPage })));
const ChannelPage = lazy(() => import('../messaging/ChannelPage').then((m) => ({ default: m.ChannelPage })));
const MessageSearchPage = lazy(() =>
  import('../messaging/MessageSearchPage').then((m) => ({ default: m.MessageSearchPage })),
);
const PersonnelSearchPage = lazy(() =>
  import('../personnel/PersonnelSearchPage').then((m) => ({ default: m.PersonnelSearchPage })),
);
const ImportPage = lazy(() => import('../personnel/ImportPage').then((m) => ({ default: m.ImportPage })));
const PersonPage = lazy(() => import('../personnel/PersonPage').then((m) => ({ default: m.PersonPage })));
const AnalyticsPage = lazy(() => import('../personnel/AnalyticsPage').then((m) => ({ default: m.AnalyticsPage })));
const EstablishmentPage = lazy(() =>
  import('../personnel/EstablishmentPage').then((m) => ({ default: m.EstablishmentPage })),
);
const VettingQueuePage = lazy(() => import('../vetting/VettingQueuePage').then((m) => ({ default: m.VettingQueuePage })));
const NewVettingPage = lazy(() => import('../vetting/NewVettingPage').then((m) => ({ default: m.NewVettingPage })));
const VettingRequestPage = lazy(() =>
  import('../vetting/VettingRequestPage').then((m) => ({ default: m.VettingRequestPage })),
);
const CoursesPage = lazy(() => import('../training/CoursesPage').then((m) => ({ default: m.CoursesPage })));
const NewCoursePage = lazy(() => import('../training/NewCoursePage').then((m) => ({ default: m.NewCoursePage })));
const CoursePage = lazy(() => import('../training/CoursePage').then((m) => ({ default: m.CoursePage })));
const SessionsPage = lazy(() => import('../training/SessionsPage').then((m) => ({ default: m.SessionsPage })));
const NewSessionPage = lazy(() => import('../training/NewSessionPage').then((m) => ({ default: m.NewSessionPage })));
const SessionPage = lazy(() => import('../training/SessionPage').then((m) => ({ default: m.SessionPage })));
const TargetsPage = lazy(() => import('../training/TargetsPage').then((m) => ({ default: m.TargetsPage })));
const AllegationsPage = lazy(() => import('../allegations/AllegationsPage').then((m) => ({ default: m.AllegationsPage })));
const NewAllegationPage = lazy(() =>
  import('../allegations/NewAllegationPage').then((m) => ({ default: m.NewAllegationPage })),
);
const AllegationPage = lazy(() => import('../allegations/AllegationPage').then((m) => ({ default: m.AllegationPage })));

type RouteOf<P extends PageId> = Extract<Route, { page: P }>;
type PageTable = { [P in PageId]?: (route: RouteOf<P>) => ReactElement };

/** How each page is drawn; a page missing here renders as not found. */
const kPages: PageTable = {
  map: () => <MapPage />,
  requests: (r) => <RequestsPage box={r.box} />,
  new_request: () => <NewRequestPage />,
  request: (r) => <RequestPage id={r.id} />,
  duty: () => <DutyPage />,
  figures: () => <FiguresPage />,
  activities: () => <ActivitiesPage />,
  new_activity: () => <NewActivityPage />,
  activity: (r) => <ActivityPage id={r.id} />,
  conflicts: () => <ConflictsPage />,
  conflict: (r) => <ConflictPage id={r.id} />,
  protected_sites: () => <ProtectedSitesPage />,
  incidents: () => <IncidentsPage />,
  new_incident: () => <NewIncidentPage />,
  incident: (r) => <IncidentPage id={r.id} />,
  returns: () => <ReturnsBoard />,
  new_return: () => <NewReturnPage />,
  return_case: (r) => <ReturnPage id={r.id} />,
  messages: () => <MessagesPage />,
  channel: (r) => <ChannelPage id={r.id} />,
  message_search: (r) => <MessageSearchPage q={r.q} channel={r.channel} />,
  personnel: () => <PersonnelSearchPage />,
  personnel_import: () => <ImportPage />,
  person: (r) => <PersonPage id={r.id} />,
  personnel_analytics: () => <AnalyticsPage />,
  establishment: () => <EstablishmentPage />,
  vetting: () => <VettingQueuePage />,
  new_vetting: (r) => (
    <NewVettingPage
      key={routeHash(r)}
      prefill={{ kind: r.kind, subject: r.subject, purpose: r.purpose, ref: r.ref }}
    />
  ),
  vetting_request: (r) => <VettingRequestPage id={r.id} />,
  courses: () => <CoursesPage />,
  new_course: () => <NewCoursePage />,
  course: (r) => <CoursePage code={r.code} />,
  sessions: (r) => <SessionsPage course={r.course} />,
  new_session: (r) => <NewSessionPage key={r.course} course={r.course} />,
  training_session: (r) => <SessionPage id={r.id} />,
  targets: () => <TargetsPage />,
  allegations: () => <AllegationsPage />,
  new_allegation: () => <NewAllegationPage />,
  allegation: (r) => <AllegationPage id={r.id} />,
};

/** The element for a route, or null when no page serves it. */
export function renderRoute(route: Route): ReactElement | null {
  const render = kPages[route.page] as ((r: Route) => ReactElement) | undefined;
  return render ? render(route) : null;
}

/**
 * Roles that may read coordination requests (docs/requests.md, "Who sees a
 * request"), and so a party's planned activities and conflicts
 * (docs/deconfliction.md: "as requests are").
 */
export const kRequestReaderRoles: readonly string[] = ['liaison', 'duty', 'commander', 'analyst', 'auditor'];

export function canReadRequests(me: Me): boolean {
  return me.roles.some((r) => kRequestReaderRoles.includes(r));
}

/** Roles that may read the request figures (the auditor reads requests, not figures). */
export const kFigureReaderRoles: readonly string[] = ['liaison', 'duty', 'commander', 'analyst'];

export function canReadFigures(me: Me): boolean {
  return me.roles.some((r) => kFigureReaderRoles.includes(r));
}

/** Roles that may create and answer requests. */
export const kRequestWriterRoles: readonly string[] = ['liaison', 'duty', 'commander'];

export function canWriteRequests(me: Me): boolean {
  return me.roles.some((r) => kRequestWriterRoles.includes(r));
}

export interface NavItem {
  /** i18n key suffix under "nav.", and the item's test id. */
  key: string;
  /** The label's full i18n key, for an area that keeps it in its own file; default "nav.<key>". */
  label?: string;
  route: Route;
  /** Pages whose nav item is marked current while they show. */
  current: readonly PageId[];
  show(me: Me): boolean;
}

/** The navigation bar, in order; items whose page is not in kPages are left out. */
export const kNavItems: readonly NavItem[] = [
  { key: 'map', route: { page: 'map' }, current: ['map'], show: () => true },
  {
    key: 'requests',
    route: { page: 'requests', box: 'inbox' },
    current: ['requests', 'request'],
    show: canReadRequests,
  },
  { key: 'new_request', route: { page: 'new_request' }, current: ['new_request'], show: canWriteRequests },
  { key: 'duty', route: { page: 'duty' }, current: ['duty'], show: canWriteRequests },
  { key: 'figures', route: { page: 'figures' }, current: ['figures'], show: canReadFigures },
  {
    key: 'activities',
    route: { page: 'activities' },
    current: ['activities', 'new_activity', 'activity'],
    show: canReadRequests,
  },
  { key: 'conflicts', route: { page: 'conflicts' }, current: ['conflicts', 'conflict'], show: canReadRequests },
  { key: 'protected_sites', route: { page: 'protected_sites' }, current: ['protected_sites'], show: () => true },
  {
    key: 'incidents',
    label: 'incidents.nav',
    route: { page: 'incidents' },
    current: ['incidents', 'new_incident', 'incident'],
    show: canReadRequests,
  },
  {
    key: 'returns',
    label: 'returns.nav',
    route: { page: 'returns' },
    current: ['returns', 'new_return', 'return_case'],
    show: canReadRequests,
  },
  {
    key: 'messages',
    label: 'messaging.nav',
    route: { page: 'messages' },
    current: ['messages', 'channel', 'message_search'],
    show: canReadMessages,
  },
  {
    key: 'personnel',
    label: 'personnel.nav.registry',
    route: { page: 'personnel' },
    current: ['personnel', 'personnel_import', 'person'],
    show: canReadPersonnel,
  },
  {
    key: 'establishment',
    label: 'personnel.nav.establishment',
    route: { page: 'establishment' },
    current: ['establishment'],
    show: canReadPersonnel,
  },
  {
    key: 'personnel_analytics',
    label: 'personnel.nav.analytics',
    route: { page: 'personnel_analytics' },
    current: ['personnel_analytics'],
    show: canReadPersonnelAnalytics,
  },
  {
    key: 'vetting',
    label: 'vetting.nav',
    route: { page: 'vetting' },
    current: ['vetting', 'new_vetting', 'vetting_request'],
    show: canReadVetting,
  },
  {
    key: 'training',
    label: 'training.nav',
    route: { page: 'courses' },
    current: ['courses', 'new_course', 'course', 'sessions', 'new_session', 'training_session', 'targets'],
    show: canReadTraining,
  },
  {
    key: 'allegations',
    label: 'allegations.nav',
    route: { page: 'allegations' },
    current: ['allegations', 'new_allegation', 'allegation'],
    show: canReadAllegations,
  },
];

export function navItemsFor(me: Me): NavItem[] {
  return kNavItems.filter((item) => kPages[item.route.page] !== undefined && item.show(me));
}

const StreamEventsContext = createContext<readonly StreamEvent[]>([]);

export const StreamEventsProvider = StreamEventsContext.Provider;

/** The shell's latest stream events, newest first (empty outside the shell). */
export function useStreamEvents(): readonly StreamEvent[] {
  return useContext(StreamEventsContext);
}
