// One conflict in brief, as the user may see it: for a side the pointer and
// its own record, for the coordinator's duty desk both records and the
// distance. Used where an activity lists its conflicts and after a
// registration or change lists those it created, updated or resolved.
import { useTranslation } from 'react-i18next';
import type { Conflict, ConflictSide } from '../api/deconfliction';
import { routeHash } from '../shell/routes';
import { partyName } from '../requests/format';
import { ConflictStateBadge, Distance, DistrictName, PointerSentence, TimeWindow } from './common';
import type { FormatContext } from './format';
import { isFullView, recordHref } from './model';

function SideLine({ side, ctx }: { side: ConflictSide; ctx: FormatContext }) {
  const { t } = useTranslation();
  return (
    <li data-testid="conflict-side" data-party={side.party} data-ref={side.ref}>
      <bdi className="dcf-side__party">{partyName(side.party, ctx.parties, ctx.language)}</bdi>
      {' · '}
      {t(`deconfliction.kind.${side.kind}`, { defaultValue: side.kind })}
      {' · '}
      <a href={recordHref(side.ref, side.type)}>
        <bdi>{side.ref}</bdi>
      </a>
      {' · '}
      <bdi dir="auto" data-testid="conflict-side-title">
        {side.title}
      </bdi>
    </li>
  );
}

export function ConflictCard({ conflict, ctx }: { conflict: Conflict; ctx: FormatContext }) {
  const { t } = useTranslation();
  return (
    <article className="dcf-card" data-testid="conflict-card" data-id={conflict.id} data-view={conflict.view}>
      <header className="dcf-card__head">
        <a href={routeHash({ page: 'conflict', id: conflict.id })} className="req-id" data-testid="conflict-link">
          <bdi>{conflict.id}</bdi>
        </a>
        <ConflictStateBadge state={conflict.state} />
        {conflict.auto && <span className="req-chip">{t('deconfliction.conflict.auto')}</span>}
      </header>
      {isFullView(conflict) ? (
        <>
          <ul className="req-list">
            {conflict.sides.map((s) => (
              <SideLine key={`${s.party}-${s.ref}`} side={s} ctx={ctx} />
            ))}
          </ul>
          <p className="req-muted">
            <TimeWindow start={conflict.start} end={conflict.end} />
            {' · '}
            <DistrictName code={conflict.district} />
            {' · '}
            {t('deconfliction.field.distance')}: <Distance metres={conflict.distance_m} />
          </p>
        </>
      ) : (
        <PointerSentence pointer={conflict} ctx={ctx} />
      )}
    </article>
  );
}
