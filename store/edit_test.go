package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func TestDelete(t *testing.T) {
	ctx := context.Background()
	db := openTest(t) // checks integrity at the end
	if _, err := db.Add(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	if err := db.Delete(ctx, []uint64{1, 99}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Delete with a missing id: %v", err)
	}
	if got := ids(t, db, Query{}); len(got) != 4 {
		t.Fatalf("a failed Delete deleted something: %v", got)
	}
	if err := db.Delete(ctx, []uint64{1, 3}); err != nil {
		t.Fatal(err)
	}
	if err := db.Check(ctx); err != nil {
		t.Fatalf("after Delete: %v", err)
	}
	for _, tt := range []struct {
		name string
		q    Query
		want []uint64
	}{
		{"all", Query{}, []uint64{2, 4}},
		{"word of a deleted article", Query{Match: term("رقه")}, nil},
		{"tag of deleted articles", Query{Tags: []string{"سوريا"}}, nil},
		{"source", Query{Source: "afp"}, []uint64{2}},
		{"word", Query{Match: term("coalit")}, []uint64{2}},
	} {
		if got := ids(t, db, tt.q); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
	tags, _ := db.Tags(ctx)
	if want := []Count{{"Syria", 1}}; !reflect.DeepEqual(tags, want) {
		t.Errorf("Tags = %v, want %v", tags, want)
	}
	// Importing a deleted article again adds it anew.
	res, err := db.Add(ctx, sample()[:1])
	if err != nil || res[0].Duplicate || res[0].ID != 5 {
		t.Errorf("re-adding a deleted article: %+v, %v", res, err)
	}
}

func TestDeleteWholeSegment(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if _, err := db.Add(ctx, sample()[:2]); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Add(ctx, sample()[2:]); err != nil {
		t.Fatal(err)
	}
	if err := db.Delete(ctx, []uint64{1, 2}); err != nil {
		t.Fatal(err)
	}
	if got := ids(t, db, Query{Match: term("سوريا")}); got != nil {
		t.Errorf("found %v in a dropped segment", got)
	}
}

func TestRetag(t *testing.T) {
	ctx := context.Background()
	db := openTest(t)
	if _, err := db.Add(ctx, sample()); err != nil {
		t.Fatal(err)
	}
	a, err := db.Retag(ctx, 1, []string{"حلب", "الرقه"}, []string{"سوريّا"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"الرقة", "حلب"}; !reflect.DeepEqual(a.Tags, want) {
		t.Errorf("tags = %q, want %q", a.Tags, want)
	}
	for _, tt := range []struct {
		q    Query
		want []uint64
	}{
		{Query{Tags: []string{"حلب"}}, []uint64{1}},
		{Query{Tags: []string{"سوريا"}}, []uint64{3}},
		{Query{Match: &MatchFacet{Tag: "حلب"}}, []uint64{1}},
		{Query{Match: &MatchFacet{Tag: "سوريا"}}, []uint64{3}},
	} {
		if got := ids(t, db, tt.q); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%+v: got %v, want %v", tt.q, got, tt.want)
		}
	}
	if _, err := db.Retag(ctx, 42, []string{"x"}, nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("Retag of a missing article: %v", err)
	}
}
