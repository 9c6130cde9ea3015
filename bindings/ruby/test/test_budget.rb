# frozen_string_literal: true

require_relative "test_helper"

# The request budget: request_rate: checks its value, Workspace#request_budget reports the
# budget, and two workspaces of one API key share it.
class BudgetTest < Minitest::Test
  include EmulatorTest

  def test_request_rate_and_budget
    assert_raises(AirbyteCloud::InvalidArgumentError) { workspace(request_rate: -1) }
    first = workspace(request_rate: 20)
    second = workspace(request_rate: 20)
    5.times { first.connect }
    budget = first.request_budget
    assert_equal 20.0, budget.rate
    assert_equal 0, budget.rate_limited
    assert_operator budget.delayed, :>, 0
    # One API key, one budget: the second workspace reports the first one's waits.
    assert_operator second.request_budget.delayed, :>=, budget.delayed
  end
end
