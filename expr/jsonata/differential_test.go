package jsonata

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/value"
)

// The differential test evaluates expressions with this implementation and
// with the reference (npm jsonata, installed in testdata/oracle with
// `npm ci`) and compares results, error codes and messages. The expressions
// are the hand-written testdata/differential_cases.txt and a seeded random
// corpus; known, justified differences are listed (with reasons) in
// testdata/differential_differences.txt.

const (
	differentialSeed  = 20240501
	differentialCount = 600
)

// oracleNow is the time the oracle script gives $millis().
var oracleNow = time.Date(2024, 5, 1, 12, 34, 56, 789_000_000, time.UTC)

type oracleCase struct {
	Expr  string          `json:"expr"`
	Input json.RawMessage `json:"input,omitempty"`
}

type oracleAnswer struct {
	Result    json.RawMessage `json:"result"`
	Undefined bool            `json:"undefined"`
	Function  bool            `json:"function"`
	Error     *struct {
		Code     string `json:"code"`
		Message  string `json:"message"`
		Token    any    `json:"token"`
		Position int    `json:"position"`
	} `json:"error"`
}

func oracleDir(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not installed")
	}
	dir := filepath.Join("testdata", "oracle")
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "jsonata")); err != nil {
		t.Skip("the reference is not installed (cd testdata/oracle && npm ci)")
	}
	return dir
}

// runOracle evaluates cases with the reference implementation.
func runOracle(t *testing.T, dir string, cases []oracleCase) []oracleAnswer {
	t.Helper()
	var in bytes.Buffer
	enc := json.NewEncoder(&in)
	for _, c := range cases {
		if err := enc.Encode(c); err != nil {
			t.Fatal(err)
		}
	}
	if dump := os.Getenv("JSONATA_DIFF_DUMP"); dump != "" {
		_ = os.WriteFile(dump, in.Bytes(), 0o644)
	}
	cmd := exec.Command("node", "eval.js")
	cmd.Dir = dir
	cmd.Stdin = &in
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("oracle: %v", err)
	}
	var answers []oracleAnswer
	s := bufio.NewScanner(bytes.NewReader(out))
	s.Buffer(make([]byte, 1<<20), 64<<20)
	for s.Scan() {
		var a oracleAnswer
		if err := json.Unmarshal(s.Bytes(), &a); err != nil {
			t.Fatalf("oracle output %q: %v", s.Text(), err)
		}
		answers = append(answers, a)
	}
	if len(answers) != len(cases) {
		t.Fatalf("oracle answered %d of %d cases", len(answers), len(cases))
	}
	return answers
}

func differentialCorpus(t *testing.T) []string {
	data, err := os.ReadFile(filepath.Join("testdata", "differential_cases.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var exprs []string
	for _, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			exprs = append(exprs, line)
		}
	}
	seed, count := uint64(differentialSeed), differentialCount
	if v := os.Getenv("JSONATA_DIFF_SEED"); v != "" {
		fmt.Sscan(v, &seed)
		exprs = nil // explore: the random corpus only
	}
	if v := os.Getenv("JSONATA_DIFF_COUNT"); v != "" {
		fmt.Sscan(v, &count)
	}
	g := newExprGen(seed)
	seen := map[string]bool{}
	for len(seen) < count {
		e := g.expression()
		if strings.Contains(e, "/") && (strings.Contains(e, "?:") || strings.Contains(e, "??")) {
			continue // the reference clones ?: and ?? operands through JSON, which breaks regexes
		}
		if !seen[e] {
			seen[e] = true
			exprs = append(exprs, e)
		}
	}
	return exprs
}

// justifiedDifferences reads "expression<TAB>reason" lines.
func justifiedDifferences(t *testing.T) map[string]string {
	data, err := os.ReadFile(filepath.Join("testdata", "differential_differences.txt"))
	if err != nil {
		return map[string]string{}
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		expr, reason, _ := strings.Cut(line, "\t")
		out[expr] = reason
	}
	return out
}

func TestDifferential(t *testing.T) {
	dir := oracleDir(t)
	inputText, err := os.ReadFile(filepath.Join("testdata", "differential_input.json"))
	if err != nil {
		t.Fatal(err)
	}
	input := value.MustParse(string(inputText))
	exprs := differentialCorpus(t)
	cases := make([]oracleCase, len(exprs))
	for i, e := range exprs {
		cases[i] = oracleCase{Expr: e, Input: inputText}
	}
	answers := runOracle(t, dir, cases)
	justified := justifiedDifferences(t)
	same, values := 0, 0
	for i, e := range exprs {
		diff := compareWithOracle(e, input, answers[i])
		if answers[i].Error == nil {
			values++
		}
		_, known := justified[e]
		switch {
		case diff == "" && known:
			t.Errorf("%s: listed as a difference but agrees with the reference", e)
		case diff == "":
			same++
		case !known:
			t.Errorf("%s\n    %s", e, diff)
		}
	}
	t.Logf("differential: %d/%d expressions agree (%d justified differences); the reference gave a value for %d",
		same, len(exprs), len(exprs)-same, values)
}

// compareWithOracle returns "" when this implementation agrees with the
// reference's answer, or a description of the difference.
func compareWithOracle(expr string, input value.Value, want oracleAnswer) string {
	got, defined, err := evalForOracle(expr, input)
	if want.Error != nil {
		if err == nil {
			return fmt.Sprintf("want error %s: %s, got %s", want.Error.Code, want.Error.Message, describe(got, defined))
		}
		e, ok := err.(*Error)
		if !ok || e.Code != want.Error.Code || e.Message != want.Error.Message {
			return fmt.Sprintf("want error %s: %s, got %v", want.Error.Code, want.Error.Message, err)
		}
		// a function applied with ~> gets whatever position the reference
		// last stamped on the (shared) function object: not compared
		if (e.Position != want.Error.Position && e.Position != 0) || e.Token != oracleToken(want.Error.Token) {
			return fmt.Sprintf("want error at %d (token %q), got at %d (token %q)",
				want.Error.Position, oracleToken(want.Error.Token), e.Position, e.Token)
		}
		return ""
	}
	if err != nil {
		return fmt.Sprintf("want %s, got error %v", answerText(want), err)
	}
	switch {
	case want.Undefined:
		if defined {
			return "want undefined, got " + describe(got, defined)
		}
	case want.Function:
		if !IsFunction(got) {
			return "want a function, got " + describe(got, defined)
		}
	default:
		w, perr := value.Parse(want.Result)
		if perr != nil {
			return perr.Error()
		}
		if !defined || IsFunction(got) || !value.Equal(got, w) {
			return fmt.Sprintf("want %s, got %s", value.String(w), describe(got, defined))
		}
	}
	return ""
}

// oracleToken prints the reference's error token as Error.Token holds it.
func oracleToken(tok any) string {
	switch t := tok.(type) {
	case nil:
		return ""
	case string:
		return t
	case float64:
		return formatNumberJS(t)
	}
	b, _ := json.Marshal(tok)
	return string(b)
}

func answerText(a oracleAnswer) string {
	switch {
	case a.Undefined:
		return "undefined"
	case a.Function:
		return "a function"
	}
	return string(a.Result)
}

func evalForOracle(expr string, input value.Value) (value.Value, bool, error) {
	e, err := Compile(expr)
	if err != nil {
		return nil, false, err
	}
	return e.Eval(input, &Options{Now: oracleNow, MaxDepth: 2000})
}
