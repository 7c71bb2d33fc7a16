// What a registration, change or cancellation found: the receipt (the seq
// of its event), the conflicts it created, updated or resolved, as this
// user may see them, and the protected sites near the footprint.
import { useTranslation } from 'react-i18next';
import type { ActivityReceipt } from '../api/deconfliction';
import { useFormatContext, WarningList } from './common';
import { ConflictCard } from './ConflictCard';

export function ReceiptPanel({ receipt, message }: { receipt: ActivityReceipt; message: string }) {
  const { t } = useTranslation();
  const ctx = useFormatContext();
  return (
    <section className="dcf-receipt" data-testid="activity-receipt" data-seq={receipt.seq}>
      <p className="req-receipt" role="status" data-testid="receipt">
        {message}
      </p>
      <h2 className="req-section__title">{t('deconfliction.receipt.conflicts')}</h2>
      {receipt.conflicts.length === 0 ? (
        <p className="req-muted" data-testid="receipt-no-conflicts">
          {t('deconfliction.receipt.none')}
        </p>
      ) : (
        <div className="dcf-cards" data-testid="receipt-conflicts">
          {receipt.conflicts.map((c) => (
            <ConflictCard key={c.id} conflict={c} ctx={ctx} />
          ))}
        </div>
      )}
      <WarningList warnings={receipt.warnings} testId="receipt-warnings" />
    </section>
  );
}
