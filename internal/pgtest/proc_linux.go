package pgtest

import "syscall"

// procAttr runs a program as acct (nil: as the tests' user). A server
// (orphanSignal) gets SIGQUIT, PostgreSQL's immediate shutdown, when the
// thread that started it dies with the test process, and runs in a process
// group of its own, away from a terminal's Ctrl-C.
func procAttr(acct *account, orphanSignal bool) *syscall.SysProcAttr {
	a := &syscall.SysProcAttr{}
	if acct != nil {
		a.Credential = &syscall.Credential{Uid: acct.uid, Gid: acct.gid}
	}
	if orphanSignal {
		a.Pdeathsig, a.Setpgid = syscall.SIGQUIT, true
	}
	return a
}
