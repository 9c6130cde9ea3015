package airbytecloud_test

import (
	"context"
	"errors"
	"testing"

	airbytecloud "github.com/airbyte-cloud/libairbyte_cloud/bindings/go"
)

// The request budget: the option checks its value, the getter reports the rate and the waits,
// and two workspaces of one token share the budget.
func TestRequestBudget(t *testing.T) {
	_, err := airbytecloud.NewWorkspace("00000000-0000-0000-0000-000000000000", airbytecloud.WithRequestRate(-1))
	if !errors.Is(err, airbytecloud.ErrInvalidArgument) {
		t.Fatalf("WithRequestRate(-1): %v", err)
	}
	e := needEmulator(t)
	first := e.workspace(t, airbytecloud.WithRequestRate(20))
	second := e.workspace(t, airbytecloud.WithRequestRate(20))
	for i := 0; i < 5; i++ {
		if err := first.Connect(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	budget, err := first.RequestBudget()
	if err != nil {
		t.Fatal(err)
	}
	if budget.Rate != 20 || budget.RateLimited != 0 || budget.Delayed <= 0 {
		t.Fatalf("budget after 5 requests at 20/s: %+v", budget)
	}
	shared, err := second.RequestBudget()
	if err != nil || shared.Delayed < budget.Delayed {
		t.Fatalf("the second workspace of the token: %+v, %v (the first: %+v)", shared, err, budget)
	}
	var closed *airbytecloud.Workspace
	if _, err := closed.RequestBudget(); err == nil {
		t.Fatal("RequestBudget on a nil Workspace succeeded")
	}
}
