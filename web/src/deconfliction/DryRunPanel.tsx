// "Would this conflict?": the live dry run of the footprint being drawn,
// before anything is registered. For a party each conflict is a pointer
// (whom it conflicts with, when, roughly where, whom to call); the
// coordinator's duty desk also sees the other record. Protected sites
// nearby are listed as warnings.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckRequest } from '../api/deconfliction';
import { ErrorMessage } from '../requests/common';
import { CheckConflictList, kDeconflictionErrorKeys, useFormatContext, WarningList } from './common';
import { useDryRun } from './useDryRun';

export function DryRunPanel({ check }: { check: CheckRequest | null }) {
  const { t } = useTranslation();
  const ids = useId();
  const ctx = useFormatContext();
  const run = useDryRun(check);
  const state = run.pending ? 'pending' : run.result ? 'done' : run.error ? 'error' : 'idle';
  const result = run.result;

  let body;
  if (check === null) body = <p className="req-muted">{t('deconfliction.check.draw_first')}</p>;
  else if (run.error) body = <ErrorMessage error={run.error} testId="check-error" keys={kDeconflictionErrorKeys} />;
  else if (!result) body = <p className="req-muted" role="status">{t('deconfliction.check.pending')}</p>;
  else {
    body = (
      <>
        {result.conflicts.length === 0 ? (
          <p className="req-ok" data-testid="check-clear">
            {t('deconfliction.check.clear')}
          </p>
        ) : (
          <>
            <p className="req-late" data-testid="check-count">
              {t('deconfliction.check.found', { n: result.conflicts.length })}
            </p>
            <CheckConflictList conflicts={result.conflicts} ctx={ctx} />
          </>
        )}
        <WarningList warnings={result.warnings} testId="check-warnings" />
      </>
    );
  }

  return (
    <section
      className="req-evaluation"
      data-testid="dry-run"
      data-state={state}
      data-conflicts={result?.conflicts.length ?? ''}
      aria-live="polite"
      aria-labelledby={`${ids}-title`}
    >
      <h3 id={`${ids}-title`} className="req-subtitle">
        {t('deconfliction.check.title')}
      </h3>
      {body}
    </section>
  );
}
