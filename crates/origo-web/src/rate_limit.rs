//! A small token bucket per client IP for the public certificate check, so that security codes cannot be
//! guessed at speed. It lives in the process: with several servers each allows its own rate (documented in
//! docs/api.md); that is the one piece of in-process state, and losing it on restart is harmless.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many requests a client may make at once, and how fast its allowance comes back.
#[derive(Debug, Clone, Copy)]
pub struct RateSettings {
    /// Requests allowed in a burst.
    pub burst: u32,
    /// Requests allowed per second, sustained.
    pub per_second: f64,
}

impl Default for RateSettings {
    fn default() -> RateSettings {
        RateSettings { burst: 30, per_second: 5.0 }
    }
}

impl RateSettings {
    /// No limit at all (for benchmarks and for servers behind a proxy that limits): an infinite rate.
    pub fn unlimited() -> RateSettings {
        RateSettings { burst: u32::MAX, per_second: f64::INFINITY }
    }

    /// Whether this is [`RateSettings::unlimited`].
    pub fn is_unlimited(&self) -> bool {
        self.per_second == f64::INFINITY
    }
}

impl std::fmt::Display for RateSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_unlimited() { f.write_str("off") } else { write!(f, "{},{}", self.per_second, self.burst) }
    }
}

/// Why a rate limit could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected `off` or PER_SECOND[,BURST] (a rate above 0, a burst of at least 1), e.g. `5,30`")]
pub struct RateSettingsError;

impl std::str::FromStr for RateSettings {
    type Err = RateSettingsError;

    /// `off`, or `PER_SECOND[,BURST]` (`5,30` is the default; the burst defaults to 30).
    fn from_str(text: &str) -> Result<RateSettings, RateSettingsError> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("off") {
            return Ok(RateSettings::unlimited());
        }
        let (rate, burst) = text.split_once(',').unwrap_or((text, "30"));
        let per_second = rate.trim().parse::<f64>().map_err(|_| RateSettingsError)?;
        let burst = burst.trim().parse::<u32>().map_err(|_| RateSettingsError)?;
        if !(per_second.is_finite() && per_second > 0.0) || burst == 0 {
            return Err(RateSettingsError);
        }
        Ok(RateSettings { burst, per_second })
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Clients tracked before idle full buckets are dropped, so memory stays bounded.
const PRUNE_ABOVE: usize = 10_000;

/// The buckets of all clients.
#[derive(Debug)]
pub struct RateLimiter {
    settings: RateSettings,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

impl RateLimiter {
    pub fn new(settings: RateSettings) -> RateLimiter {
        RateLimiter { settings, buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes a token for `client` at `now`: `Ok` when allowed, or the wait until the next token.
    pub fn take(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        if self.settings.is_unlimited() {
            return Ok(());
        }
        let RateSettings { burst, per_second } = self.settings;
        let burst = f64::from(burst.max(1));
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() > PRUNE_ABOVE {
            buckets.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * per_second < burst);
        }
        let bucket = buckets.entry(client).or_insert(Bucket { tokens: burst, at: now });
        let refill = now.saturating_duration_since(bucket.at).as_secs_f64() * per_second;
        bucket.tokens = (bucket.tokens + refill).min(burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else if per_second > 0.0 {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / per_second))
        } else {
            Err(Duration::from_secs(3600))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_allowed_then_refused_until_tokens_come_back() {
        let limiter = RateLimiter::new(RateSettings { burst: 3, per_second: 1.0 });
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let other: IpAddr = "192.0.2.2".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(limiter.take(ip, t0).is_ok());
        }
        assert!(limiter.take(ip, t0).is_err());
        assert!(limiter.take(other, t0).is_ok(), "each client has its own bucket");
        assert!(limiter.take(ip, t0 + Duration::from_millis(1100)).is_ok(), "one token back after a second");
        assert!(limiter.take(ip, t0 + Duration::from_millis(1100)).is_err());
    }

    #[test]
    fn settings_are_read_from_text_and_off_means_no_limit() {
        let five: RateSettings = "5,30".parse().unwrap();
        assert_eq!((five.per_second, five.burst), (5.0, 30));
        let two: RateSettings = "2.5".parse().unwrap();
        assert_eq!((two.per_second, two.burst), (2.5, 30));
        assert_eq!(RateSettings::default().to_string().parse::<RateSettings>().unwrap().burst, 30);
        for bad in ["", "0", "-1", "inf", "NaN", "5,0", "5,x", "fast"] {
            assert!(bad.parse::<RateSettings>().is_err(), "{bad}");
        }
        let off: RateSettings = "OFF".parse().unwrap();
        assert!(off.is_unlimited() && off.to_string() == "off");
        let limiter = RateLimiter::new(off);
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let t0 = Instant::now();
        assert!((0..10_000).all(|_| limiter.take(ip, t0).is_ok()));
    }
}
