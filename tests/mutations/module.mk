# SPDX-License-Identifier: BSD-2-Clause
# Mutation checks (tests/mutations/run.sh): each named mutation of the code or
# of a test's attacker is built in a scratch copy of the tree (under
# $(B)/mutations), and the test that claims to catch it must fail there.
.PHONY: test-mutations
test-mutations:
	tests/mutations/run.sh $(B)/mutations
$(call xw_help,test-mutations,break the code in named ways (scratch copies) and require the test that claims to catch each to fail)
