//! The clock behind `time.monotonic()`, `loop.time()` and friends: real,
//! or simulated (`--virtual-time`).
//!
//! The virtual clock is a float of seconds that starts at a whole number
//! and only moves when the program sleeps (`time.sleep`) or when the event
//! loop has nothing ready and jumps to its earliest timer. Deadlines are
//! computed with the same float arithmetic as CPython (`time() + delay`),
//! so elapsed times print exactly as a real run would.

use std::cell::Cell;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Where the virtual monotonic clock starts (any whole number works; this
/// is the origin CPython's reference harness uses).
pub const VIRTUAL_ORIGIN: f64 = 10000.0;

/// The process clock.
pub struct Clock {
    virtual_time: bool,
    start: Instant,
    /// Seconds of CLOCK_MONOTONIC at `start` (real mode).
    mono_at_start: f64,
    /// The simulated monotonic reading (virtual mode).
    now: Cell<f64>,
    /// Wall-clock seconds at start-up (virtual `time.time()` origin).
    wall_origin: f64,
}

fn wall_now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

/// The real monotonic reading at start-up. Programs can only rely on
/// differences of readings; this origin keeps the values realistic.
const REAL_MONOTONIC_ORIGIN: f64 = 100_000.0;

impl Clock {
    pub fn new(virtual_time: bool) -> Clock {
        Clock {
            virtual_time,
            start: Instant::now(),
            mono_at_start: REAL_MONOTONIC_ORIGIN,
            now: Cell::new(VIRTUAL_ORIGIN),
            wall_origin: wall_now(),
        }
    }

    pub fn is_virtual(&self) -> bool {
        self.virtual_time
    }

    /// `time.monotonic()` / `loop.time()`.
    pub fn monotonic(&self) -> f64 {
        if self.virtual_time {
            self.now.get()
        } else {
            self.mono_at_start + self.start.elapsed().as_secs_f64()
        }
    }

    /// `time.time()`.
    pub fn wall(&self) -> f64 {
        if self.virtual_time {
            self.wall_origin + (self.now.get() - VIRTUAL_ORIGIN)
        } else {
            wall_now()
        }
    }

    /// Smallest step that separates two readings (`_clock_resolution`).
    pub fn resolution(&self) -> f64 {
        if self.virtual_time {
            let now = self.now.get();
            let ulp = f64::from_bits(now.to_bits() + 1) - now;
            ulp.max(1e-9)
        } else {
            1e-9
        }
    }

    /// Moves the virtual clock forward to `when` (never backwards).
    pub fn advance_to(&self, when: f64) {
        if self.virtual_time && when > self.now.get() {
            self.now.set(when);
        }
    }

    /// `time.sleep(secs)` on the virtual clock: advances simulated time
    /// (real sleeps block in `time.rs`, which can stop them early).
    pub fn sleep(&self, secs: f64) {
        if self.virtual_time && secs > 0.0 {
            self.now.set(self.now.get() + secs);
        }
    }

    /// The real instant at which the monotonic reading will be `when`. A
    /// NaN deadline is due at once (CPython's loop computes its wait as
    /// `max(0, when - now)`, which is 0 for NaN); far deadlines are capped
    /// at 31 years, which `Instant` can represent.
    pub fn instant_at(&self, when: f64) -> Instant {
        let offset = when - self.mono_at_start;
        // `offset > 0.0` is false for NaN as well as for the past.
        if offset > 0.0 {
            self.start + Duration::from_secs_f64(offset.min(1e9))
        } else {
            self.start
        }
    }
}
