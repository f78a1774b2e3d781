#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| shelfcheck_hostile::alibaba_response(data));
