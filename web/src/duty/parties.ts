// Party names for the duty desk and the figures, from GET /api/v1/parties,
// in the current language. Until they load (or when the directory may not be
// read) a party shows as its id in capitals, the acronym every side uses.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listParties, type Party } from '../api/requests';
import { useApi } from '../app/context';
import { isLanguage, type Language } from '../i18n/languages';

export type PartyNamer = (id: string) => string;

/** Pure: the namer for a party list and language. */
export function partyNamer(parties: readonly Party[], lang: Language): PartyNamer {
  const byId = new Map(parties.map((p) => [p.id, p]));
  return (id) => {
    const p = byId.get(id);
    const name = p ? { en: p.name_en, ar: p.name_ar, he: p.name_he }[lang] || p.name_en : '';
    return name || id.toUpperCase();
  };
}

export function usePartyNames(): PartyNamer {
  const api = useApi();
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage;
  const lang: Language = isLanguage(lng) ? lng : 'en';
  const [parties, setParties] = useState<Party[]>([]);

  useEffect(() => {
    const abort = new AbortController();
    listParties(api, abort.signal)
      .then((list) => setParties(list.items))
      .catch(() => undefined); // ids stand in for names
    return () => abort.abort();
  }, [api]);

  return partyNamer(parties, lang);
}
