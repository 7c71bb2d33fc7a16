// The typed client for the Liaison server API. Every request of the console
// goes through here.
//
// Contract kept by this module:
//  - requests are same-origin with the session cookie (`credentials:
//    'same-origin'`);
//  - every request carries `X-Liaison-Request: 1` (the server's CSRF check
//    requires it on non-GET requests; sending it always is harmless);
//  - a non-2xx answer becomes an ApiError holding the problem+json body (or a
//    synthesised one when the body is not problem+json, e.g. from a proxy);
//  - a network failure becomes an ApiError with status 0 and code
//    'unavailable'.
// The client holds no state; it is safe to share.
import {
  kErrorCodes,
  type ErrorCode,
  type LayerData,
  type LayersResponse,
  type LoginRequest,
  type Me,
  type Problem,
} from './types';

export const kCsrfHeader = 'X-Liaison-Request';

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds to wait before retrying, from Retry-After; null when absent. */
  readonly retryAfterSeconds: number | null;
  /**
   * The problem document's other members (an import's `errors`, an
   * enrolment refusal's `reasons`, ...); empty when it has none.
   */
  readonly members: Readonly<Record<string, unknown>>;

  constructor(problem: Problem, retryAfterSeconds: number | null, members: Record<string, unknown> = {}) {
    super(`${problem.status} ${problem.code}: ${problem.title}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
    this.members = members;
  }

  get code(): ErrorCode {
    return this.problem.code;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/**
 * Parses a Retry-After header: delay-seconds or an HTTP-date. Returns whole
 * seconds from `now` (never negative), or null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: Date = new Date()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10);
  const when = Date.parse(trimmed);
  if (Number.isNaN(when)) return null;
  return Math.max(0, Math.ceil((when - now.getTime()) / 1000));
}

function isErrorCode(v: unknown): v is ErrorCode {
  return typeof v === 'string' && (kErrorCodes as readonly string[]).includes(v);
}

/** The code to assume when a response carries no usable problem body. */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400: return 'invalid_argument';
    case 401: return 'unauthenticated';
    case 403: return 'permission_denied';
    case 404: return 'not_found';
    case 409: return 'conflict';
    case 412: return 'failed_precondition';
    case 413: return 'payload_too_large';
    case 429: return 'resource_exhausted';
    case 0:
    case 502:
    case 503:
    case 504: return 'unavailable';
    default: return 'internal';
  }
}

/** Builds a Problem from whatever JSON came back, filling gaps from status. */
export function toProblem(status: number, body: unknown): Problem {
  const o = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const str = (k: string): string => (typeof o[k] === 'string' ? (o[k] as string) : '');
  const problem: Problem = {
    type: str('type') || 'about:blank',
    title: str('title'),
    status: typeof o['status'] === 'number' ? (o['status'] as number) : status,
    detail: str('detail'),
    code: isErrorCode(o['code']) ? o['code'] : codeForStatus(status),
    request_id: str('request_id'),
  };
  const field = str('field');
  if (field) problem.field = field;
  return problem;
}

const kProblemKeys: ReadonlySet<string> = new Set(['type', 'title', 'status', 'detail', 'code', 'request_id', 'field']);

/** The members of a problem body that toProblem does not read. */
export function problemMembers(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  return Object.fromEntries(Object.entries(body).filter(([k]) => !kProblemKeys.has(k)));
}

/** True for an absolute path on this origin ("/x"), false for "//host" or "http:". */
export function isSameOriginPath(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\');
}

export interface ApiClientOptions {
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Prefix for every path; '' in production (same origin). */
  baseUrl?: string;
}

export interface ApiClient {
  login(req: LoginRequest): Promise<Me>;
  logout(): Promise<void>;
  me(): Promise<Me>;
  mapLayers(): Promise<LayersResponse>;
  layerData(url: string, signal?: AbortSignal): Promise<LayerData>;
  health(): Promise<{ status: string }>;
  /**
   * Generic JSON calls for the per-area API modules (api/requests.ts, ...).
   * REQUIRES: `path` is an absolute same-origin path ("/api/v1/..."), query
   * string included and already encoded.
   */
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body?: unknown, signal?: AbortSignal): Promise<T>;
  /** A partial update: `body` holds only the fields that change. */
  patch<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T>;
  /** A replacement: `body` is the whole new state. */
  put<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T>;
  /**
   * A POST of a body sent byte for byte with its own Content-Type (an
   * uploaded file: a CSV keeps its BOM and encoding), answered in JSON.
   */
  postBytes<T>(path: string, body: Blob | ArrayBuffer, contentType: string, signal?: AbortSignal): Promise<T>;
}

/** A request body sent as is rather than as JSON. */
class RawBody {
  constructor(
    readonly data: Blob | ArrayBuffer,
    readonly contentType: string,
  ) {}
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const base = options.baseUrl ?? '';

  async function request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    signal?: AbortSignal,
    cache: RequestCache = 'no-store',
  ): Promise<T> {
    const headers: Record<string, string> = {
      Accept: 'application/json, application/problem+json, application/geo+json',
      [kCsrfHeader]: '1',
    };
    const init: RequestInit = { method, headers, credentials: 'same-origin', cache };
    if (body instanceof RawBody) {
      headers['Content-Type'] = body.contentType;
      init.body = body.data;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    if (signal) init.signal = signal;

    let res: Response;
    try {
      res = await doFetch(base + path, init);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError(toProblem(0, null), null);
    }
    if (res.status === 204) return undefined as T;

    const text = await res.text();
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
    }
    if (!res.ok) {
      throw new ApiError(
        toProblem(res.status, parsed),
        parseRetryAfter(res.headers.get('Retry-After')),
        problemMembers(parsed),
      );
    }
    if (parsed === null) {
      throw new ApiError(toProblem(500, null), null);
    }
    return parsed as T;
  }

  return {
    login: (req) => request<Me>('POST', '/api/v1/session', req),
    logout: () => request<void>('DELETE', '/api/v1/session'),
    me: () => request<Me>('GET', '/api/v1/me'),
    mapLayers: () => request<LayersResponse>('GET', '/api/v1/map/layers'),
    layerData: (url, signal) => {
      // Layer URLs come from the server; only same-origin paths are fetched so
      // the console never reaches outside its own server.
      if (!isSameOriginPath(url)) {
        return Promise.reject(new ApiError(toProblem(400, { code: 'invalid_argument' }), null));
      }
      // Layers are large and rarely change: revalidate with the server's ETag
      // instead of downloading them again on every sign-in.
      return request<LayerData>('GET', url, undefined, signal, 'no-cache');
    },
    health: () => request<{ status: string }>('GET', '/healthz'),
    get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
    // A POST always sends a JSON body ({} when none) so the server's body
    // parser sees a document.
    post: <T>(path: string, body?: unknown, signal?: AbortSignal) =>
      request<T>('POST', path, body ?? {}, signal),
    patch: <T>(path: string, body: unknown, signal?: AbortSignal) => request<T>('PATCH', path, body, signal),
    put: <T>(path: string, body: unknown, signal?: AbortSignal) => request<T>('PUT', path, body, signal),
    postBytes: <T>(path: string, body: Blob | ArrayBuffer, contentType: string, signal?: AbortSignal) =>
      request<T>('POST', path, new RawBody(body, contentType), signal),
  };
}
