#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| shelfcheck_hostile::snapshot_binary(data));
