// The audible half of a duty alert: short WebAudio oscillator beeps, no
// audio files. Never throws: without an AudioContext (jsdom, old browsers) or
// before the browser allows sound (no user gesture yet) a beep is silent and
// the visual banner carries the alert alone.
import type { AlertKind } from './alerts';

/** The part of AudioContext a beep uses; the browser's satisfies it. */
export interface AudioContextLike {
  readonly currentTime: number;
  readonly state: string;
  readonly destination: AudioNode;
  resume(): Promise<void>;
  createOscillator(): OscillatorNode;
  createGain(): GainNode;
}

export type AudioContextFactory = () => AudioContextLike | null;

interface Pattern {
  frequencyHz: number;
  count: number;
}

// A grave incident: four highest beeps; FLASH: three high ones; overdue: two
// lower ones, so each is told apart by ear.
const kPatterns: Record<AlertKind, Pattern> = {
  incident: { frequencyHz: 988, count: 4 },
  flash: { frequencyHz: 880, count: 3 },
  overdue: { frequencyHz: 660, count: 2 },
};
const kBeepSeconds = 0.18;
const kGapSeconds = 0.12;
const kVolume = 0.25;
const kRampSeconds = 0.01;

export function browserAudioContext(): AudioContextLike | null {
  if (typeof window === 'undefined') return null;
  // Absent in jsdom and some embedded browsers; Safari before 14.1 has the prefixed one.
  const w = window as { AudioContext?: typeof AudioContext; webkitAudioContext?: typeof AudioContext };
  const Ctor = w.AudioContext ?? w.webkitAudioContext;
  return Ctor ? new Ctor() : null;
}

export interface Beeper {
  beep(kind: AlertKind): void;
  /** Creates or resumes the audio context; call from a user gesture. */
  unlock(): void;
}

/** REQUIRES: `factory` creates a new context per call; the beeper keeps one. */
export function createBeeper(factory: AudioContextFactory = browserAudioContext): Beeper {
  let ctx: AudioContextLike | null = null;
  let unavailable = false;

  function context(): AudioContextLike | null {
    if (ctx || unavailable) return ctx;
    try {
      ctx = factory();
    } catch {
      ctx = null;
    }
    if (!ctx) unavailable = true;
    return ctx;
  }

  function resume(c: AudioContextLike): void {
    if (c.state !== 'suspended') return;
    try {
      c.resume().catch(() => undefined);
    } catch {
      // Some engines throw synchronously without a gesture; stay silent.
    }
  }

  return {
    unlock() {
      const c = context();
      if (c) resume(c);
    },
    beep(kind) {
      const c = context();
      if (!c) return;
      resume(c);
      try {
        const { frequencyHz, count } = kPatterns[kind];
        for (let i = 0; i < count; i += 1) {
          const start = c.currentTime + i * (kBeepSeconds + kGapSeconds);
          const osc = c.createOscillator();
          const gain = c.createGain();
          osc.type = 'square';
          osc.frequency.setValueAtTime(frequencyHz, start);
          // Ramps avoid the click of a hard start and stop.
          gain.gain.setValueAtTime(0, start);
          gain.gain.linearRampToValueAtTime(kVolume, start + kRampSeconds);
          gain.gain.setValueAtTime(kVolume, start + kBeepSeconds - kRampSeconds);
          gain.gain.linearRampToValueAtTime(0, start + kBeepSeconds);
          osc.connect(gain);
          gain.connect(c.destination);
          osc.start(start);
          osc.stop(start + kBeepSeconds);
        }
      } catch {
        // A closed or broken context: the banner still shows.
      }
    },
  };
}
