package jsonata

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// exprGen generates random JSONata expressions over the differential
// test's input documents, biased towards well-typed ones so that most
// produce values (the others exercise the errors).
type exprGen struct {
	r     *rand.Rand
	depth int
}

func newExprGen(seed uint64) *exprGen {
	return &exprGen{r: rand.New(rand.NewPCG(seed, seed^0x9E3779B97F4A7C15))}
}

func (g *exprGen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }

func (g *exprGen) chance(p float64) bool { return g.r.Float64() < p }

// nest runs f one level deeper, or returns leaf when too deep.
func (g *exprGen) nest(leaf func() string, f func() string) string {
	if g.depth >= 4 {
		return leaf()
	}
	g.depth++
	defer func() { g.depth-- }()
	return f()
}

var genFields = []string{"Account", "Order", "Product", "Price", "Quantity", "SKU", "Description",
	"Colour", "Width", "Height", "Weight", "OrderID", "`Account Name`", "`Product Name`",
	"Address", "City", "Phone", "type", "number", "Email", "address", "nums", "words", "nested",
	"missing", "a", "b", "c", "items", "value", "name", "tags"}

func (g *exprGen) field() string { return genFields[g.r.IntN(len(genFields))] }

func (g *exprGen) number() string {
	switch g.r.IntN(6) {
	case 0:
		return fmt.Sprint(g.r.IntN(5))
	case 1:
		return fmt.Sprint(g.r.IntN(200) - 50)
	case 2:
		return fmt.Sprintf("%.2f", g.r.Float64()*100)
	case 3:
		return g.pick("0.1", "1e3", "2.5", "-0.5", "1.005", "123456789", "3.14159")
	}
	return g.nest(func() string { return fmt.Sprint(g.r.IntN(10)) }, g.numExpr)
}

func (g *exprGen) str() string {
	switch g.r.IntN(5) {
	case 0:
		return g.pick(`"hello"`, `'World'`, `""`, `"a,b,c"`, `"  spaced   out "`, `"Ünïcödé"`,
			`"😀x"`, `"2018-02-01T09:42:13.123Z"`, `"123"`, `"-4.5"`, `"0x1F"`, `"abc123def"`)
	case 1:
		return g.path()
	}
	return g.nest(func() string { return `"x"` }, g.strExpr)
}

func (g *exprGen) numExpr() string {
	switch g.r.IntN(9) {
	case 0:
		return g.number() + " " + g.pick("+", "-", "*", "/", "%") + " " + g.number()
	case 1:
		return "$" + g.pick("sum", "max", "min", "average", "count") + "(" + g.array() + ")"
	case 2:
		return "$" + g.pick("abs", "floor", "ceil", "sqrt", "round", "number") + "(" + g.number() + ")"
	case 3:
		return "$round(" + g.number() + ", " + fmt.Sprint(g.r.IntN(5)-1) + ")"
	case 4:
		// integer bases: V8's Math.pow is not correctly rounded (see the differences file)
		return "$power(" + fmt.Sprint(g.r.IntN(21)-10) + ", " + fmt.Sprint(g.r.IntN(4)) + ")"
	case 5:
		return "$length(" + g.str() + ")"
	case 6:
		return "-" + g.number()
	case 7:
		return "$number(" + g.str() + ")"
	}
	return "$count(" + g.path() + ")"
}

func (g *exprGen) strExpr() string {
	switch g.r.IntN(12) {
	case 0:
		return g.str() + " & " + g.any()
	case 1:
		return "$" + g.pick("uppercase", "lowercase", "trim", "string", "base64encode", "encodeUrlComponent") + "(" + g.str() + ")"
	case 2:
		return "$substring(" + g.str() + ", " + g.number() + g.optional(", "+g.number()) + ")"
	case 3:
		return "$" + g.pick("substringBefore", "substringAfter") + "(" + g.str() + ", " + g.pick(`","`, `"l"`, `"o"`, `""`) + ")"
	case 4:
		return "$pad(" + g.str() + ", " + fmt.Sprint(g.r.IntN(21)-10) + g.optional(`, "#"`) + ")"
	case 5:
		return "$join(" + g.strArray() + g.optional(`, "-"`) + ")"
	case 6:
		return "$replace(" + g.str() + ", " + g.pattern() + ", " + g.pick(`"$1"`, `"<$0>"`, `"x"`, `"$$"`, `""`) + ")"
	case 7:
		return "$formatNumber(" + g.number() + ", " + g.pick(`"#,##0.00"`, `"0.0e0"`, `"00%"`, `"#.###"`, `"000"`, `"#,###;(#,###)"`) + ")"
	case 8:
		return "$formatInteger(" + fmt.Sprint(g.r.IntN(5000)-100) + ", " + g.pick(`"w"`, `"W"`, `"I"`, `"i"`, `"a"`, `"000"`, `"#,##0"`, `"1;o"`, `"Ww"`) + ")"
	case 9:
		return "$formatBase(" + g.number() + ", " + g.pick("2", "8", "16", "36") + ")"
	case 10:
		return "$fromMillis(" + g.number() + g.optional(", "+g.pick(`"[Y0001]-[M01]-[D01]"`, `"[H01]:[m01]"`, `"[FNn], [D1o] [MNn] [Y]"`, `"[h]:[m01] [P]"`)) + ")"
	}
	return "$string(" + g.any() + g.optional(", true") + ")"
}

func (g *exprGen) optional(s string) string {
	if g.chance(0.5) {
		return s
	}
	return ""
}

func (g *exprGen) pattern() string {
	if g.chance(0.4) {
		return g.pick(`"l"`, `"o"`, `","`, `"a"`)
	}
	return g.pick(`/l+/`, `/(o)(r)?/`, `/[aeiou]/i`, `/\d+/`, `/(\w+)\s(\w+)/`, `/^h/`, `/x*/`)
}

func (g *exprGen) bool() string {
	switch g.r.IntN(7) {
	case 0:
		return g.pick("true", "false")
	case 1:
		return g.number() + " " + g.pick("=", "!=", "<", "<=", ">", ">=") + " " + g.number()
	case 2:
		return g.str() + " " + g.pick("=", "!=", "<", ">") + " " + g.str()
	case 3:
		return g.nest(g.boolLeaf, func() string { return g.bool() + " " + g.pick("and", "or") + " " + g.bool() })
	case 4:
		return "$" + g.pick("exists", "boolean", "not") + "(" + g.any() + ")"
	case 5:
		return g.any() + " in " + g.array()
	}
	return "$contains(" + g.str() + ", " + g.pattern() + ")"
}

func (g *exprGen) boolLeaf() string { return g.pick("true", "false") }

func (g *exprGen) strArray() string {
	if g.chance(0.5) {
		return `["a", "b", "c"]`
	}
	return g.pick("Account.Order.Product.SKU", "words", `$split("a,b,,c", ",")`, "Account.Order.OrderID")
}

func (g *exprGen) array() string {
	switch g.r.IntN(8) {
	case 0:
		return "[" + g.number() + ", " + g.number() + ", " + g.number() + "]"
	case 1:
		return "[" + fmt.Sprint(g.r.IntN(4)) + ".." + fmt.Sprint(g.r.IntN(8)) + "]"
	case 2:
		return g.pick("nums", "Account.Order.Product.Price", "Account.Order.Product.Quantity", "[]", "nested.items.value")
	case 3:
		return g.nest(func() string { return "[1]" }, func() string { return "$append(" + g.array() + ", " + g.any() + ")" })
	case 4:
		return g.nest(func() string { return "nums" }, func() string {
			return "$map(" + g.array() + ", function($v, $i) {" + g.pick("$v * 2", "$v + $i", "$string($v)", "$v > 2 ? $v : undefined") + "})"
		})
	case 5:
		return g.nest(func() string { return "nums" }, func() string {
			return "$filter(" + g.array() + ", function($v) {" + g.pick("$v > 2", "$v % 2 = 0", "true", "$v") + "})"
		})
	case 6:
		return "$" + g.pick("reverse", "distinct", "sort") + "(" + g.array() + ")"
	}
	return "$split(" + g.str() + ", " + g.pattern() + g.optional(", 2") + ")"
}

func (g *exprGen) path() string {
	steps := []string{g.field()}
	for n := g.r.IntN(3); n > 0; n-- {
		steps = append(steps, g.step())
	}
	p := strings.Join(steps, ".")
	if g.chance(0.3) {
		p += g.predicate()
	}
	if g.chance(0.1) {
		p += "^(" + g.pick("Price", ">Price", "$", ">$", "SKU, >Quantity") + ")"
	}
	return p
}

func (g *exprGen) step() string {
	switch g.r.IntN(10) {
	case 0:
		return "*"
	case 1:
		return g.field() + g.predicate()
	case 2:
		return "(" + g.field() + ")"
	case 3:
		return g.field() + "[]"
	}
	return g.field()
}

func (g *exprGen) predicate() string {
	switch g.r.IntN(6) {
	case 0:
		return "[" + fmt.Sprint(g.r.IntN(4)-1) + "]"
	case 1:
		return "[" + g.pick("Price > 30", "Quantity < 2", `SKU = "0406654608"`, "$ > 2", "type = 'mobile'") + "]"
	case 2:
		return "[[0, 2]]"
	case 3:
		return "[$not(" + g.field() + ")]"
	}
	return "[" + g.field() + "]"
}

func (g *exprGen) object() string {
	switch g.r.IntN(4) {
	case 0:
		return "{" + g.pick(`"a"`, `"b"`) + ": " + g.any() + ", \"n\": " + g.number() + "}"
	case 1:
		return g.pick("Account.Order.Product", "Account.Order", "nested.items") + "{" + g.pick("SKU", "`Product Name`", "OrderID", "name", "$string(value)") + ": " + g.pick("Price", "$sum(Price)", "Quantity", "$", "value", "$count($)") + "}"
	case 2:
		return "$merge([" + g.pick(`{"a":1}`, "Account.Order[0]", `{"b":2}`) + ", " + g.pick(`{"a":3}`, `{"c":[1,2]}`) + "])"
	}
	return g.pick("Account.Order[0].Product[0]", "Address", "nested", `{"x": {"y": [1, {"z": true}]}}`)
}

func (g *exprGen) any() string {
	return g.nest(func() string { return g.pick("1", `"s"`, "null", "nums", "Account.Order[0].OrderID") }, g.anyExpr)
}

func (g *exprGen) anyExpr() string {
	switch g.r.IntN(17) {
	case 0, 1:
		return g.path()
	case 2:
		return g.number()
	case 3:
		return g.str()
	case 4:
		return g.bool()
	case 5:
		return g.array()
	case 6:
		return g.object()
	case 7:
		return g.bool() + " ? " + g.any() + " : " + g.any()
	case 8:
		return g.any() + " " + g.pick("?:", "??") + " " + g.any()
	case 9:
		return "(" + "$x := " + g.any() + "; " + g.pick("$x", "$count($x)", "[$x]", "$type($x)", "$x[0]") + ")"
	case 10:
		return g.array() + " ~> $" + g.pick("count", "sum", "reverse", "distinct", "string", "type") + "()"
	case 11:
		return g.objectFunction()
	case 12:
		return g.path() + "#$i" + g.pick("[$i < 2]", ".{\"i\": $i}", "")
	case 13:
		return "$reduce(" + g.array() + ", function($a, $b){$a + $b}" + g.optional(", 10") + ")"
	case 15:
		return g.construct()
	case 14:
		return g.pick("Account.Order.Product.%.OrderID", "Account.Order.Product[Price > 30].%.%.`Account Name`",
			"Account.Order@$o.Product[$o.OrderID = 'order104'].SKU", "$.nested.**.value", "**.Price")
	}
	return "$match(" + g.str() + ", " + g.pick(`/l+/`, `/(o)(r)?/`, `/[aeiou]/i`, `/\d+/`) + ")"
}

// objectFunction calls a function of objects ($sift without a function
// crashes the reference, so it always gets one).
func (g *exprGen) objectFunction() string {
	obj := g.object()
	fn := "function($v, $k){" + g.pick("$k", "$v", "$k & '=' & $string($v)", "$type($v) = 'number'") + "}"
	switch name := g.pick("keys", "spread", "each", "sift", "lookup", "type"); name {
	case "each", "sift":
		return "$" + name + "(" + obj + ", " + fn + ")"
	case "lookup":
		return "$lookup(" + obj + ", " + g.pick(`"a"`, `"SKU"`, `"n"`) + ")"
	default:
		return "$" + name + "(" + obj + ")"
	}
}

// expression returns one random expression.
func (g *exprGen) expression() string {
	g.depth = 0
	switch g.r.IntN(8) {
	case 0:
		return g.numExpr()
	case 1:
		return g.strExpr()
	case 2:
		return g.bool()
	case 3:
		return g.array()
	case 4:
		return g.object()
	case 5:
		return g.path()
	}
	return g.any()
}

// construct returns one of the language's less common constructs, with
// random parts.
func (g *exprGen) construct() string {
	switch g.r.IntN(12) {
	case 0:
		return g.pick("$", "Account", "Account.Order[0]", "nested") + " ~> |" + g.pick("Order", "Product", "items", "Order.Product", "nested.items") + "|" +
			g.pick(`{"x": 1}`, `{"Price": Price * 2}`, `{}`, `{"n": $count($)}`) + g.optional(", "+g.pick(`"Price"`, `["SKU", "Description"]`, `"name"`)) + "|"
	case 1:
		return "Account.Order.Product." + g.pick(`{"p": %.OrderID, "a": %.%.`+"`Account Name`"+`}`, `[%.OrderID = "order104"].SKU`, `%.OrderID & ":" & SKU`, `$count(%.Product)`)
	case 2:
		return "Account.Order@$o.Product" + g.pick("@$p", "#$j", "") + g.pick(`[$o.OrderID = "order103"]`, "[Price > 30]", "") + "." +
			g.pick(`{"o": $o.OrderID, "sku": SKU}`, "SKU", "$o.OrderID")
	case 3:
		return "Account.Order#$i.Product#$j" + g.pick("^(>Price)", "^(Quantity, >SKU)", "[$j = 0]", "") + "." + g.pick(`[$i, $j]`, `{"i": $i, "j": $j}`, "$i * 10 + $j")
	case 4:
		return "(" + "$f := function($x){" + g.pick("$x * 2", "$x & '!'", "[$x, $x]", "$type($x)") + "}; " + g.pick("$map(nums, $f)", "$f(3)", "$f(nums)", `$f("a")`) + ")"
	case 5:
		return g.pick("$substring(?, 1)", "$replace(?, 'l', 'L')", "$split(?, ',')", "$pad(?, 6, '*')", "$uppercase(?)") + "(" + g.str() + ")"
	case 6:
		return g.str() + " ~> " + g.pick("$uppercase", "$trim", "$length", "$string") + " ~> " + g.pick("$lowercase", "$string", "$type", "$boolean")
	case 7:
		return "Account.Order@$o.Product{$o.OrderID: " + g.pick("$sum(Price)", "SKU", "$count($)", "$o.OrderID") + "}"
	case 8:
		return "Phone" + g.pick("{type: number}", "[type = 'home'].number", "^(>type).type", "#$i[$i > 0].type", "@$p.{$p.type: $p.number}")
	case 9:
		return "$" + g.pick("match", "split", "replace", "contains") + "(" + g.pick(`"Ünïcödé 😀 ab"`, `"a1b2c3"`, `"x"`) + ", " + g.pick(`/\w/`, `/[0-9]/`, `/b|c/`, `/😀/`, `/é/i`) + g.pick(`, "#"`, "", ", 1") + ")"
	case 10:
		return "($acc := 0; $total := $reduce(" + g.array() + ", function($a, $v){$a + $v}, $acc); {\"total\": $total})"
	}
	return "$sort(Account.Order.Product, function($l, $r){" + g.pick("$l.Price > $r.Price", "$l.Quantity < $r.Quantity", "$l.SKU > $r.SKU") + "})." + g.pick("SKU", "Price")
}
