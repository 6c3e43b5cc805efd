//! Development with the `dev` and `serve` features: the serving layer forwards
//! each build's paths to its Vite DevServer, starts that DevServer when none
//! answers, and reloads the open pages when a server template changes.

mod dev_server;
pub(crate) mod proxy;
mod reload;

pub(crate) use dev_server::start;
pub(crate) use proxy::{boxed, forward, owns, ProxyBody};
pub(crate) use reload::watch;
