//! Fuzz the preview server's `Host` check: any header value is answered without a panic,
//! and a value that is let in names the bound port.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::preview::hosts::Hosts;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = std::str::from_utf8(data) else { return };
    for (host, addr) in [("127.0.0.1", "127.0.0.1:8421"), ("0.0.0.0", "0.0.0.0:8421")] {
        let hosts = Hosts::new(host, addr.parse().unwrap());
        if hosts.allows(value) {
            assert!(value.trim().ends_with(":8421"), "{value:?} let in");
        }
    }
});
