//! Run-time benchmarks of vite-asset: see benches/render.rs and BENCHMARKS.md.
