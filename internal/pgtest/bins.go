package pgtest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// libRoot is where Debian installs each PostgreSQL major version
// (/usr/lib/postgresql/<version>/bin); lookPath searches PATH. Tests
// replace them.
var (
	libRoot  = "/usr/lib/postgresql"
	lookPath = exec.LookPath
)

// bins are the server programs of one installation.
type bins struct {
	dir      string // the directory holding initdb and postgres
	initdb   string
	postgres string
}

// findBins finds initdb and postgres: in the newest version under root,
// else through lookPath (PATH), resolving symbolic links so that both come
// from one installation.
func findBins(root string, look func(string) (string, error)) (bins, error) {
	for _, dir := range versionDirs(root) {
		if b, ok := binsIn(dir); ok {
			return b, nil
		}
	}
	initdb, err := look("initdb")
	if err != nil {
		return bins{}, ErrNotInstalled
	}
	if real, err := filepath.EvalSymlinks(initdb); err == nil {
		initdb = real
	}
	if b, ok := binsIn(filepath.Dir(initdb)); ok {
		return b, nil
	}
	postgres, err := look("postgres")
	if err != nil {
		return bins{}, ErrNotInstalled
	}
	return bins{dir: filepath.Dir(initdb), initdb: initdb, postgres: postgres}, nil
}

// binsIn returns the programs in dir when it holds both.
func binsIn(dir string) (bins, bool) {
	b := bins{dir: dir, initdb: filepath.Join(dir, "initdb"), postgres: filepath.Join(dir, "postgres")}
	return b, isExecutable(b.initdb) && isExecutable(b.postgres)
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}

// versionDirs returns root/<version>/bin for each version directory under
// root, newest first.
func versionDirs(root string) []string {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil
	}
	var versions []string
	for _, e := range entries {
		if _, ok := parseVersion(e.Name()); ok {
			versions = append(versions, e.Name())
		}
	}
	slices.SortFunc(versions, func(a, b string) int {
		va, _ := parseVersion(a)
		vb, _ := parseVersion(b)
		return slices.Compare(vb, va)
	})
	dirs := make([]string, len(versions))
	for i, v := range versions {
		dirs[i] = filepath.Join(root, v, "bin")
	}
	return dirs
}

// parseVersion reads a version directory name such as "16" or "9.6".
func parseVersion(name string) ([]int, bool) {
	var out []int
	for part := range strings.SplitSeq(name, ".") {
		n, err := strconv.Atoi(part)
		if err != nil || n < 0 {
			return nil, false
		}
		out = append(out, n)
	}
	return out, true
}

// tool returns a program of the installation: beside the server programs,
// else from PATH.
func (b bins) tool(name string) (string, error) {
	if p := filepath.Join(b.dir, name); isExecutable(p) {
		return p, nil
	}
	p, err := lookPath(name)
	if err != nil {
		return "", fmt.Errorf("%w (no %s)", ErrNotInstalled, name)
	}
	return p, nil
}
