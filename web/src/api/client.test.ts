import { describe, expect, it, vi } from 'vitest';
import { ApiError, codeForStatus, createApiClient, kCsrfHeader, parseRetryAfter, toProblem } from './client';

function response(status: number, body?: unknown, headers: Record<string, string> = {}): Response {
  const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(text, { status, headers });
}

function recordingFetch(...answers: Response[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchFn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next;
  });
  return { calls, fetch: fetchFn as unknown as typeof fetch };
}

const me = {
  username: 'officer',
  display_name: 'Dana Levi',
  party: 'idf',
  party_name: 'IDF',
  unit: 'dco-bethlehem',
  unit_name: 'DCO Bethlehem',
  roles: ['duty_officer'],
  is_coordinator: false,
};

describe('ApiClient', () => {
  it('sends the CSRF header and same-origin credentials on every request', async () => {
    const { calls, fetch } = recordingFetch(response(200, me), response(200, me), response(204));
    const api = createApiClient({ fetch });
    await api.me();
    await api.login({ username: 'officer', password: 'pw' });
    await api.logout();
    expect(calls.map((c) => [c.init.method, c.url])).toEqual([
      ['GET', '/api/v1/me'],
      ['POST', '/api/v1/session'],
      ['DELETE', '/api/v1/session'],
    ]);
    for (const c of calls) {
      expect((c.init.headers as Record<string, string>)[kCsrfHeader]).toBe('1');
      expect(c.init.credentials).toBe('same-origin');
    }
    expect(JSON.parse(String(calls[1]?.init.body))).toEqual({ username: 'officer', password: 'pw' });
  });

  it('sends a PATCH with its JSON body and the CSRF header', async () => {
    const { calls, fetch } = recordingFetch(response(200, { id: 'ACT-2026-000001' }));
    await createApiClient({ fetch }).patch('/api/v1/activities/ACT-2026-000001', { title: 'x' });
    expect(calls[0]?.init.method).toBe('PATCH');
    expect(calls[0]?.url).toBe('/api/v1/activities/ACT-2026-000001');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ title: 'x' });
    expect((calls[0]?.init.headers as Record<string, string>)[kCsrfHeader]).toBe('1');
  });

  it('turns a problem+json answer into an ApiError with its code and request id', async () => {
    const { fetch } = recordingFetch(
      response(
        401,
        { type: 'about:blank', title: 'TOTP required', status: 401, detail: '', code: 'totp_required', request_id: 'r-1' },
        { 'Content-Type': 'application/problem+json' },
      ),
    );
    const err = await createApiClient({ fetch }).login({ username: 'u', password: 'p' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    const api = err as ApiError;
    expect(api.status).toBe(401);
    expect(api.code).toBe('totp_required');
    expect(api.problem.request_id).toBe('r-1');
    expect(api.retryAfterSeconds).toBeNull();
  });

  it('reads Retry-After on 429', async () => {
    const { fetch } = recordingFetch(
      response(429, { code: 'resource_exhausted', status: 429, title: 'locked' }, { 'Retry-After': '90' }),
    );
    const err = (await createApiClient({ fetch }).login({ username: 'u', password: 'p' }).catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('resource_exhausted');
    expect(err.retryAfterSeconds).toBe(90);
  });

  it('maps a body that is not problem+json by status', async () => {
    const { fetch } = recordingFetch(response(502, '<html>bad gateway</html>'));
    const err = (await createApiClient({ fetch }).me().catch((e: unknown) => e)) as ApiError;
    expect(err.status).toBe(502);
    expect(err.code).toBe('unavailable');
  });

  it('reports a network failure as unavailable with status 0', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof globalThis.fetch;
    const err = (await createApiClient({ fetch }).me().catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(0);
    expect(err.code).toBe('unavailable');
  });

  it('fetches layer data only from same-origin paths', async () => {
    const fc = { type: 'FeatureCollection', features: [] };
    const { calls, fetch } = recordingFetch(response(200, fc));
    const api = createApiClient({ fetch });
    await expect(api.layerData('/api/v1/map/layers/oslo_areas')).resolves.toEqual(fc);
    expect(calls[0]?.init.cache).toBe('no-cache');
    await expect(api.layerData('https://tiles.example.org/x')).rejects.toBeInstanceOf(ApiError);
    await expect(api.layerData('//evil.example/x')).rejects.toBeInstanceOf(ApiError);
    expect(calls).toHaveLength(1);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter(' 0 ')).toBe(0);
  });
  it('reads an HTTP-date relative to now', () => {
    const now = new Date('2026-11-21T10:00:00Z');
    expect(parseRetryAfter('Sat, 21 Nov 2026 10:02:00 GMT', now)).toBe(120);
    expect(parseRetryAfter('Sat, 21 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });
  it('returns null when absent or unreadable', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('toProblem', () => {
  it('keeps a known code and the field', () => {
    const p = toProblem(400, { code: 'invalid_argument', field: 'username', title: 't', status: 400 });
    expect(p.code).toBe('invalid_argument');
    expect(p.field).toBe('username');
  });
  it('replaces an unknown code by the one for the status', () => {
    expect(toProblem(404, { code: 'weird' }).code).toBe('not_found');
    expect(codeForStatus(409)).toBe('conflict');
    expect(codeForStatus(500)).toBe('internal');
  });
});
