// Inside the verifier (not for other callers): the list of checks a verification records,
// and the last step, the validity window and the status lists' verdict.
#pragma once

#include <string>
#include <vector>

#include "credential/verifier.h"

namespace siegel {

// Accumulates checks; the first failed check decides the reason.
class Pipeline {
 public:
  // A full check of a credential makes about a dozen checks: one allocation, not five.
  explicit Pipeline(VerificationReport* report) : report_(report) { report_->checks.reserve(16); }
  bool Check(const std::string& name, const Status& status, const std::string& ok_detail = "") {
    report_->checks.push_back({name, status.ok(), status.ok() ? ok_detail : status.message()});
    if (!status.ok() && report_->reason.empty()) report_->reason = status.message();
    return status.ok();
  }
  VerificationReport& report() { return *report_; }

 private:
  VerificationReport* report_;
};

// For an authentic credential (its claims may now be shown): each status entry looked up,
// the validity window at `at`, and the verdict.
void EvaluateStatus(const Json& credential, const std::vector<StatusEntry>& entries,
                    const StatusListSource* statuses, UnixSeconds at, Pipeline& pipe);

}  // namespace siegel
