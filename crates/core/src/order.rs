//! Every list the panel sorts, it sorts by one kind of key: a `u128` rank, smallest first.
//!
//! Each sort with its own key type or comparison compiles the whole sort algorithm again into
//! the download (about 3 KB of wasm each). Ranking by one type lets every sort share one copy.
//! The helpers below turn the usual keys into ranks that order the same way.
//!
//! Collecting into a `BTreeMap` or `BTreeSet` sorts too, with its own copy: the panel fills
//! those one by one (`extend`) instead.

/// Sorts `items` by `rank`, smallest first; equal ranks keep their order. Each rank is computed
/// once per item.
pub fn sort_by_rank<T>(items: &mut [T], rank: impl FnMut(&T) -> u128) {
    items.sort_by_cached_key(rank);
}

/// A rank from two parts: by `first`, then by `then`.
pub fn rank(first: u64, then: u64) -> u128 {
    (u128::from(first) << 64) | u128::from(then)
}

/// Orders as `n` does, the largest first.
pub fn descending(n: u64) -> u64 {
    !n
}

/// Orders as the signed `n` does: the most negative first.
pub fn signed(n: i64) -> u64 {
    n.cast_unsigned() ^ (1 << 63)
}

/// Orders as `f64::total_cmp` does.
pub fn float(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rank_orders_as_its_key() {
        let ints = [i64::MIN, -5, -1, 0, 1, 7, i64::MAX];
        for pair in ints.windows(2) {
            if let [a, b] = pair {
                assert!(signed(*a) < signed(*b), "{a} before {b}");
                assert!(descending(signed(*a)) > descending(signed(*b)));
            }
        }
        let floats = [
            f64::NEG_INFINITY,
            -2.5,
            -0.0,
            0.0,
            1e-9,
            3.0,
            1.7e12,
            f64::INFINITY,
        ];
        for pair in floats.windows(2) {
            if let [a, b] = pair {
                assert_eq!(float(*a).cmp(&float(*b)), a.total_cmp(b), "{a} and {b}");
            }
        }
        assert!(rank(1, u64::MAX) < rank(2, 0));
        assert!(rank(2, 3) < rank(2, 4));
    }

    #[test]
    fn sorts_stably_by_rank() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_rank(&mut items, |(n, _)| u128::from(descending(*n)));
        assert_eq!(items, [(3, 'a'), (3, 'c'), (2, 'd'), (1, 'b'), (1, 'e')]);
    }
}
