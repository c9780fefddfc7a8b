//! A bounded map whose entries expire: the building block of every simulator store.
//!
//! Entries are kept in insertion order next to the map. Expired entries are swept from the
//! front lazily (on every insert) and by [`Bounded::sweep`] (the periodic sweeper); when the
//! map is full the oldest entry is evicted, so a flood of requests cannot grow memory past
//! the cap. Lookups check the expiry themselves, so a not-yet-swept entry is never served.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::time::SystemTime;

#[derive(Debug)]
struct Slot<V> {
    value: V,
    expires: SystemTime,
    seq: u64,
}

#[derive(Debug)]
pub struct Bounded<K, V> {
    map: HashMap<K, Slot<V>>,
    /// Insertion order; an element is stale when the map holds another `seq` for its key.
    order: VecDeque<(K, u64)>,
    cap: usize,
    next_seq: u64,
}

impl<K: Eq + Hash + Clone, V> Bounded<K, V> {
    /// A store holding at most `cap` live entries (at least one).
    pub fn new(cap: usize) -> Self {
        Bounded {
            map: HashMap::new(),
            order: VecDeque::new(),
            cap: cap.max(1),
            next_seq: 0,
        }
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.map.len()
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Insert or replace; the oldest entry is evicted when the store is full.
    pub fn insert(&mut self, key: K, value: V, expires: SystemTime, now: SystemTime) {
        self.sweep(now);
        if !self.map.contains_key(&key) {
            while self.map.len() >= self.cap {
                self.evict_oldest();
            }
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        self.order.push_back((key.clone(), seq));
        self.map.insert(
            key,
            Slot {
                value,
                expires,
                seq,
            },
        );
        if self.order.len() > 2 * self.cap {
            self.compact();
        }
    }

    /// The live value under `key`.
    pub fn get(&self, key: &K, now: SystemTime) -> Option<&V> {
        self.map
            .get(key)
            .filter(|s| now < s.expires)
            .map(|s| &s.value)
    }

    /// The live value under `key`, mutably (its expiry is unchanged).
    pub fn get_mut(&mut self, key: &K, now: SystemTime) -> Option<&mut V> {
        self.map
            .get_mut(key)
            .filter(|s| now < s.expires)
            .map(|s| &mut s.value)
    }

    /// Remove and return the live value under `key` (an expired one is dropped and not returned).
    pub fn take(&mut self, key: &K, now: SystemTime) -> Option<V> {
        let slot = self.map.remove(key)?;
        (now < slot.expires).then_some(slot.value)
    }

    /// Drop expired entries from the front of the insertion order.
    ///
    /// Every store inserts with a fixed lifetime (or, for day counters, the same end of day),
    /// so the front is always the first to expire.
    pub fn sweep(&mut self, now: SystemTime) {
        while let Some((key, seq)) = self.order.front() {
            match self.map.get(key) {
                Some(slot) if slot.seq == *seq => {
                    if now < slot.expires {
                        break;
                    }
                    self.map.remove(key);
                }
                _ => {} // stale: the key was taken or replaced since
            }
            self.order.pop_front();
        }
    }

    fn evict_oldest(&mut self) {
        while let Some((key, seq)) = self.order.pop_front() {
            if self.map.get(&key).is_some_and(|s| s.seq == seq) {
                self.map.remove(&key);
                return;
            }
        }
    }

    /// Drop stale order entries so the queue stays within twice the cap.
    fn compact(&mut self) {
        let map = &self.map;
        self.order
            .retain(|(k, seq)| map.get(k).is_some_and(|s| s.seq == *seq));
    }

    #[cfg(test)]
    fn order_len(&self) -> usize {
        self.order.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn t(s: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(s)
    }

    #[test]
    fn entries_expire_at_their_deadline() {
        let mut b = Bounded::new(10);
        b.insert("a", 1, t(100), t(0));
        assert_eq!(b.get(&"a", t(99)), Some(&1));
        assert_eq!(b.get(&"a", t(100)), None);
        assert_eq!(b.take(&"a", t(100)), None);
        assert!(b.is_empty(), "take drops an expired entry too");
    }

    #[test]
    fn full_store_evicts_the_oldest() {
        let mut b = Bounded::new(3);
        for (i, k) in ["a", "b", "c", "d"].into_iter().enumerate() {
            b.insert(k, i, t(1000), t(0));
        }
        assert_eq!(b.len(), 3);
        assert_eq!(b.get(&"a", t(1)), None);
        assert_eq!(b.get(&"d", t(1)), Some(&3));
        // replacing a key does not evict anything
        b.insert("b", 9, t(1000), t(0));
        assert_eq!(b.len(), 3);
        assert_eq!(b.get(&"b", t(1)), Some(&9));
        assert_eq!(b.get(&"c", t(1)), Some(&2));
    }

    #[test]
    fn sweep_removes_expired_and_stale_entries() {
        let mut b = Bounded::new(100);
        b.insert(1, (), t(10), t(0));
        b.insert(2, (), t(20), t(0));
        b.insert(3, (), t(30), t(0));
        b.take(&2, t(0));
        b.sweep(t(25));
        assert_eq!(b.len(), 1);
        assert_eq!(b.order_len(), 1);
        assert!(b.get(&3, t(25)).is_some());
    }

    #[test]
    fn take_and_insert_churn_keeps_the_queue_bounded() {
        let mut b = Bounded::new(4);
        b.insert(0u32, (), t(1_000_000), t(0)); // a long-lived entry at the front
        for i in 1..10_000u32 {
            b.insert(i, (), t(1_000_000), t(0));
            b.take(&i, t(0));
        }
        assert_eq!(b.len(), 1);
        assert!(b.order_len() <= 8, "queue grew to {}", b.order_len());
    }
}
