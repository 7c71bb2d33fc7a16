import { describe, expect, it } from 'vitest';
import type { Party } from '../api/requests';
import {
  fieldForPointer,
  fromInputValue,
  partyName,
  timelineFields,
  toInputValue,
} from './format';

const kParties: Party[] = [
  { id: 'isf', name_en: 'Israeli Security Forces', name_ar: 'قوات الأمن الإسرائيلية', name_he: '', is_coordinator: false },
];

describe('datetime-local values', () => {
  it('round-trip through RFC 3339 UTC', () => {
    const d = new Date(2026, 10, 21, 8, 5);
    const v = toInputValue(d);
    expect(v).toBe('2026-11-21T08:05');
    expect(fromInputValue(v)).toBe(d.toISOString().replace('.000Z', 'Z'));
  });

  it('reject empty and malformed values', () => {
    expect(fromInputValue('')).toBeNull();
    expect(fromInputValue('21/11/2026 08:00')).toBeNull();
  });
});

describe('partyName', () => {
  it('uses the language, then English, then the id', () => {
    expect(partyName('isf', kParties, 'ar')).toBe('قوات الأمن الإسرائيلية');
    expect(partyName('isf', kParties, 'he')).toBe('Israeli Security Forces');
    expect(partyName('pasf', kParties, 'en')).toBe('pasf');
  });
});

describe('fieldForPointer', () => {
  const known = new Set(['title', 'footprint.geometry', 'movement.vehicles', 'movement.vehicles.1.plate', 'movement']);

  it('finds the field itself', () => {
    expect(fieldForPointer('/title', known)).toBe('title');
    expect(fieldForPointer('/movement/vehicles/1/plate', known)).toBe('movement.vehicles.1.plate');
  });

  it('falls back to the nearest known parent', () => {
    expect(fieldForPointer('/footprint/geometry/coordinates/0', known)).toBe('footprint.geometry');
    expect(fieldForPointer('/movement/vehicles/0/plate', known)).toBe('movement.vehicles');
    expect(fieldForPointer('/movement/personnel', known)).toBe('movement');
  });

  it('is null for unknown or absent pointers', () => {
    expect(fieldForPointer('/links/0', known)).toBeNull();
    expect(fieldForPointer(undefined, known)).toBeNull();
    expect(fieldForPointer('title', known)).toBeNull();
  });
});

describe('timelineFields', () => {
  it('shows a decision\'s outcome, reason and conditions in order', () => {
    expect(
      timelineFields('request.decided', { conditions: 'escort', outcome: 'approved_with_conditions', footprint: {}, reason: null }),
    ).toEqual([
      ['outcome', 'approved_with_conditions'],
      ['conditions', 'escort'],
    ]);
  });

  it('joins lists and drops the network channel', () => {
    expect(timelineFields('request.overdue', { stage: 'decide', escalate_to: ['isf', 'ussc'], channel: 'network' })).toEqual([
      ['stage', 'decide'],
      ['escalate_to', 'isf, ussc'],
    ]);
  });

  it('shows only how a submission arrived', () => {
    expect(timelineFields('request.submitted', { title: 'x', reason: 'y', channel: 'phone', caller: 'Capt. A' })).toEqual([
      ['channel', 'phone'],
      ['caller', 'Capt. A'],
    ]);
    expect(timelineFields('request.submitted', { title: 'x', channel: 'network' })).toEqual([]);
  });
});
