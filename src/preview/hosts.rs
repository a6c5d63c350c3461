//! Which `Host` headers the preview server answers (against DNS rebinding: a page on an
//! attacker's domain that resolves to 127.0.0.1 still sends its own domain as `Host`).
//! Bound to loopback: `127.0.0.1`, `localhost` and `[::1]`. Bound to one address: that
//! address, and the name given with `--host`. Bound to every interface (`0.0.0.0`, `::`):
//! any IP address, `localhost` and the `--host` name; never another DNS name. The port
//! must be the bound one.

use std::net::{IpAddr, SocketAddr};

/// The hosts a server answers.
#[derive(Debug)]
pub struct Hosts {
    port: u16,
    names: Vec<String>,
    any_ip: bool,
}

impl Hosts {
    /// The hosts for a server bound to `addr` after being asked for `host`.
    pub fn new(host: &str, addr: SocketAddr) -> Self {
        let ip = addr.ip();
        let mut names: Vec<String> = if ip.is_loopback() {
            vec!["127.0.0.1".into(), "localhost".into(), "[::1]".into()]
        } else {
            vec![literal(ip)]
        };
        let host = host.trim().to_ascii_lowercase();
        let host = match host.parse::<IpAddr>() {
            Ok(ip) => literal(ip),
            Err(_) => host,
        };
        if !host.is_empty() && !names.contains(&host) {
            names.push(host);
        }
        if ip.is_unspecified() {
            names.push("localhost".into());
        }
        Self { port: addr.port(), names, any_ip: ip.is_unspecified() }
    }

    /// Whether a `Host` header value (`name[:port]`) names this server.
    pub fn allows(&self, value: &str) -> bool {
        let value = value.trim().to_ascii_lowercase();
        let (name, port) = match value.strip_prefix('[') {
            Some(rest) => match rest.split_once(']') {
                Some((inner, after)) => (format!("[{inner}]"), after),
                None => return false,
            },
            None => match value.find(':') {
                Some(i) => (value[..i].to_string(), &value[i..]),
                None => (value.clone(), ""),
            },
        };
        let port = match port {
            "" => Some(80),
            p => p.strip_prefix(':').and_then(|p| p.parse::<u16>().ok()),
        };
        if port != Some(self.port) {
            return false;
        }
        if self.names.contains(&name) {
            return true;
        }
        let bare = name.trim_start_matches('[').trim_end_matches(']');
        self.any_ip && bare.parse::<IpAddr>().is_ok()
    }

    /// The message for a refused request: where the preview is.
    pub fn refusal(&self) -> String {
        format!(
            "拒绝访问：预览服务只接受发给 {} 的请求（端口 {}），以防 DNS 重绑定攻击。请直接打开 http://{}:{}/",
            self.names.join("、"),
            self.port,
            self.names[0],
            self.port
        )
    }
}

/// An address as it appears in a `Host` header (IPv6 in brackets).
fn literal(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(host: &str, addr: &str) -> Hosts {
        Hosts::new(host, addr.parse().unwrap())
    }

    #[test]
    fn loopback_accepts_its_three_names_on_its_port() {
        let h = hosts("127.0.0.1", "127.0.0.1:8421");
        for ok in ["127.0.0.1:8421", "localhost:8421", "LOCALHOST:8421", "[::1]:8421"] {
            assert!(h.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example:8421",
            "127.0.0.1:8422",
            "127.0.0.1",
            "localhost.evil.example:8421",
            "127.0.0.1.nip.io:8421",
            "",
            "[::1",
            "127.0.0.1:8421:1",
            "0.0.0.0:8421",
        ] {
            assert!(!h.allows(bad), "{bad}");
        }
    }

    #[test]
    fn a_named_host_and_every_interface() {
        let h = hosts("preview.lan", "192.168.1.5:9000");
        assert!(h.allows("preview.lan:9000") && h.allows("192.168.1.5:9000"));
        assert!(!h.allows("192.168.1.6:9000") && !h.allows("localhost:9000"));
        let any = hosts("0.0.0.0", "0.0.0.0:9000");
        assert!(any.allows("10.0.0.7:9000") && any.allows("[fe80::1]:9000"));
        assert!(any.allows("localhost:9000"));
        assert!(!any.allows("rebind.example:9000"));
        let v6 = hosts("::1", "[::1]:9000");
        assert!(v6.allows("[::1]:9000") && v6.allows("127.0.0.1:9000"));
    }
}
