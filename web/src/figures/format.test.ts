import { describe, expect, it } from 'vitest';
import { formatDuration, formatShare, periodRange } from './format';

describe('formatDuration', () => {
  it('picks the largest fitting unit', () => {
    expect(formatDuration(45, 'en-GB')).toBe('45 seconds');
    expect(formatDuration(719, 'en-GB')).toBe('12 minutes');
    expect(formatDuration(3.5 * 3600, 'en-GB')).toBe('3.5 hours');
    expect(formatDuration(2 * 86_400, 'en-GB')).toBe('2 days');
  });
  it('keeps Latin digits in Arabic and Hebrew', () => {
    expect(formatDuration(720, 'ar-u-nu-latn')).toMatch(/^12 [\u0600-\u06FF]/);
    expect(formatDuration(720, 'he-IL')).toMatch(/^12 [\u0590-\u05FF]/);
  });
  it('prints nothing without a sample', () => {
    expect(formatDuration(null, 'en-GB')).toBe('');
  });
});

describe('formatShare', () => {
  it('prints a whole percentage or nothing', () => {
    expect(formatShare(0.873, 'en-GB')).toBe('87%');
    expect(formatShare(null, 'en-GB')).toBe('');
  });
});

describe('periodRange', () => {
  it('ends now and starts the given days before', () => {
    expect(periodRange(7, Date.parse('2026-11-21T10:00:00Z'))).toEqual({
      from: '2026-11-14T10:00:00.000Z',
      to: '2026-11-21T10:00:00.000Z',
    });
  });
});
