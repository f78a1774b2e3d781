#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| shelfcheck_hostile::schema_xml(data));
