package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/stepwisehq/stepwise/store"
)

// Signals travel on one channel as NOTIFY payloads: a letter for the kind,
// then the key.
const signalChannel = "stepwise"

var signalLetters = [...]byte{store.SignalResync: 'r', store.SignalInbox: 'i',
	store.SignalActivity: 'a', store.SignalEnded: 'e'}

func signalText(sig store.Signal) string {
	return string(signalLetters[sig.Kind]) + sig.Key
}

// parseSignal reads a payload; ok is false for one this version does not
// know.
func parseSignal(payload string) (store.Signal, bool) {
	if payload == "" {
		return store.Signal{}, false
	}
	for kind, letter := range signalLetters {
		if payload[0] == letter {
			return store.Signal{Kind: store.SignalKind(kind), Key: payload[1:]}, true
		}
	}
	return store.Signal{}, false
}

// Listen implements store.Cluster, on a connection of its own (outside the
// pool): LISTEN holds its connection for as long as it listens.
func (s *Store) Listen(ctx context.Context, fn func(store.Signal)) error {
	backoff := 100 * time.Millisecond
	for first := true; ; first = false {
		// A failed connection, or one lost while listening, is retried
		// with a growing backoff; Listen has no one to report it to.
		if conn, err := pgx.ConnectConfig(ctx, s.pool.Config().ConnConfig.Copy()); err == nil {
			backoff = 100 * time.Millisecond
			_ = listen(ctx, conn, fn, !first)
			_ = conn.Close(context.WithoutCancel(ctx))
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		select {
		case <-time.After(backoff):
			backoff = min(2*backoff, 5*time.Second)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// listen delivers the signals that reach conn until it fails; resync tells
// fn that signals may have been missed before the LISTEN took effect.
func listen(ctx context.Context, conn *pgx.Conn, fn func(store.Signal), resync bool) error {
	if _, err := conn.Exec(ctx, "LISTEN "+signalChannel); err != nil {
		return err
	}
	if resync {
		fn(store.Signal{Kind: store.SignalResync})
	}
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		if sig, ok := parseSignal(n.Payload); ok {
			fn(sig)
		}
	}
}
