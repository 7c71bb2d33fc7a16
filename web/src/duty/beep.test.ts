import { describe, expect, it, vi } from 'vitest';
import { createBeeper, type AudioContextLike } from './beep';

function fakeContext(state = 'running') {
  const oscillators: { frequency: number; start: number; stop: number }[] = [];
  const param = () => ({ setValueAtTime: vi.fn(), linearRampToValueAtTime: vi.fn() });
  const resume = vi.fn(() => Promise.resolve());
  const ctx = {
    currentTime: 5,
    state,
    destination: {} as AudioNode,
    resume,
    createGain: () => ({ gain: param(), connect: vi.fn() }) as unknown as GainNode,
    createOscillator: () => {
      const o = { frequency: 0, start: 0, stop: 0 };
      oscillators.push(o);
      return {
        type: 'sine',
        frequency: { setValueAtTime: (hz: number) => (o.frequency = hz) },
        connect: vi.fn(),
        start: (at: number) => (o.start = at),
        stop: (at: number) => (o.stop = at),
      } as unknown as OscillatorNode;
    },
  } satisfies AudioContextLike;
  return { ctx, oscillators, resume };
}

describe('createBeeper', () => {
  it('plays three high beeps for FLASH and two lower for overdue, one after the other', () => {
    const { ctx, oscillators } = fakeContext();
    const beeper = createBeeper(() => ctx);
    beeper.beep('flash');
    expect(oscillators.map((o) => o.frequency)).toEqual([880, 880, 880]);
    expect(oscillators[0]?.start).toBe(5);
    expect(oscillators[1]!.start).toBeGreaterThan(oscillators[0]!.stop);
    beeper.beep('overdue');
    expect(oscillators.slice(3).map((o) => o.frequency)).toEqual([660, 660]);
  });

  it('plays four of the highest beeps for a grave incident', () => {
    const { ctx, oscillators } = fakeContext();
    createBeeper(() => ctx).beep('incident');
    expect(oscillators.map((o) => o.frequency)).toEqual([988, 988, 988, 988]);
  });

  it('creates one context and resumes it when suspended', () => {
    const { ctx, resume } = fakeContext('suspended');
    const factory = vi.fn(() => ctx);
    const beeper = createBeeper(factory);
    beeper.unlock();
    beeper.beep('overdue');
    expect(factory).toHaveBeenCalledOnce();
    expect(resume).toHaveBeenCalledTimes(2);
  });

  it('never throws: no AudioContext, a throwing factory, a refused resume, a broken context', () => {
    expect(() => createBeeper(() => null).beep('flash')).not.toThrow();
    // jsdom has no AudioContext: the default factory finds none.
    expect(() => createBeeper().beep('flash')).not.toThrow();
    const throwing = vi.fn(() => {
      throw new Error('not allowed');
    });
    const beeper = createBeeper(throwing);
    expect(() => beeper.beep('flash')).not.toThrow();
    expect(() => beeper.beep('flash')).not.toThrow();
    expect(throwing).toHaveBeenCalledOnce();

    const { ctx } = fakeContext('suspended');
    const refusing = {
      ...ctx,
      resume: () => Promise.reject(new Error('no gesture')),
      createOscillator: () => {
        throw new Error('closed');
      },
    };
    expect(() => createBeeper(() => refusing).beep('overdue')).not.toThrow();
  });
});
