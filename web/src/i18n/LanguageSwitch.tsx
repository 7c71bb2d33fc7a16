// EN / العربية / עברית: switches the console language. The choice is
// persisted and applied to <html lang dir> by the listeners set up in main.tsx.
import { useTranslation } from 'react-i18next';
import { kLanguages } from './languages';
import './language-switch.css';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('language.switch')}>
      {kLanguages.map((l) => {
        const active = i18n.resolvedLanguage === l.code;
        return (
          <button
            key={l.code}
            type="button"
            lang={l.code}
            dir={l.dir}
            className="language-switch__option"
            aria-pressed={active}
            data-testid={`lang-${l.code}`}
            onClick={() => void i18n.changeLanguage(l.code)}
          >
            {l.autonym}
          </button>
        );
      })}
    </div>
  );
}
