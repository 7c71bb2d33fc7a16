// The stages of a return case, who may take the next one, and how the board
// groups cases (docs/returns.md, "Who sees a case", "Stages"). Pure. The
// server decides; this only chooses what to show and which forms to offer,
// so a stale page may still get a 403 or 409, which the page reports.
import {
  kReturnStages,
  type AdvanceStage,
  type HandoverPoint,
  type ReturnCase,
  type ReturnStage,
} from '../api/returns';
import { governorateName, kGovernorates } from '../common/governorates';
import type { Language } from '../i18n/languages';
import { canWrite, type Actor } from '../requests/state';

/** The event family of return cases. */
export const kReturnEvents: readonly string[] = ['return.'];

export function stageIndex(stage: ReturnStage): number {
  return kReturnStages.indexOf(stage);
}

/** The stage after `stage`, or null once closed. */
export function nextStage(stage: ReturnStage): AdvanceStage | null {
  const next = kReturnStages[stageIndex(stage) + 1];
  return (next as AdvanceStage | undefined) ?? null;
}

export type CaseParties = Pick<ReturnCase, 'party' | 'holding_party' | 'receiving_party' | 'shared_with'>;

/** The parties of a case: the reporter, the holding and receiving parties, and those it is shared with. */
export function partiesOf(c: CaseParties): Set<string> {
  const out = new Set<string>([c.party, c.receiving_party, ...c.shared_with]);
  if (c.holding_party) out.add(c.holding_party);
  return out;
}

/**
 * Whether the actor may move the case to `to`: liaison, duty and command
 * staff of the party that takes that stage, or of the coordinator.
 */
export function mayTake(actor: Actor, c: CaseParties, to: AdvanceStage): boolean {
  if (!canWrite(actor)) return false;
  if (actor.is_coordinator) return true;
  const holding = c.holding_party === actor.party;
  const receiving = c.receiving_party === actor.party;
  switch (to) {
    case 'located':
      // While nobody holds the person, any party of the case may find them.
      return holding || (c.holding_party === null && partiesOf(c).has(actor.party));
    case 'secured':
      return holding;
    case 'handover_arranged':
      return holding || receiving;
    case 'handed_over':
    case 'closed':
      return receiving;
  }
}

/** The next stage, when the actor may take it; null otherwise. */
export function advanceFor(actor: Actor, c: CaseParties & Pick<ReturnCase, 'stage'>): AdvanceStage | null {
  const next = nextStage(c.stage);
  return next && mayTake(actor, c, next) ? next : null;
}

/** The name is shown (and may be corrected) only where the server sent it. */
export function mayKnowName(c: Pick<ReturnCase, 'id' | 'name'>): boolean {
  return c.name !== undefined;
}

export function mayRecordName(actor: Actor, c: Pick<ReturnCase, 'id' | 'name' | 'stage'>): boolean {
  return canWrite(actor) && mayKnowName(c) && c.stage !== 'closed';
}

/**
 * Over its stage's limit: the server's verdict when it read the case, or
 * the limit passing since.
 */
export function isOverdue(c: Pick<ReturnCase, 'overdue' | 'stage_due_at' | 'stage'>, nowMs: number): boolean {
  if (c.stage === 'closed') return false;
  if (c.overdue) return true;
  return c.stage_due_at !== null && Date.parse(c.stage_due_at) <= nowMs;
}

/** The board's columns: the cases at each stage, in the order given (newest first). */
export function groupByStage(items: readonly ReturnCase[]): Record<ReturnStage, ReturnCase[]> {
  const out = Object.fromEntries(kReturnStages.map((s) => [s, [] as ReturnCase[]])) as Record<ReturnStage, ReturnCase[]>;
  const seen = new Set<string>();
  for (const c of items) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    out[c.stage]?.push(c);
  }
  return out;
}

/** Overdue cases first, then the longest at their stage. */
export function boardOrder(cases: readonly ReturnCase[], nowMs: number): ReturnCase[] {
  return [...cases].sort(
    (a, b) =>
      Number(isOverdue(b, nowMs)) - Number(isOverdue(a, nowMs)) || Date.parse(a.stage_since) - Date.parse(b.stage_since),
  );
}

/** A handover point's name in the language, where the data has one. */
export function pointName(p: HandoverPoint, language: Language): string {
  if (language === 'ar' && p.name_ar) return p.name_ar;
  if (language === 'he' && p.name_he) return p.name_he;
  return p.name;
}

/**
 * The handover points as the form offers them: those in the case's
 * governorate first (the points carry its English name), then the others,
 * each by name.
 */
export function pointsFor(
  points: readonly HandoverPoint[],
  district: string | null,
  language: Language,
): { near: HandoverPoint[]; other: HandoverPoint[] } {
  const home = district ? governorateName(district, 'en').toLowerCase() : null;
  const byName = (a: HandoverPoint, b: HandoverPoint) => pointName(a, language).localeCompare(pointName(b, language), language);
  const near = points.filter((p) => home !== null && (p.governorate ?? '').toLowerCase() === home).sort(byName);
  const other = points.filter((p) => !near.includes(p)).sort(byName);
  return { near, other };
}

/** A handover point's governorate (the data gives its English name) in the language. */
export function pointGovernorate(p: HandoverPoint, language: Language): string {
  const name = (p.governorate ?? '').toLowerCase();
  if (!name) return '';
  const names = Object.values(kGovernorates).find((g) => g.en.toLowerCase() === name);
  return names?.[language] || p.governorate || '';
}
