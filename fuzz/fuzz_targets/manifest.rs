//! Any bytes as a Vite manifest, through parse, resolve and render.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    vite_asset_fuzz::parse_resolve_render(data);
});
