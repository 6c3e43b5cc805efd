//! Times the compressions that `vite_asset::build::precompress` can run, on the
//! files named on the command line: build scripts are compiled unoptimized,
//! so the debug figures are what a build script pays. Medians of 3.

use std::io::Write;
use std::time::{Duration, Instant};

fn main() {
    let profile = if cfg!(debug_assertions) { "debug" } else { "release" };
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
        println!("{path}: {} bytes, {profile} build", bytes.len());
        for quality in [5, 9, 11] {
            let (size, time) = median(|| brotli(&bytes, quality));
            println!("  brotli {quality:>2}: {size:>8} bytes in {time:?}");
        }
        let (size, time) = median(|| gzip(&bytes));
        println!("  gzip    9: {size:>8} bytes in {time:?}");
    }
}

fn median(compress: impl Fn() -> Vec<u8>) -> (usize, Duration) {
    let mut runs: Vec<(usize, Duration)> = (0..3)
        .map(|_| {
            let start = Instant::now();
            let size = compress().len();
            (size, start.elapsed())
        })
        .collect();
    runs.sort_by_key(|run| run.1);
    runs[1]
}

fn brotli(bytes: &[u8], quality: u32) -> Vec<u8> {
    let mut compressed = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut compressed, 4096, quality, 22);
        writer.write_all(bytes).unwrap();
    }
    compressed
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}
