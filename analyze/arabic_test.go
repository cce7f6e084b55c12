package analyze

import (
	"hash/fnv"
	"testing"
)

func TestExceptionsHash(t *testing.T) {
	h := fnv.New32a()
	h.Write([]byte(cliticExceptionsText))
	if got := h.Sum32(); got != exceptionsHash {
		t.Fatalf("clitic_exceptions.txt hashes to %#08x, exceptionsHash is %#08x: set it (archives indexed with the old list will then ask for reindex)", got, exceptionsHash)
	}
}
