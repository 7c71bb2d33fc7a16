// The shell's header: the navigation bar, who is signed in (name, unit,
// party, coordinator badge), the language switch and logout.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/types';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { navItemsFor, routeHash, type Route } from './routes';

export interface HeaderProps {
  me: Me;
  onLogout(): Promise<void>;
  /** The current route; the navigation bar is shown when given. */
  route?: Route;
}

function NavBar({ me, route }: { me: Me; route: Route }) {
  const { t } = useTranslation();
  return (
    <nav className="shell-nav" aria-label={t('nav.label')} data-testid="nav">
      {navItemsFor(me).map((item) => {
        const current = item.current.includes(route.page);
        return (
          <a
            key={item.key}
            className="shell-nav__link"
            href={routeHash(item.route)}
            aria-current={current ? 'page' : undefined}
            data-testid={`nav-${item.key}`}
          >
            {t(item.label ?? `nav.${item.key}`)}
          </a>
        );
      })}
    </nav>
  );
}

export function Header({ me, onLogout, route }: HeaderProps) {
  const { t, i18n } = useTranslation();
  const [leaving, setLeaving] = useState(false);
  const name = me.display_name || me.username;
  const lang = i18n.language as 'en' | 'ar' | 'he';
  const unitName = me.unit_names?.[lang] || me.unit_name || me.unit;
  const partyName = me.party_names?.[lang] || me.party_name || me.party;

  return (
    <header className="shell-header" data-testid="header">
      <div className="shell-header__brand">
        <span className="shell-header__name">{t('app.name')}</span>
        <span className="shell-header__tagline">{t('app.tagline')}</span>
      </div>

      {route && <NavBar me={me} route={route} />}

      <dl className="shell-header__user" aria-label={t('shell.signed_in_as')}>
        <div className="shell-header__item">
          <dt className="visually-hidden">{t('shell.user')}</dt>
          <dd data-testid="user-name" title={me.username}>
            <bdi>{name}</bdi>
            {me.display_name && me.display_name !== me.username && (
              <span className="shell-header__muted"> (<bdi>{me.username}</bdi>)</span>
            )}
          </dd>
        </div>
        <div className="shell-header__item">
          <dt>{t('shell.unit')}</dt>
          <dd data-testid="user-unit" title={me.unit}>
            <bdi>{unitName}</bdi>
          </dd>
        </div>
        <div className="shell-header__item">
          <dt>{t('shell.party')}</dt>
          <dd data-testid="user-party" title={me.party}>
            <bdi>{partyName}</bdi>
          </dd>
        </div>
        {me.is_coordinator && (
          <div className="shell-header__item">
            <dt className="visually-hidden">{t('shell.role')}</dt>
            <dd className="badge" data-testid="coordinator-badge">{t('shell.coordinator')}</dd>
          </div>
        )}
      </dl>

      <div className="shell-header__actions">
        <LanguageSwitch />
        <button
          type="button"
          className="button"
          data-testid="logout"
          disabled={leaving}
          onClick={() => {
            setLeaving(true);
            void onLogout().finally(() => setLeaving(false));
          }}
        >
          {t('shell.logout')}
        </button>
      </div>
    </header>
  );
}
