import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from './client';
import { enrol, refusalOf, updateCourse } from './training';
import { getVetting, listVetting } from './vetting';

function respond(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } });
  });
  return { calls, api: createApiClient({ fetch: fetchFn as unknown as typeof fetch }) };
}

describe('training API', () => {
  it('reads every reason and the missing prerequisites of a refused enrolment from the problem', async () => {
    const { api, calls } = respond(409, {
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      code: 'conflict',
      detail: 'the enrolment rules refuse this person',
      request_id: 'r-9',
      reasons: ['not_cleared', 'prerequisite_missing'],
      missing_prerequisites: ['POP-101'],
    });
    const error = await enrol(api, 'SES-2026-000004', 'PER-0004711').catch((e: unknown) => e);
    expect(refusalOf(error)).toEqual({
      eligible: false,
      reasons: ['not_cleared', 'prerequisite_missing'],
      missing_prerequisites: ['POP-101'],
    });
    expect(calls[0]?.url).toBe('/api/v1/enrolments');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ session: 'SES-2026-000004', person: 'PER-0004711' });
  });

  it('does not read a conflict without reasons, or another status, as a refusal', async () => {
    const conflict = await enrol(respond(409, { code: 'conflict', detail: 'already enrolled' }).api, 'S', 'P').catch((e: unknown) => e);
    expect(refusalOf(conflict)).toBeNull();
    const denied = await enrol(respond(403, { code: 'permission_denied', reasons: ['not_cleared'] }).api, 'S', 'P').catch((e: unknown) => e);
    expect(refusalOf(denied)).toBeNull();
    expect(refusalOf(new Error('x'))).toBeNull();
  });

  it('replaces a course with a PUT to its code', async () => {
    const { api, calls } = respond(200, { code: 'POP 1' });
    await updateCourse(api, 'POP 1', {
      code: 'POP 1',
      title_en: 'x',
      title_ar: 'س',
      nation: 'CA',
      duration_days: 1,
      capacity: 1,
      prerequisites: [],
      qualification: 'Q',
      validity_months: null,
    });
    expect(calls[0]?.init.method).toBe('PUT');
    expect(calls[0]?.url).toBe('/api/v1/courses/POP%201');
  });
});

describe('vetting API', () => {
  it('reads a subject sent flat as the contract subject', async () => {
    const row = { id: 'VET-1', subject_kind: 'unit', subject_id: 'NSF-PS0101-2', subject_label: 'x', state: 'pending' };
    const list = await listVetting(respond(200, { items: [row], next: null }).api, { state: 'pending' });
    expect(list.items[0]?.subject).toEqual({ kind: 'unit', id: 'NSF-PS0101-2' });
    const one = await getVetting(respond(200, { ...row, subject: { kind: 'person', id: 'PER-1' } }).api, 'VET-1');
    expect(one.subject).toEqual({ kind: 'person', id: 'PER-1' });
  });
});
