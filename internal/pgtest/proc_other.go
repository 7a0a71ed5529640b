//go:build !linux

package pgtest

import "syscall"

// procAttr: only on Linux does a server run as another user (as root,
// PostgreSQL then refuses to start, and the error says so) or get a signal
// when the test process dies.
func procAttr(*account, bool) *syscall.SysProcAttr {
	return &syscall.SysProcAttr{}
}
