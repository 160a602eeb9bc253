// Engine options written in a URL's query string (?echo=true&busy_timeout_ms=100).
#pragma once

#include "ormc/engine_options.hpp"
#include "ormc/url.hpp"

namespace ormc::detail {

//! Overrides `options` with those in `url`'s query; ArgumentError for an unknown option or
//! a bad value, naming both and the URL (password hidden).
void apply_url_options(const Url& url, EngineOptions& options);

}  // namespace ormc::detail
