//! Any bytes as a Vite manifest, through parse, resolve and render
//! (`vite_asset_harness::parse_resolve_render`, in tests/harness).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    vite_asset_harness::parse_resolve_render(data);
});
