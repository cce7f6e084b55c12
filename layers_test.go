package main

import (
	"go/build"
	"slices"
	"strings"
	"testing"
)

// TestImportDirection keeps the layers apart: article and analyze are
// leaves, and parse, store and export never import each other.
func TestImportDirection(t *testing.T) {
	allowed := map[string][]string{
		"article": {},
		"analyze": {},
		"parse":   {"article", "analyze"}, // analyze.Fold for month names
		"store":   {"article", "analyze"},
		"export":  {"article", "analyze"},
	}
	for pkg, want := range allowed {
		p, err := build.ImportDir(pkg, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range p.Imports {
			name, ours := strings.CutPrefix(imp, "arshif/")
			if ours && !slices.Contains(want, name) {
				t.Errorf("package %s imports %s; it may import only %v", pkg, imp, want)
			}
		}
	}
}
