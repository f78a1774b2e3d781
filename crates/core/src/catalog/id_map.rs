//! A map from ids to indices, for the catalog's lookups by category, property and value id.
//!
//! Open addressing with linear probing in a table at most half full, keys spread by a
//! multiplicative hash. Every listing property and value is looked up here, and in
//! WebAssembly a general hash map probes four control bytes at a time with several branches
//! per probe; this table answers nearly every lookup with one multiply and one comparison.

use crate::model::ids::{spread, Id};

/// An empty slot's key. The one id equal to it is kept aside, so every id can be a key.
const EMPTY: Id = Id::MIN;

#[derive(Debug, Clone, Default)]
pub(crate) struct IdMap {
    /// `(key, value)`; a power of two long, or empty.
    slots: Vec<(Id, u32)>,
    /// Right shift that turns a 64-bit hash into a slot index.
    shift: u32,
    len: usize,
    /// The value of the key [`EMPTY`], which cannot be stored in a slot.
    min: Option<u32>,
}

impl IdMap {
    /// The value of `id`.
    #[inline]
    pub fn get(&self, id: &Id) -> Option<&u32> {
        let id = *id;
        if id == EMPTY {
            return self.min.as_ref();
        }
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = (spread(id) >> self.shift) as usize;
        loop {
            let (k, v) = self.slots.get(i)?;
            if *k == id {
                return Some(v);
            }
            if *k == EMPTY {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    pub fn contains_key(&self, id: &Id) -> bool {
        self.get(id).is_some()
    }

    /// Room for `more` keys beyond those held, without growing again.
    pub fn reserve(&mut self, more: usize) {
        let want = (self.len + more).saturating_mul(2).next_power_of_two().max(8);
        if want > self.slots.len() {
            self.rebuild(want);
        }
    }

    /// Sets `id` to `value`; the value it had, if any.
    pub fn insert(&mut self, id: Id, value: u32) -> Option<u32> {
        if id == EMPTY {
            return self.min.replace(value);
        }
        if (self.len + 1) * 2 > self.slots.len() {
            self.rebuild((self.slots.len() * 2).max(8));
        }
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = (spread(id) >> self.shift) as usize;
        loop {
            let slot = self.slots.get_mut(i)?;
            if slot.0 == id {
                return Some(std::mem::replace(&mut slot.1, value));
            }
            if slot.0 == EMPTY {
                *slot = (id, value);
                self.len += 1;
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    fn rebuild(&mut self, size: usize) {
        let old = std::mem::replace(&mut self.slots, vec![(EMPTY, 0); size]);
        self.shift = 64 - size.trailing_zeros();
        self.len = 0;
        for (k, v) in old {
            if k != EMPTY {
                self.insert(k, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests fail loudly")]
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn answers_as_a_hash_map_does() {
        let mut map = IdMap::default();
        let mut reference = HashMap::new();
        assert_eq!(map.get(&1), None);
        assert_eq!(map.get(&EMPTY), None);
        // Ids that share their low bits, negative ids, the extremes, and every key twice.
        let mut seed = 1u64;
        let ids: Vec<Id> = (0..3000)
            .map(|i| {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                match i % 5 {
                    0 => (i as Id) << 32,
                    1 => -(i as Id),
                    2 => [Id::MIN, Id::MAX, 0, -1][i % 4],
                    _ => (seed >> 20) as Id % 5000,
                }
            })
            .collect();
        for (v, &id) in ids.iter().enumerate() {
            assert_eq!(map.insert(id, v as u32), reference.insert(id, v as u32), "{id}");
        }
        for id in ids.iter().copied().chain([Id::MIN + 1, 123_456_789, -5001]) {
            assert_eq!(map.get(&id), reference.get(&id), "{id}");
            assert_eq!(map.contains_key(&id), reference.contains_key(&id));
        }
    }

    #[test]
    fn reserving_keeps_what_is_held() {
        let mut map = IdMap::default();
        map.insert(7, 1);
        map.insert(EMPTY, 2);
        map.reserve(1000);
        assert_eq!((map.get(&7), map.get(&EMPTY), map.get(&8)), (Some(&1), Some(&2), None));
    }
}
