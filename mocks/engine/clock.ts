import type { Clock } from "./definition.js";

export type { Clock } from "./definition.js";

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that stands still until moved: tests use it to expire links and tokens without waiting. */
export interface ManualClock extends Clock {
  advance(milliseconds: number): void;
  set(time: Date | number): void;
}

export function createManualClock(start: Date | number = Date.now()): ManualClock {
  let current = typeof start === "number" ? start : start.getTime();
  return {
    now: () => current,
    advance(milliseconds) {
      current += milliseconds;
    },
    set(time) {
      current = typeof time === "number" ? time : time.getTime();
    },
  };
}

/** A clock that follows the system clock from an offset tests can move forward. */
export function createOffsetClock(): ManualClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(milliseconds) {
      offset += milliseconds;
    },
    set(time) {
      offset = (typeof time === "number" ? time : time.getTime()) - Date.now();
    },
  };
}
