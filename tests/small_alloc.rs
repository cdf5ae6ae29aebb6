//! The small-block allocator apy installs (src/alloc/small.rs): blocks of
//! every size keep their contents, grow across the small/large boundary,
//! move between threads, and keep the alignment their type asks for.

// Linking the library installs its global allocator in this test binary.
use apy as _;

fn pattern(len: usize, seed: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 + seed) as u8).collect()
}

#[test]
fn blocks_of_every_size_keep_their_contents() {
    let blocks: Vec<Vec<u8>> = (1..=300).map(|n| pattern(n, n)).collect();
    // Free every other one, then allocate again into the freed blocks.
    let (keep, drop_now): (Vec<_>, Vec<_>) = blocks
        .into_iter()
        .enumerate()
        .partition(|(i, _)| i % 2 == 0);
    drop(drop_now);
    let again: Vec<Vec<u8>> = (1..=300).map(|n| pattern(n, n + 7)).collect();
    for (i, b) in keep {
        assert_eq!(b, pattern(i + 1, i + 1));
    }
    for (i, b) in again.iter().enumerate() {
        assert_eq!(*b, pattern(i + 1, i + 8));
    }
}

#[test]
fn a_growing_buffer_keeps_its_contents_across_classes() {
    let mut s = Vec::new();
    for i in 0..2000usize {
        s.push(i as u8);
        assert_eq!(s[i / 2], (i / 2) as u8);
    }
    s.truncate(10);
    s.shrink_to_fit();
    assert_eq!(s, (0..10u8).collect::<Vec<_>>());
}

#[test]
fn blocks_freed_on_another_thread_stay_usable() {
    let made: Vec<Vec<u8>> = (1..=256).map(|n| pattern(n, 3)).collect();
    let handle = std::thread::spawn(move || {
        for (i, b) in made.iter().enumerate() {
            assert_eq!(*b, pattern(i + 1, 3));
        }
        drop(made);
        // This thread reuses the blocks it was handed.
        let mine: Vec<Vec<u8>> = (1..=256).map(|n| pattern(n, 5)).collect();
        mine
    });
    let back = handle.join().expect("the thread ran");
    for (i, b) in back.iter().enumerate() {
        assert_eq!(*b, pattern(i + 1, 5));
    }
}

#[test]
fn over_aligned_blocks_keep_their_alignment() {
    #[repr(align(32))]
    struct Aligned([u8; 40]);
    let boxes: Vec<Box<Aligned>> = (0..100).map(|i| Box::new(Aligned([i as u8; 40]))).collect();
    for (i, b) in boxes.iter().enumerate() {
        assert_eq!((&**b as *const Aligned as usize) % 32, 0);
        assert_eq!(b.0[39], i as u8);
    }
    let small: Vec<Box<u64>> = (0..100).map(Box::new).collect();
    for (i, b) in small.iter().enumerate() {
        assert_eq!((&**b as *const u64 as usize) % 8, 0);
        assert_eq!(**b, i as u64);
    }
}
