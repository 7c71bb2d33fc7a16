// Wire types of the Liaison server API (v1), as the console consumes them.
//
// These mirror the server contract: JSON bodies, application/problem+json
// errors, and the JSON frames of the /api/v1/stream WebSocket. Keep this file
// the single place where the shapes are written down on the client side.
import type { FeatureCollection } from 'geojson';

/** `code` of a problem+json error. Login adds the two TOTP codes. */
export type ErrorCode =
  | 'invalid_argument'
  | 'unauthenticated'
  | 'permission_denied'
  | 'not_found'
  | 'conflict'
  | 'failed_precondition'
  | 'resource_exhausted'
  | 'payload_too_large'
  | 'unavailable'
  | 'internal'
  | 'totp_required'
  | 'totp_invalid';

export const kErrorCodes: readonly ErrorCode[] = [
  'invalid_argument',
  'unauthenticated',
  'permission_denied',
  'not_found',
  'conflict',
  'failed_precondition',
  'resource_exhausted',
  'payload_too_large',
  'unavailable',
  'internal',
  'totp_required',
  'totp_invalid',
];

/** RFC 9457 problem details as the server sends them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  field?: string;
  request_id: string;
}

/** Body of GET /api/v1/me and of a successful POST /api/v1/session. */
export interface Me {
  username: string;
  display_name: string;
  party: string;
  party_name: string;
  unit: string;
  unit_name: string;
  /** The unit's and party's names by language code; empty strings where unnamed. */
  unit_names?: Partial<Record<'en' | 'ar' | 'he', string>>;
  party_names?: Partial<Record<'en' | 'ar' | 'he', string>>;
  roles: string[];
  is_coordinator: boolean;
}

export interface LoginRequest {
  username: string;
  password: string;
  totp?: string;
}

export type LayerKind = 'polygon' | 'point' | 'line';

/** One entry of GET /api/v1/map/layers. */
export interface LayerDescriptor {
  id: string;
  title: string;
  kind: LayerKind;
  default_visible: boolean;
  url: string;
}

export interface LayersResponse {
  attribution: string;
  layers: LayerDescriptor[];
}

/** The GeoJSON a layer URL returns (WGS 84). */
export type LayerData = FeatureCollection;

/** One audited event as broadcast on the stream. */
export interface StreamEvent {
  seq: number;
  at: string;
  actor: string;
  party: string;
  type: string;
  subject: string;
  body: Record<string, unknown>;
}

export type ServerFrame =
  | { type: 'hello'; seq: number }
  | { type: 'event'; event: StreamEvent };

/** WebSocket close codes the server uses on /api/v1/stream. */
export const kCloseUnauthenticated = 4001;
export const kCloseTooSlow = 4008;
