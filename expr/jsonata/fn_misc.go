package jsonata

func defineMisc() {
	define("error", "<s?:x>", 1, fnError)
	define("assert", "<bs?:x>", 2, fnAssert)
	defineU("eval", "<sx?:x>", 2, fnEval)
}

func fnError(_ *evaluator, _ callInfo, args []any) (any, error) {
	e := newError("D3137")
	e.custom = "$error() function evaluated"
	if s, ok := arg(args, 0).(string); ok && s != "" {
		e.custom = s
	}
	return nil, e
}

func fnAssert(_ *evaluator, _ callInfo, args []any) (any, error) {
	if b, _ := arg(args, 0).(bool); b {
		return undefined, nil
	}
	e := newError("D3141")
	e.custom = "$assert() statement failed"
	if s, ok := arg(args, 1).(string); ok && s != "" {
		e.custom = s
	}
	return nil, e
}

// fnEval parses and evaluates an expression in the caller's scope.
func fnEval(ev *evaluator, c callInfo, args []any) (any, error) {
	input := c.input
	if focus := arg(args, 1); focus != undefined {
		input = focus
		if xs, ok := focus.([]any); ok {
			input = &array{items: []any{xs}, seq: true, outer: true}
		} else if a, ok := focus.(*array); ok && !a.seq {
			input = &array{items: []any{a}, seq: true, outer: true}
		}
	}
	ast, err := parse(str(args, 0))
	if err != nil {
		inner := err.(*Error).populate()
		return nil, errorValue("D3120", inner.Message)
	}
	result, err := ev.eval(ast, input, c.env)
	if err != nil {
		inner, ok := err.(*Error)
		if !ok || inner.Code == "D1011" || inner.Code == "D1012" || inner.Code == "U1001" {
			return nil, err
		}
		return nil, errorValue("D3121", inner.populate().Message)
	}
	return result, nil
}
