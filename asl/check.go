package asl

// checkMachine applies the checks that span states: every transition names
// a state of the same machine, every state is reachable from StartAt, and
// some state ends the machine.
func (p *parser) checkMachine(m *Machine, loc string, hasStart bool) {
	if p.single && loc == "" {
		return
	}
	if hasStart && m.States != nil && m.States[m.StartAt] == nil {
		p.ds.add(CodeMissingTarget, loc+"/StartAt", "Missing 'StartAt' target: %s", m.StartAt)
	}
	terminal := false
	for _, name := range m.Order {
		st := m.States[name]
		for _, t := range transitions(st) {
			if m.States[t.target] == nil {
				p.ds.add(CodeMissingTarget, loc+"/States/"+name+"/"+t.field, "Missing '%s' target: %s", t.label, t.target)
			}
		}
		terminal = terminal || isTerminal(st)
	}
	if len(m.Order) > 0 && !terminal {
		p.ds.add(CodeNoTerminalState, loc, "No terminal state found in machine")
	}
	p.checkReachable(m, loc)
}

type transition struct {
	field, label, target string
}

func transitions(st State) []transition {
	b := st.Common()
	var out []transition
	if b.Next != "" {
		out = append(out, transition{"Next", "Next", b.Next})
	}
	for i, c := range b.Catch {
		out = append(out, transition{"Catch[" + itoa(i) + "]/Next", "Next", c.Next})
	}
	if c, ok := st.(*Choice); ok {
		for i, r := range c.Choices {
			out = append(out, transition{"Choices[" + itoa(i) + "]/Next", "Next", r.Next})
		}
		if c.Default != "" {
			out = append(out, transition{"Default", "Default", c.Default})
		}
	}
	return out
}

func isTerminal(st State) bool {
	switch st.(type) {
	case *Succeed, *Fail:
		return true
	}
	return st.Common().End
}

func (p *parser) checkReachable(m *Machine, loc string) {
	if m.States[m.StartAt] == nil {
		return
	}
	seen := map[string]bool{m.StartAt: true}
	queue := []string{m.StartAt}
	for len(queue) > 0 {
		st := m.States[queue[0]]
		queue = queue[1:]
		for _, t := range transitions(st) {
			if !seen[t.target] && m.States[t.target] != nil {
				seen[t.target] = true
				queue = append(queue, t.target)
			}
		}
	}
	for _, name := range m.Order {
		if !seen[name] {
			p.ds.add(CodeUnreachable, loc+"/States/"+name, "State '%s' is not reachable", name)
		}
	}
}
