package jsonata

// builtinFunc is the Go implementation of a built-in function.
type builtinFunc = func(ev *evaluator, c callInfo, args []any) (any, error)

// builtins are the built-in functions by name (without the $).
var builtins = map[string]*builtin{}

// transformSignature is the signature of the function a transform
// expression evaluates to.
var transformSignature = mustSignature("<(oa):o>")

func mustSignature(text string) *signature {
	sig, err := parseSignature(text)
	if err != nil {
		panic("jsonata: bad built-in signature " + text)
	}
	return sig
}

// define registers a built-in with its signature and the number of
// parameters the reference declares (which higher-order functions use).
func define(name, sig string, arity int, fn builtinFunc) {
	builtins[name] = &builtin{name: name, sig: mustSignature(sig), arity: arity, fn: fn}
}

// defineU registers a built-in whose result is undefined when its first
// argument is (as most of the reference's functions do).
func defineU(name, sig string, arity int, fn builtinFunc) {
	define(name, sig, arity, undefinedIn(fn))
}

// undefinedIn makes a function return undefined for an undefined first argument.
func undefinedIn(fn builtinFunc) builtinFunc {
	return func(ev *evaluator, c callInfo, args []any) (any, error) {
		if arg(args, 0) == undefined {
			return undefined, nil
		}
		return fn(ev, c, args)
	}
}

func init() {
	defineAggregates()
	defineStrings()
	defineRegexFunctions()
	defineEncodings()
	defineNumbers()
	defineFormatting()
	defineBooleans()
	defineHigherOrder()
	defineObjects()
	defineArrays()
	defineMisc()
	defineDateTime()
	defineStepFunctions()
}

// arg returns the i-th argument, or undefined.
func arg(args []any, i int) any {
	if i < len(args) {
		return args[i]
	}
	return undefined
}

// num returns the i-th argument as a number (validated by the signature).
func num(args []any, i int) float64 {
	f, _ := number(arg(args, i))
	return f
}

// str returns the i-th argument as a string (validated by the signature).
func str(args []any, i int) string {
	s, _ := arg(args, i).(string)
	return s
}

// list returns the i-th argument's items (validated as an array).
func list(args []any, i int) []any {
	xs, _ := items(arg(args, i))
	return xs
}
