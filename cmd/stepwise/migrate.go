package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/stepwisehq/stepwise/store/postgres"
)

// cmdMigrate creates or upgrades a PostgreSQL store's schema:
// stepwise migrate --store postgres://... (or STEPWISE_STORE).
func cmdMigrate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("store", os.Getenv("STEPWISE_STORE"), "PostgreSQL store: postgres://USER@HOST/DB (env STEPWISE_STORE)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if !strings.HasPrefix(*dsn, "postgres://") && !strings.HasPrefix(*dsn, "postgresql://") {
		fmt.Fprintln(stderr, "stepwise migrate: --store must be a postgres:// URL (SQLite migrates itself when opened)")
		return 2
	}
	if err := postgres.Migrate(context.Background(), *dsn); err != nil {
		fmt.Fprintf(stderr, "stepwise migrate: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "stepwise migrate: schema up to date")
	return 0
}
