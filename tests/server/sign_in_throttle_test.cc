// The sign-in throttle on its own clock: limits per account and per address, the wait it
// announces, and forgetting once failures leave the window.
#include "server/admin/sign_in_throttle.h"

#include <gtest/gtest.h>

namespace siegel::admin {
namespace {

TEST(SignInThrottle, LocksAnAccountAfterItsLimitUntilTheOldestFailureLeavesTheWindow) {
  SignInThrottle throttle({/*failures_per_account=*/3, /*failures_per_address=*/100, 600});
  for (int64_t t : {1000, 1010, 1020}) EXPECT_EQ(throttle.Begin("anna", "10.0.0.1", t), 0);
  EXPECT_EQ(throttle.Begin("anna", "10.0.0.2", 1030), 1000 + 600 - 1030)
      << "another address does not help";
  EXPECT_EQ(throttle.Begin("ben", "10.0.0.1", 1030), 0) << "other accounts are not locked";
  EXPECT_EQ(throttle.Begin("anna", "10.0.0.1", 1600), 0) << "the first failure left";
  EXPECT_EQ(throttle.Begin("anna", "10.0.0.1", 1601), 1010 + 600 - 1601);
  throttle.Succeeded("anna", "10.0.0.1", 1600);
  EXPECT_EQ(throttle.Begin("anna", "10.0.0.1", 1602), 0) << "a success clears the account";
}

TEST(SignInThrottle, LocksAnAddressThatTriesManyAccounts) {
  SignInThrottle throttle({/*failures_per_account=*/5, /*failures_per_address=*/4, 900});
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(throttle.Begin("user" + std::to_string(i), "10.0.0.9", 50), 0);
  EXPECT_EQ(throttle.Begin("someone-else", "10.0.0.9", 60), 890);
  EXPECT_EQ(throttle.Begin("someone-else", "10.0.0.8", 60), 0);
  throttle.Succeeded("user0", "10.0.0.9", 55);  // no attempt was made then: nothing moves
  EXPECT_GT(throttle.Begin("user0", "10.0.0.9", 60), 0) << "a success does not clear the address";
}

TEST(SignInThrottle, AttemptsBegunAtOnceTakeTheirPlacesBeforeAnyIsChecked) {
  SignInThrottle throttle({/*failures_per_account=*/5, /*failures_per_address=*/20, 900});
  int allowed = 0;
  for (int i = 0; i < 40; ++i)
    allowed += throttle.Begin("anna", "10.0.0." + std::to_string(i), 100) == 0;
  EXPECT_EQ(allowed, 5);
  // One of them succeeded: it no longer counts against its address, and the account is clear.
  throttle.Succeeded("anna", "10.0.0.0", 100);
  EXPECT_EQ(throttle.Begin("anna", "10.0.0.1", 101), 0);
}

}  // namespace
}  // namespace siegel::admin
