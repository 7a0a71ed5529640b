package httptask

import (
	"errors"
	"net/netip"
	"testing"
)

func TestPolicy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		addr                 string
		strict, allowPrivate bool // allowed with AllowPrivate unset / set
	}{
		{"93.184.216.34", true, true},
		{"2606:2800:220:1:248:1893:25c8:1946", true, true},
		{"127.0.0.1", false, true},
		{"::1", false, true},
		{"10.1.2.3", false, true},
		{"172.16.0.1", false, true},
		{"192.168.1.1", false, true},
		{"100.64.0.1", false, true},
		{"198.18.0.1", false, true},
		{"fc00::1", false, true},
		{"0.0.0.0", false, true},
		{"::", false, true},
		{"169.254.169.254", false, false},
		{"169.254.170.2", false, false},
		{"fe80::1", false, false},
		{"fd00:ec2::254", false, false},
		{"::ffff:169.254.169.254", false, false},
		{"64:ff9b::a9fe:a9fe", false, false}, // NAT64 of 169.254.169.254
		{"64:ff9b::a00:1", false, true},      // NAT64 of 10.0.0.1
		{"100.100.100.200", false, false},
		{"168.63.129.16", false, false},
		{"224.0.0.1", false, false},
		{"255.255.255.255", false, false},
	}
	for _, tt := range tests {
		addr := netip.MustParseAddr(tt.addr)
		for _, allow := range []bool{false, true} {
			want := tt.strict
			if allow {
				want = tt.allowPrivate
			}
			err := policy{allowPrivate: allow}.checkAddr(addr)
			if (err == nil) != want {
				t.Errorf("%s (AllowPrivate %v): %v", tt.addr, allow, err)
			}
			if err != nil && !errors.Is(err, ErrBlocked) {
				t.Errorf("%s: %v is not ErrBlocked", tt.addr, err)
			}
		}
	}
}

func TestPolicyHosts(t *testing.T) {
	t.Parallel()
	p := policy{allowPrivate: true}
	for host, allowed := range map[string]bool{
		"metadata.google.internal": false, "METADATA.GOOGLE.INTERNAL.": false, "metadata.goog": false,
		"metadata": false, "instance-data": false, "x.metadata.azure.com": false,
		"api.example.com": true, "metadata.example.com": true, "[::1]": true, "169.254.169.254": false,
	} {
		if err := p.checkHost(host); (err == nil) != allowed {
			t.Errorf("%s: %v", host, err)
		}
	}
}

func TestControl(t *testing.T) {
	t.Parallel()
	p := policy{}
	if err := p.control("tcp", "169.254.169.254:80", nil); !errors.Is(err, ErrBlocked) {
		t.Errorf("metadata: %v", err)
	}
	if err := p.control("tcp", "93.184.216.34:443", nil); err != nil {
		t.Errorf("public: %v", err)
	}
	if err := p.control("tcp", "no-port", nil); err == nil {
		t.Error("a bad address passed")
	}
	if err := p.control("tcp", "name:80", nil); !errors.Is(err, ErrBlocked) {
		t.Errorf("an unresolved name: %v", err)
	}
}
