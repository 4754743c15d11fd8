//! Memory shared by everything one process checks at once, so that a run's peak does not
//! grow with `--jobs` or with what entrants send: two pools, each a count of bytes.
//!
//! - [`HELD`]: unpacked members kept in memory. Taken without waiting: a member the pool
//!   cannot hold goes to the private temporary directory instead (same result, slower).
//! - [`WORK`]: the large transient allocations of one step — a mail being parsed (about
//!   three times its size: the message, its decoded parts, their copies) and a picture
//!   being decoded. Taken waiting: two large steps take turns. A step that holds a lease
//!   never waits for another lease of this pool (a mail inside a mail is counted in the
//!   outer one's lease; decoding happens after unpacking), so turns cannot deadlock.
//!
//! A lease larger than its pool is refused, and the caller reports the input as too large.
//! A thread that already holds a waiting lease is never made to wait for another: rayon
//! lets a thread that waits for its own parallel work (a decode's filter) run another
//! task meanwhile, which may be a second decode, and that one would wait for the lease
//! its own thread holds. It is granted at once instead (the pool then goes over for as
//! long as both are held).

use std::sync::{Condvar, Mutex};

/// A count of bytes that leases take from and give back to.
#[derive(Debug)]
pub struct Pool {
    total: u64,
    used: Mutex<u64>,
    freed: Condvar,
}

/// Unpacked members held in memory, process-wide.
pub static HELD: Pool = Pool::new(128 << 20);
/// Mails being parsed and pictures being decoded, process-wide.
pub static WORK: Pool = Pool::new(256 << 20);

/// Bytes taken from a pool, given back when dropped.
#[derive(Debug)]
pub struct Lease {
    pool: &'static Pool,
    bytes: u64,
    /// Taken with [`Pool::take`] (counted in [`WAITING_LEASES`]).
    waited: bool,
}

thread_local! {
    /// Leases taken with [`Pool::take`] that this thread holds.
    static WAITING_LEASES: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

impl Pool {
    /// A pool of `total` bytes.
    pub const fn new(total: u64) -> Pool {
        Pool {
            total,
            used: Mutex::new(0),
            freed: Condvar::new(),
        }
    }

    /// The pool's size.
    pub fn total(&self) -> u64 {
        self.total
    }

    fn used(&self) -> std::sync::MutexGuard<'_, u64> {
        self.used.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `bytes` now, if the pool has them.
    pub fn try_take(&'static self, bytes: u64) -> Option<Lease> {
        let mut used = self.used();
        (*used + bytes <= self.total).then(|| {
            *used += bytes;
            Lease {
                pool: self,
                bytes,
                waited: false,
            }
        })
    }

    /// `bytes`, waiting for other leases to be given back; `None` when the pool is
    /// smaller than that.
    pub fn take(&'static self, bytes: u64) -> Option<Lease> {
        if bytes > self.total {
            return None;
        }
        let reentered = WAITING_LEASES.with(|n| n.get()) > 0;
        let mut used = self.used();
        while !reentered && *used + bytes > self.total {
            used = self.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += bytes;
        WAITING_LEASES.with(|n| n.set(n.get() + 1));
        Some(Lease {
            pool: self,
            bytes,
            waited: true,
        })
    }
}

impl Lease {
    /// Bytes held.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Gives back what is over `bytes` (a member smaller than reserved).
    pub fn shrink_to(&mut self, bytes: u64) {
        if bytes < self.bytes {
            *self.pool.used() -= self.bytes - bytes;
            self.bytes = bytes;
            self.pool.freed.notify_all();
        }
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        *self.pool.used() -= self.bytes;
        if self.waited {
            WAITING_LEASES.with(|n| n.set(n.get().saturating_sub(1)));
        }
        self.pool.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static POOL: Pool = Pool::new(100);

    #[test]
    fn leases_take_wait_and_give_back() {
        let a = POOL.try_take(60).expect("room");
        assert!(POOL.try_take(50).is_none());
        assert!(POOL.take(101).is_none());
        let waiter = std::thread::spawn(|| POOL.take(50).map(|l| l.bytes()));
        std::thread::sleep(std::time::Duration::from_millis(50));
        let mut a = a;
        a.shrink_to(40);
        assert_eq!(waiter.join().unwrap(), Some(50));
        drop(a);
        assert_eq!(*POOL.used(), 0);
    }

    static OTHER: Pool = Pool::new(100);

    #[test]
    fn a_thread_holding_a_lease_is_not_made_to_wait_for_another() {
        let first = OTHER.take(80).expect("room");
        // As a decode whose filter's thread runs a second decode meanwhile.
        let second = OTHER.take(80).expect("granted at once");
        assert_eq!(*OTHER.used(), 160);
        drop((first, second));
        assert_eq!(*OTHER.used(), 0);
        let other = std::thread::spawn(|| OTHER.take(90).map(|l| l.bytes()));
        assert_eq!(other.join().unwrap(), Some(90));
    }
}
