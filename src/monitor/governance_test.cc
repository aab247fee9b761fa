#include "monitor/governance.h"

#include <gtest/gtest.h>

namespace redflag::monitor {
namespace {

store::Proposal WithVotes(std::string action, int approvals, int rejections) {
  store::Proposal proposal{.action = std::move(action)};
  for (int idx = 0; idx < approvals; ++idx) {
    proposal.votes.push_back({"a" + std::to_string(idx), "approve", ""});
  }
  for (int idx = 0; idx < rejections; ++idx) {
    proposal.votes.push_back({"r" + std::to_string(idx), "reject", ""});
  }
  return proposal;
}

TEST(Governance, ErcAddsByMajorityAndRemovesOnlyUnanimously) {
  EXPECT_EQ(Tally(Policy::kErc, WithVotes("add", 2, 0), 5), Outcome::kOpen);
  EXPECT_EQ(Tally(Policy::kErc, WithVotes("add", 3, 2), 5), Outcome::kPassed);
  EXPECT_EQ(Tally(Policy::kErc, WithVotes("add", 2, 3), 5), Outcome::kRejected);
  EXPECT_EQ(Tally(Policy::kErc, WithVotes("remove", 4, 0), 5), Outcome::kOpen);
  EXPECT_EQ(Tally(Policy::kErc, WithVotes("remove", 5, 0), 5), Outcome::kPassed);
  EXPECT_EQ(Tally(Policy::kErc, WithVotes("modify", 0, 1), 5), Outcome::kRejected);
}

TEST(Governance, MajorityAndUnanimousPolicies) {
  EXPECT_EQ(ApprovalsNeeded(Policy::kMajority, "remove", 4), 3u);
  EXPECT_EQ(ApprovalsNeeded(Policy::kUnanimous, "add", 3), 3u);
  EXPECT_EQ(ApprovalsNeeded(Policy::kErc, "add", 4), 3u);  // 2 of 4 is not a majority
  EXPECT_EQ(Tally(Policy::kUnanimous, WithVotes("add", 2, 1), 3), Outcome::kRejected);
  EXPECT_FALSE(ParsePolicy("mostly"));
  EXPECT_EQ(ParsePolicy("erc"), Policy::kErc);
}

TEST(Governance, ApplyAddsRemovesAndModifiesEntities) {
  std::string changed;
  auto first = ApplyProposal(
      "suppliers", {}, store::Proposal{.proposal_id = 1, .action = "add", .name = "Shady Ltd"},
      changed);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first->list_id, "custom-suppliers");
  EXPECT_EQ(changed, "custom-suppliers:1");
  auto second = ApplyProposal("suppliers", first->entities,
                              store::Proposal{.action = "add", .name = "Other Co"}, changed);
  ASSERT_TRUE(second);
  EXPECT_EQ(changed, "custom-suppliers:2");
  auto modified = ApplyProposal(
      "suppliers", second->entities,
      store::Proposal{.action = "modify", .entity_id = "custom-suppliers:1", .name = "Shady Inc"},
      changed);
  ASSERT_TRUE(modified);
  EXPECT_EQ(modified->entities[0].primary_name(), "Shady Inc");
  auto removed = ApplyProposal(
      "suppliers", modified->entities,
      store::Proposal{.action = "remove", .entity_id = "custom-suppliers:1"}, changed);
  ASSERT_TRUE(removed);
  ASSERT_EQ(removed->entities.size(), 1u);
  EXPECT_EQ(removed->entities[0].id, "custom-suppliers:2");
  auto missing = ApplyProposal("suppliers", removed->entities,
                               store::Proposal{.action = "remove", .entity_id = "x"}, changed);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace redflag::monitor
