// Package jsonpath compiles and evaluates the JSONPath expressions of
// JSONPath-era ASL states (InputPath, OutputPath, ItemsPath, ResultPath,
// Parameters "x.$" values, intrinsic function arguments) the way AWS Step
// Functions evaluates them. AWS uses Jayway JsonPath with a Jackson JsonNode
// provider, in a release (2.1) old enough that it still rejects
// multi-property tokens in the middle of a path; this package reproduces that
// engine's results and the error texts AWS copies into execution causes:
//
//	No results for path: $['a']['b']
//	Missing property in path $['a']
//	Property ['b'] not found in path $['a']
//	The path $['a'] is null
//	Filter: [0] can only be applied to arrays. Current context is: 1
//	Multi properties can only be used as path leafs: $['a', 'b']
//
// Consequences of following that release, which later Jayway releases (and
// other JSONPath engines) do differently:
//
//   - ['a', 'b'] at the end of a path is definite and selects one object of
//     the members present, as AWS does;
//   - a name applied to something that is not an object fails, even inside a
//     wildcard over an object or a deep scan (inside a wildcard over an
//     array it is skipped);
//   - a missing name in the middle of a path fails only when the rest of the
//     path is definite, so $.missing[*] selects [];
//   - an index past the end of an array selects null (Jackson's ArrayNode
//     answers null), and EvalStrict, for intrinsic function arguments,
//     makes that "no result" instead;
//   - in a filter, a bare @ on a scalar item equals nothing, as AWS
//     documents ("@ ... does not match scalar values");
//   - the functions are those of Jayway 2.1: length(), min(), max(), avg()
//     and stddev(); any other fails with "Function with name: x does not
//     exists.".
//
// Where even that is unknown, the package follows the newest Jayway: a
// negative index counts from the end of the array, and the step of a slice
// [a:b:c] is accepted and ignored, as Jayway ignores it.
//
// A path is compiled once into an immutable *Path that is safe for
// concurrent use; Eval allocates nothing for a definite path made of
// property names and array indexes.
package jsonpath
