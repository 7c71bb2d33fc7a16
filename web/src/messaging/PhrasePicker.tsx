// The phrasebook in the composer: the phrases grouped by category, each
// shown in the user's language, the chosen phrase's typed parameters
// (text, count, time, minutes, ref) and a preview of what will be sent.
// The reader of the message sees the phrase in their own language.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { kMaxParamTextLength, type ParamKind, type Phrase, type Phrasebook } from '../api/messaging';
import { useLanguage } from '../requests/common';
import { fillPhrase, phraseCategories, phraseTemplate, type ParamError } from './model';

/** i18n key segment of a category or parameter name ("de-escalation" -> "de_escalation"). */
export function keySegment(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

// Whole numbers are typed as text with a numeric keyboard: a number input
// would turn "2x" into "" and the check would say "required" instead of
// "a whole number".
const kInputType: Record<ParamKind, string> = {
  text: 'text',
  count: 'text',
  minutes: 'text',
  time: 'time',
  ref: 'text',
};

export interface PhrasePickerProps {
  book: Phrasebook;
  phraseKey: string;
  values: Readonly<Record<string, string>>;
  /** Local checks by parameter name. */
  errors: Readonly<Record<string, ParamError>>;
  /** The server's objection to one parameter (from the problem's pointer). */
  serverError: { param: string; detail: string } | null;
  onPhrase(key: string): void;
  onValue(name: string, value: string): void;
}

export function PhrasePicker({ book, phraseKey, values, errors, serverError, onPhrase, onValue }: PhrasePickerProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const ids = useId();
  const phrase: Phrase | undefined = book.items.find((p) => p.key === phraseKey);

  const errorText = (name: string): string | null => {
    const local = errors[name];
    if (local) return t(`messaging.param_error.${local}`);
    if (serverError?.param === name) return serverError.detail || t('errors.invalid_argument');
    return null;
  };

  return (
    <div className="msg-phrase" data-testid="phrase-picker">
      <div className="msg-field">
        <label htmlFor={`${ids}-phrase`}>{t('messaging.composer.phrase')}</label>
        <select
          id={`${ids}-phrase`}
          data-testid="phrase-select"
          value={phraseKey}
          aria-invalid={errors['_phrase'] ? true : undefined}
          onChange={(e) => onPhrase(e.target.value)}
        >
          <option value="">{t('messaging.composer.choose_phrase')}</option>
          {phraseCategories(book).map((c) => (
            <optgroup key={c.category} label={t(`messaging.category.${keySegment(c.category)}`, { defaultValue: c.category })}>
              {c.phrases.map((p) => (
                <option key={p.key} value={p.key}>
                  {phraseTemplate(p, language)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {errors['_phrase'] && (
          <p className="msg-field__error" data-testid="error-phrase">
            {t(`messaging.param_error.${errors['_phrase']}`)}
          </p>
        )}
      </div>

      {phrase && phrase.params.length > 0 && (
        <div className="msg-phrase__params">
          {phrase.params.map((p) => {
            const id = `${ids}-param-${p.name}`;
            const error = errorText(p.name);
            return (
              <div className="msg-field" key={p.name} data-param={p.name} data-kind={p.kind}>
                <label htmlFor={id}>{t(`messaging.param.${keySegment(p.name)}`, { defaultValue: p.name })}</label>
                <input
                  id={id}
                  type={kInputType[p.kind]}
                  data-testid={`phrase-param-${p.name}`}
                  value={values[p.name] ?? ''}
                  dir={p.kind === 'text' ? 'auto' : 'ltr'}
                  maxLength={p.kind === 'text' ? kMaxParamTextLength : undefined}
                  inputMode={p.kind === 'count' || p.kind === 'minutes' ? 'numeric' : undefined}
                  placeholder={p.kind === 'ref' ? 'REQ-2026-000012' : undefined}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={`${id}-hint`}
                  onChange={(e) => onValue(p.name, e.target.value)}
                />
                <p className="msg-hint" id={`${id}-hint`}>
                  {t(`messaging.param_kind.${p.kind}`)}
                </p>
                {error && (
                  <p className="msg-field__error" data-testid={`error-param-${p.name}`}>
                    {error}
                  </p>
                )}
              </div>
            );
          })}
        </div>
      )}

      {phrase && (
        <p className="msg-phrase__preview" dir="auto" data-testid="phrase-preview">
          {fillPhrase(phraseTemplate(phrase, language), values)}
        </p>
      )}
    </div>
  );
}
