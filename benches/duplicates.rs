//! The duplicate search over 10 000 synthetic entries (3 000 texts of 2 000 字, 4 000
//! photo entries of 1–10 photos, 3 000 videos of 24 frame fingerprints, with 1 % of them
//! copies), beside a brute-force pairwise comparison of the photos alone: the search must
//! stay near-linear. `cargo bench -p mediavet --bench duplicates`.

use criterion::{criterion_group, criterion_main, Criterion};
use mediavet::entry::duplicates::{find, normalise, FilePrint, Prints, Settings};
use mediavet::facts::Fingerprint;
use std::hint::black_box;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

fn entries() -> Vec<Prints> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::with_capacity(10_000);
    for i in 0..10_000 {
        let mut p = Prints {
            label: format!("entry {i}"),
            ..Prints::default()
        };
        let file = |path: String| FilePrint {
            path,
            ..FilePrint::default()
        };
        match i % 10 {
            0..=2 => {
                let text: String = (0..2000)
                    .map(|_| char::from_u32(0x4E00 + (rng.next() % 3000) as u32).unwrap_or('中'))
                    .collect();
                p.files.push(FilePrint {
                    text: Some(normalise(&text)),
                    ..file("story.docx".into())
                });
            }
            3..=6 => {
                let n = 1 + rng.next() % 10;
                for k in 0..n {
                    p.files.push(FilePrint {
                        photo: Some(Fingerprint(rng.next())),
                        ..file(format!("{k}.jpg"))
                    });
                }
            }
            _ => {
                let frames = (0..24).map(|_| Fingerprint(rng.next())).collect();
                p.files.push(FilePrint {
                    frames,
                    ..file("film.mp4".into())
                });
            }
        }
        out.push(p);
    }
    // 1 % copies: the work of entry i again in entry i + 10 (the same kind).
    for i in (0..9_990).step_by(100) {
        let copy = out[i].files.clone();
        out[i + 10].files = copy;
    }
    out
}

fn brute_force_photos(entries: &[Prints], max: u32) -> usize {
    let photos: Vec<(usize, Fingerprint)> = entries
        .iter()
        .enumerate()
        .flat_map(|(e, p)| p.files.iter().filter_map(move |f| f.photo.map(|h| (e, h))))
        .collect();
    let mut n = 0;
    for (i, a) in photos.iter().enumerate() {
        for b in &photos[i + 1..] {
            if a.0 != b.0 && a.1.distance(b.1) <= max {
                n += 1;
            }
        }
    }
    n
}

fn bench(c: &mut Criterion) {
    let all = entries();
    let settings = Settings {
        text_share: 0.2,
        max_distance: 6,
    };
    let found = find(&all, settings);
    let with = found.iter().filter(|d| !d.is_empty()).count();
    eprintln!("10 000 entries: {with} with a duplicate");
    let mut g = c.benchmark_group("duplicates");
    g.sample_size(10);
    g.bench_function("find, 10 000 entries (texts, photos, videos, IDs)", |b| {
        b.iter(|| black_box(find(black_box(&all), settings)))
    });
    g.bench_function("brute force, the photos alone (all pairs)", |b| {
        b.iter(|| black_box(brute_force_photos(black_box(&all), 6)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
