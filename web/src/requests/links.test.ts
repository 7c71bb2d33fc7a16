import { describe, expect, it } from 'vitest';
import { fieldForPointer } from './format';
import { linkFields, linkHref, linksIn, linksOf, validateLinks } from './links';

describe('links', () => {
  const rows = [
    { kind: 'request' as const, id: ' REQ-2026-000100 ' },
    { kind: 'incident' as const, id: '' },
  ];

  it('sends every row, in order, ids trimmed', () => {
    expect(linksOf(rows)).toEqual([
      { kind: 'request', id: 'REQ-2026-000100' },
      { kind: 'incident', id: '' },
    ]);
  });

  it('names the empty and the overlong rows', () => {
    expect(validateLinks(rows)).toEqual({ 'links.1.id': 'requests.validation.required' });
    expect(validateLinks([{ kind: 'case', id: 'x'.repeat(65) }])).toEqual({ 'links.0.id': 'requests.validation.too_long' });
  });

  it('places a server problem on the row its pointer names', () => {
    const known = new Set(linkFields(rows));
    expect(fieldForPointer('/links/1/id', known)).toBe('links.1.id');
    expect(fieldForPointer('/links/0/kind', known)).toBe('links.0.kind');
    expect(fieldForPointer('/links/5/id', known)).toBe('links');
    expect(fieldForPointer('/title', known)).toBeNull();
  });

  it('opens a linked request only', () => {
    expect(linkHref({ kind: 'request', id: 'REQ-2026-000100' })).toBe('#/requests/REQ-2026-000100');
    expect(linkHref({ kind: 'incident', id: 'INC-7' })).toBeNull();
  });

  it('reads the links of an event body, skipping anything else', () => {
    expect(linksIn({ links: [{ kind: 'case', id: 'C-1' }, { kind: 'x', id: 'y' }, 'z', { kind: 'request' }] })).toEqual([
      { kind: 'case', id: 'C-1' },
    ]);
    expect(linksIn({})).toEqual([]);
  });
});
