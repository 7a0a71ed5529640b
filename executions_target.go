package stepwise

import (
	"context"
	"encoding/json"
	"errors"
	"math/rand/v2"

	"github.com/stepwisehq/stepwise/store"
)

// resolveTarget finds what a StartExecution ARN names: a state machine, a
// version, or an alias (which picks one of its versions by weight).
func (c *Client) resolveTarget(ctx context.Context, arn string) (*target, error) {
	a, err := parseStateMachineARN(arn)
	if err != nil {
		return nil, err
	}
	rec, err := c.sw.store.StateMachineGet(ctx, arn)
	if errors.Is(err, store.ErrNotFound) {
		return nil, errorf(CodeStateMachineDoesNotExist, "State Machine Does Not Exist: '%s'", arn)
	}
	if err != nil {
		return nil, c.internal("resolveTarget", err)
	}
	t := &target{run: rec}
	switch rec.Kind {
	case store.VersionKind:
		t.versionArn = rec.Arn
	case store.AliasKind:
		t.aliasArn = rec.Arn
		if t.run, err = c.aliasVersion(ctx, rec); err != nil {
			return nil, err
		}
		t.versionArn = t.run.Arn
	}
	if t.machine, err = c.machineOf(ctx, a.Base(), rec); err != nil {
		return nil, err
	}
	return t, nil
}

// machineOf returns the state machine record a version or alias belongs to.
func (c *Client) machineOf(ctx context.Context, base string, rec *store.StateMachine) (*store.StateMachine, error) {
	if rec.Kind == store.MachineKind {
		return rec, nil
	}
	m, err := c.sw.store.StateMachineGet(ctx, base)
	if errors.Is(err, store.ErrNotFound) {
		return nil, errorf(CodeStateMachineDoesNotExist, "State Machine Does Not Exist: '%s'", base)
	}
	if err != nil {
		return nil, c.internal("machineOf", err)
	}
	return m, nil
}

// aliasVersion picks the version an alias routes this execution to.
func (c *Client) aliasVersion(ctx context.Context, alias *store.StateMachine) (*store.StateMachine, error) {
	routes, err := routesOf(alias.Routing)
	if err != nil || len(routes) == 0 {
		return nil, c.internal("aliasVersion", errors.New("alias without routing"))
	}
	pick := routes[0].StateMachineVersionArn
	n := rand.IntN(100)
	for _, r := range routes {
		if n < r.Weight {
			pick = r.StateMachineVersionArn
			break
		}
		n -= r.Weight
	}
	v, err := c.sw.store.StateMachineGet(ctx, pick)
	if err != nil {
		return nil, errorf(CodeStateMachineDoesNotExist, "State Machine Does Not Exist: '%s'", pick)
	}
	return v, nil
}

// routesOf reads an alias's stored routing configuration.
func routesOf(text string) ([]RoutingConfigurationListItem, error) {
	var routes []RoutingConfigurationListItem
	err := json.Unmarshal([]byte(text), &routes)
	return routes, err
}
