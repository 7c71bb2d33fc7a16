import { describe, expect, it } from 'vitest';
import { formatCountdown } from './countdown';

describe('formatCountdown', () => {
  it('formats m:ss and h:mm:ss, rounding up and never negative', () => {
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(4.2)).toBe('0:05');
    expect(formatCountdown(90)).toBe('1:30');
    expect(formatCountdown(3725)).toBe('1:02:05');
    expect(formatCountdown(-3)).toBe('0:00');
  });
});
