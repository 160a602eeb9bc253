// The N+1 detector's public face: SessionOptions::strict_loading (off, warn, raise; the
// environment variable ORMC_STRICT_LOADING for every session that does not say), the
// LoadReport a warning carries, and StrictLoadingError, what raise mode throws.
// docs/relationships.md, "Finding N+1 loads".
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "ormc/detail/source_location.hpp"
#include "ormc/error.hpp"

namespace ormc {

//! What the Session does about loading patterns that cost a statement per object.
enum class StrictLoading : std::uint8_t {
  off,   //!< nothing (the default, unless ORMC_STRICT_LOADING says otherwise)
  warn,  //!< each pattern is reported once through SessionOptions::on_load_report
  //! an N+1 lazy load throws StrictLoadingError before its SQL runs (SQLAlchemy's
  //! raiseload, Rails' strict_loading); unused eager loads are still warnings
  raise,
};

//! Which pattern a LoadReport is about.
enum class LoadReportKind : std::uint8_t {
  //! A lazy load on an object of a multi-row result whose siblings need the same relation:
  //! reading it for each of them costs one statement per object.
  n_plus_one,
  //! A relation an eager option (or the schema's load(...)) loaded for a result, which no
  //! object of that result read before the session closed (or expunge_all()).
  unused_eager_load,
};

//! One report of the detector.
struct LoadReport {
  LoadReportKind kind = LoadReportKind::n_plus_one;
  std::string model;     //!< "User"
  std::string relation;  //!< "posts"
  //! How many objects the result held (n_plus_one: the siblings that still needed the
  //! relation, the object read included; unused_eager_load: the objects it loaded for).
  std::size_t objects = 0;
  //! Where the user read the relation (n_plus_one). Empty (line 0) when the read went
  //! through an operator (->, *, bool, []), which cannot take one.
  SourceLocation where;
  std::string fix;      //!< the option that fixes it: ".load(ormc::selectin(blog::user::posts))"
  std::string message;  //!< all of the above, as one line
};

//! What raise mode throws for an N+1 lazy load (an InvalidRequestError, as ormc::raise's).
class StrictLoadingError : public InvalidRequestError {
 public:
  using InvalidRequestError::InvalidRequestError;
};

//! Where warnings go: SessionOptions::on_load_report, else stderr_load_report.
using LoadReportHandler = std::function<void(const LoadReport&)>;

//! "[ormc] warning: <message>" on stderr, one write per report.
void stderr_load_report(const LoadReport& report);

}  // namespace ormc
