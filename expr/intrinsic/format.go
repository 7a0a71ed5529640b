package intrinsic

import (
	"strings"

	"github.com/stepwisehq/stepwise/expr/jsonpath"
	"github.com/stepwisehq/stepwise/value"
)

// format replaces each {} of the template with the next argument, printed
// as Java prints it. In the template, \{ \} \' and \\ stand for the
// character after the backslash; any other brace is an error, and the
// number of {} must equal the number of arguments.
func format(_ *evalCtx, c *call, args []value.Value) (value.Value, error) {
	tmpl, ok := args[0].(string)
	if !ok {
		return nil, invalid(c.fn.name)
	}
	if a := &c.args[0]; a.kind == argLiteral {
		tmpl = a.raw
	}
	var b strings.Builder
	b.Grow(len(tmpl) + 16*len(args))
	next := 1
	for i := 0; i < len(tmpl); i++ {
		switch ch := tmpl[i]; ch {
		case '\\':
			if i+1 < len(tmpl) && strings.IndexByte(`'{}\`, tmpl[i+1]) >= 0 {
				i++
			}
			b.WriteByte(tmpl[i])
		case '{':
			if i+1 >= len(tmpl) || tmpl[i+1] != '}' || next >= len(args) {
				return nil, invalid(c.fn.name)
			}
			i++
			writeArg(&b, args[next])
			next++
		case '}':
			return nil, invalid(c.fn.name)
		default:
			b.WriteByte(ch)
		}
	}
	if next != len(args) {
		return nil, invalid(c.fn.name)
	}
	return b.String(), nil
}

func writeArg(b *strings.Builder, v value.Value) {
	if s, ok := v.(string); ok {
		b.WriteString(s)
		return
	}
	b.WriteString(jsonpath.JavaString(v))
}
