package httptask

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"syscall"
)

// ErrBlocked is the error of a request to an address the outbound policy
// refuses.
var ErrBlocked = errors.New("httptask: destination not allowed")

// BlockedError reports a refused destination: a cloud metadata service
// (always), or a loopback, private or link-local address when private
// destinations are not allowed.
type BlockedError struct {
	Address string // the host or IP address
	Reason  string // "cloud metadata service", "private address", ...
}

func (e *BlockedError) Error() string {
	return "The address " + e.Address + " is not allowed (" + e.Reason + ")"
}

// Unwrap makes errors.Is(err, ErrBlocked) true.
func (e *BlockedError) Unwrap() error { return ErrBlocked }

// metadataHosts are the host names of cloud metadata services.
var metadataHosts = []string{
	"metadata.google.internal", "metadata.goog", "metadata", "instance-data",
	"instance-data.ec2.internal", "metadata.azure.com", "metadata.tencentyun.com",
}

// metadataAddrs are the addresses of cloud metadata services outside the
// link-local ranges (which are refused as a whole).
var metadataAddrs = []netip.Addr{
	netip.MustParseAddr("fd00:ec2::254"),   // AWS instance metadata over IPv6
	netip.MustParseAddr("fd00:ec2::23"),    // AWS EKS pod identity over IPv6
	netip.MustParseAddr("100.100.100.200"), // Alibaba Cloud
	netip.MustParseAddr("168.63.129.16"),   // Azure wire server
}

// nonPublic are ranges that are neither public nor covered by netip's
// classification: shared address space (carrier-grade NAT) and
// benchmarking.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("198.18.0.0/15"),
}

// nat64 is the well-known NAT64 prefix, which embeds an IPv4 address.
var nat64 = netip.MustParsePrefix("64:ff9b::/96")

// policy decides which destinations requests may reach.
type policy struct {
	allowPrivate bool
}

// checkHost refuses the host names of metadata services before any lookup,
// and IP literals the policy refuses.
func (p policy) checkHost(host string) error {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	for _, m := range metadataHosts {
		if h == m || strings.HasSuffix(h, "."+m) && m != "metadata" && m != "instance-data" {
			return &BlockedError{Address: host, Reason: "cloud metadata service"}
		}
	}
	if addr, err := netip.ParseAddr(strings.Trim(h, "[]")); err == nil {
		return p.checkAddr(addr)
	}
	return nil
}

// checkAddr applies the policy to an address that a connection is about to
// be made to.
func (p policy) checkAddr(addr netip.Addr) error {
	addr = addr.Unmap()
	if nat64.Contains(addr) {
		b := addr.As16()
		addr = netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
	}
	if reason := alwaysRefused(addr); reason != "" {
		return &BlockedError{Address: addr.String(), Reason: reason}
	}
	if reason := privateReason(addr); reason != "" && !p.allowPrivate {
		return &BlockedError{Address: addr.String(), Reason: reason}
	}
	return nil
}

func alwaysRefused(addr netip.Addr) string {
	switch {
	case addr.IsLinkLocalUnicast():
		return "link-local address, where cloud metadata services live"
	case addr.IsMulticast() || addr.IsLinkLocalMulticast() || addr.IsInterfaceLocalMulticast():
		return "multicast address"
	}
	for _, m := range metadataAddrs {
		if addr == m {
			return "cloud metadata service"
		}
	}
	if addr.Is4() && addr.As4() == [4]byte{255, 255, 255, 255} {
		return "broadcast address"
	}
	return ""
}

func privateReason(addr netip.Addr) string {
	switch {
	case addr.IsLoopback():
		return "loopback address"
	case addr.IsUnspecified():
		return "unspecified address"
	case addr.IsPrivate():
		return "private address"
	}
	for _, r := range nonPublic {
		if r.Contains(addr) {
			return "private address"
		}
	}
	return ""
}

// control is the net.Dialer Control function: it runs after name
// resolution, before each connection attempt, with the address connected
// to.
func (p policy) control(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("httptask: dial %s: %w", address, err)
	}
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return &BlockedError{Address: host, Reason: "not an IP address"}
	}
	return p.checkAddr(addr)
}
