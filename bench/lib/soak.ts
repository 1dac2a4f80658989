/** One memory sample of the server under test. */
export interface MemorySample {
  sec: number;
  rssMiB: number;
}

/** How memory moved over a long run. */
export interface MemoryTrend {
  samples: MemorySample[];
  /** Lowest RSS in each third of the judged window, MiB: the level right after a collection. */
  floorsMiB: [number, number, number];
  /** Highest RSS in the judged window, MiB. */
  peakMiB: number;
  /** How fast the floor rose from the first to the last third, MiB per minute. */
  floorSlopeMiBPerMin: number;
  /** Flat: the floor rose by less than {@link FLAT_GROWTH} or slower than {@link FLAT_SLOPE_MIB_PER_MIN}. */
  flat: boolean;
  /** Seconds at the start left out of the judgement (heap sizing up, JIT). */
  settleSec: number;
}

/** A leak of 1 KiB per request at 1,000 requests/s raises the floor ~60 MiB a minute; these stay far below. */
export const FLAT_SLOPE_MIB_PER_MIN = 2;
export const FLAT_GROWTH = 0.05;

/**
 * Judges the memory samples of a soak run. RSS under load is a sawtooth (the heap fills, a full
 * collection empties it), so a straight line through the samples says more about where the
 * window cuts the teeth than about a leak. What a leak raises is the floor: the lowest RSS of
 * each third of the window after `settleSec`. Flat when the last third's floor is within 5 % of
 * the first's, or rose slower than 2 MiB a minute.
 */
export function memoryTrend(samples: MemorySample[], settleSec: number): MemoryTrend {
  const window = samples.filter((s) => s.sec >= settleSec);
  const third = Math.max(1, Math.floor(window.length / 3));
  const parts = [window.slice(0, third), window.slice(third, 2 * third), window.slice(2 * third)];
  const floor = (part: MemorySample[]) => Math.min(...part.map((s) => s.rssMiB));
  const floorsMiB = parts.map((p) => (p.length ? floor(p) : NaN)) as [number, number, number];
  const centre = (part: MemorySample[]) => (part.length ? (part[0]!.sec + part[part.length - 1]!.sec) / 2 : NaN);
  const minutes = (centre(parts[2]!) - centre(parts[0]!)) / 60;
  const floorSlopeMiBPerMin = minutes > 0 ? (floorsMiB[2] - floorsMiB[0]) / minutes : 0;
  return {
    samples,
    floorsMiB,
    peakMiB: Math.max(...window.map((s) => s.rssMiB)),
    floorSlopeMiBPerMin,
    flat: floorsMiB[2] <= floorsMiB[0] * (1 + FLAT_GROWTH) || floorSlopeMiBPerMin < FLAT_SLOPE_MIB_PER_MIN,
    settleSec,
  };
}
