import { describe, expect, it } from 'vitest';
import { displayPartyName, formatDistance, formatWindow, pointerText, type FormatContext } from './format';
import { kParties, pointerConflict } from './testing';

const en: FormatContext = { language: 'en', locale: 'en-GB', parties: kParties, timeZone: 'UTC' };

describe('formatWindow', () => {
  it('shows the date once when the window starts and ends on the same day', () => {
    expect(formatWindow('2026-11-22T06:00:00Z', '2026-11-22T10:00:00Z', 'en-GB', 'UTC')).toBe('22/11/2026, 06:00 – 10:00');
  });

  it('shows both dates across midnight, in the zone asked for', () => {
    expect(formatWindow('2026-11-22T22:00:00Z', '2026-11-23T02:00:00Z', 'en-GB', 'UTC')).toBe(
      '22/11/2026, 22:00 – 23/11/2026, 02:00',
    );
    // The same window within one day in Jerusalem (UTC+2).
    expect(formatWindow('2026-11-22T06:00:00Z', '2026-11-22T10:00:00Z', 'en-GB', 'Asia/Jerusalem')).toBe(
      '22/11/2026, 08:00 – 12:00',
    );
  });

  it('passes unreadable times through', () => {
    expect(formatWindow('soon', '2026-11-22T10:00:00Z', 'en-GB', 'UTC')).toBe('soon – 22/11/2026, 10:00');
  });
});

describe('formatDistance', () => {
  it('uses metres below a kilometre and kilometres above', () => {
    expect(formatDistance(85.2, 'en-GB')).toEqual({ value: '85', unit: 'm' });
    expect(formatDistance(1250, 'en-GB')).toEqual({ value: '1.3', unit: 'km' });
  });
});

describe('displayPartyName', () => {
  it('prefers the directory name in the language, then the name sent, then the id', () => {
    expect(displayPartyName({ party: 'isf', name: 'Israeli Security Forces' }, en)).toBe('ISF');
    expect(displayPartyName({ party: 'isf', name: 'x' }, { ...en, language: 'ar' })).toBe('قوات الأمن الإسرائيلية');
    expect(displayPartyName({ party: 'eubam', name: 'EU Border Mission' }, en)).toBe('EU Border Mission');
    expect(displayPartyName({ party: 'eubam', name: '' }, en)).toBe('eubam');
  });
});

describe('pointerText', () => {
  it('gives whom, when, where and whom to call, and nothing of the other record', () => {
    const p = pointerText(pointerConflict(), en);
    expect(p).toEqual({
      party: 'ISF',
      window: '22/11/2026, 06:00 – 10:00',
      district: 'Nablus',
      contact: 'coordinator',
      contactParty: 'USSC',
      desk: 'USSC duty desk',
      onDuty: 'ussc.duty',
    });
  });

  it('names the district in the language and the counterpart desk when that is the contact', () => {
    const c = pointerConflict({
      contact: { kind: 'counterpart', party: 'isf', desk: 'isf/dco/nablus', desk_name: '', on_duty: null },
    });
    const p = pointerText(c, { ...en, language: 'he', locale: 'he-IL' });
    expect(p.district).toBe('שכם');
    expect(p.contact).toBe('counterpart');
    expect(p.contactParty).toBe('כוחות הביטחון');
    expect(p.desk).toBe('isf/dco/nablus');
    expect(p.onDuty).toBeNull();
  });

  it('has no district when the server gives none', () => {
    expect(pointerText(pointerConflict({ district: null }), en).district).toBeNull();
  });
});
