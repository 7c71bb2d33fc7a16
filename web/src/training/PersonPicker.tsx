// Choosing a person of the registry: a search by service number or name
// (GET /personnel?q=), the matches to pick from, and the one picked. The
// search runs when asked (the button or Enter), never on each keystroke:
// every search is an access to personnel records that the server logs.
//
// No <form> of its own, so that it can sit inside another form.
import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { findPersons, type PersonSummary } from '../api/training';
import { useApi, useSession } from '../app/context';
import { ErrorMessage } from '../requests/common';
import { kTrainingErrorKeys, PersonName } from './common';

/** The most matches listed; the user narrows the search for more. */
export const kPersonMatches = 10;

export interface PersonPickerProps {
  picked: PersonSummary | null;
  onPick(person: PersonSummary | null): void;
  /** The label of the search box. */
  label?: string;
}

export function PersonPicker({ picked, onPick, label }: PersonPickerProps) {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const ids = useId();
  const [q, setQ] = useState('');
  const [matches, setMatches] = useState<PersonSummary[] | null>(null);
  const [more, setMore] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const search = async () => {
    const text = q.trim();
    if (!text) return;
    setPending(true);
    setError(null);
    try {
      const page = await findPersons(api, text, kPersonMatches);
      setMatches(page.items);
      setMore(page.next !== null && page.next !== undefined);
    } catch (e) {
      if (isApiError(e) && e.status === 401) session.expired();
      setMatches(null);
      setError(e);
    } finally {
      setPending(false);
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void search();
    }
  };

  if (picked) {
    return (
      <div className="trn-picked" data-testid="person-picked" data-id={picked.id}>
        <span className="trn-picked__label">{t('training.person.picked')}</span>
        <PersonName person={picked} />
        <button type="button" className="button button--quiet" data-testid="person-change" onClick={() => onPick(null)}>
          {t('training.person.change')}
        </button>
      </div>
    );
  }

  return (
    <div className="trn-picker" data-testid="person-picker">
      <div className="field">
        <label htmlFor={`${ids}-q`}>{label ?? t('training.person.search')}</label>
        <div className="trn-picker__row">
          <input
            id={`${ids}-q`}
            type="search"
            dir="auto"
            data-testid="person-query"
            value={q}
            placeholder={t('training.person.placeholder')}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <button
            type="button"
            className="button"
            data-testid="person-search"
            disabled={pending || !q.trim()}
            onClick={() => void search()}
          >
            {pending ? t('app.loading') : t('training.person.search_button')}
          </button>
        </div>
        <p className="req-hint">{t('training.person.logged')}</p>
      </div>
      <ErrorMessage error={error} testId="person-error" keys={kTrainingErrorKeys} />
      {matches !== null &&
        (matches.length === 0 ? (
          <p className="req-muted" data-testid="person-none">
            {t('training.person.none')}
          </p>
        ) : (
          <ul className="trn-picker__matches" data-testid="person-matches">
            {matches.map((p) => (
              <li key={p.id}>
                <button type="button" className="trn-picker__match" data-testid="person-match" data-id={p.id} onClick={() => onPick(p)}>
                  <PersonName person={p} />
                </button>
              </li>
            ))}
          </ul>
        ))}
      {more && <p className="req-hint">{t('training.person.narrow', { n: kPersonMatches })}</p>}
    </div>
  );
}
