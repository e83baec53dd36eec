package data

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
)

// SimilarityThreshold is the score from which two questions count as too
// close: the bank test fails on such a pair and `prepcord import` warns.
// It was chosen from the bundled bank: before issue 15's fixes the
// near-duplicate pairs it named scored 0.35-0.45 and every other pair at
// most 0.31 (median 0.025); after them the highest pair scores 0.30.
const SimilarityThreshold = 0.34

// Similar is a pair of questions whose titles and prompts are very close.
type Similar struct {
	ID, OtherID string
	Score       float64
}

// Similarity scores how close two questions are, from 0 (no word in
// common) to 1 (the same words): the Jaccard index of the sets of content
// words (stop words dropped, a plural "s" folded) of their titles and
// prompts. Rewording a question keeps most of its content words, so a
// paraphrased duplicate still scores high, while two questions on the same
// topic asked differently share only a few.
func Similarity(a, b *Question) float64 {
	return jaccard(contentWords(a), contentWords(b))
}

// FindSimilar returns the pairs scoring at least threshold, highest first:
// each question of qs against the others of qs and against every question
// of others. Questions with the same id are not compared (an import that
// updates a question is not a duplicate of it).
func FindSimilar(qs, others []Question, threshold float64) []Similar {
	sets := make([][]string, 0, len(qs)+len(others))
	ids := make([]string, 0, len(qs)+len(others))
	for i := range qs {
		sets = append(sets, contentWords(&qs[i]))
		ids = append(ids, qs[i].ID)
	}
	for i := range others {
		sets = append(sets, contentWords(&others[i]))
		ids = append(ids, others[i].ID)
	}
	// A prefix filter (all-pairs similarity search): with the words of every
	// set ordered rarest first, two sets with a Jaccard index of at least t
	// share a word among the first |s| - ceil(t|s|) + 1 words of each. Only
	// those prefixes are indexed, so common words never make long lists.
	freq := map[string]int{}
	for _, s := range sets {
		for _, w := range s {
			freq[w]++
		}
	}
	for _, s := range sets {
		slices.SortFunc(s, func(a, b string) int { return cmp.Or(cmp.Compare(freq[a], freq[b]), cmp.Compare(a, b)) })
	}
	prefix := func(n int) int { return n - int(math.Ceil(threshold*float64(n))) + 1 }
	index := map[string][]int{}
	var out []Similar
	for i, s := range sets {
		if threshold <= 0 || len(s) == 0 {
			continue
		}
		checked := map[int]bool{}
		for _, w := range s[:min(len(s), prefix(len(s)))] {
			for _, j := range index[w] {
				if checked[j] || ids[i] == ids[j] {
					continue
				}
				checked[j] = true
				if i >= len(qs) && j >= len(qs) {
					continue // two questions of others: not this check's business
				}
				if score := jaccardSorted(s, sets[j], freq); score >= threshold {
					a, b := j, i
					if b < a {
						a, b = b, a
					}
					out = append(out, Similar{ID: ids[a], OtherID: ids[b], Score: score})
				}
			}
			index[w] = append(index[w], i)
		}
	}
	if threshold <= 0 {
		for i := range qs {
			for j := i + 1; j < len(sets); j++ {
				if ids[i] != ids[j] {
					out = append(out, Similar{ID: ids[i], OtherID: ids[j], Score: jaccard(sets[i], sets[j])})
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b Similar) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.ID, b.ID), cmp.Compare(a.OtherID, b.OtherID))
	})
	return out
}

// ImportSimilar is a pair of very close questions that an import brings:
// ID is a question of the file, OtherID another question of the file
// (InFile) or one the bank already had.
type ImportSimilar struct {
	Similar
	InFile bool
}

// FindSimilarImport is FindSimilar at SimilarityThreshold for questions
// imported into a bank that had existing, each pair naming the imported
// question first, highest score first. Both `prepcord import` and
// `/bank import` warn with it; the import itself stands.
func FindSimilarImport(imported, existing []Question) []ImportSimilar {
	inFile := make(map[string]bool, len(imported))
	for _, q := range imported {
		inFile[q.ID] = true
	}
	pairs := FindSimilar(imported, existing, SimilarityThreshold)
	out := make([]ImportSimilar, len(pairs))
	for i, p := range pairs {
		if !inFile[p.ID] {
			p.ID, p.OtherID = p.OtherID, p.ID
		}
		out[i] = ImportSimilar{Similar: p, InFile: inFile[p.OtherID]}
	}
	return out
}

// contentWords returns the distinct content words of q's title and prompt.
func contentWords(q *Question) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(q.Title+"\n"+q.Prompt), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if stopWords[w] {
			continue
		}
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = w[:len(w)-1]
		}
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// jaccard is |a ∩ b| / |a ∪ b| for two sets of distinct words.
func jaccard(a, b []string) float64 {
	in := make(map[string]bool, len(a))
	for _, w := range a {
		in[w] = true
	}
	n := 0
	for _, w := range b {
		if in[w] {
			n++
		}
	}
	if u := len(a) + len(b) - n; u > 0 {
		return float64(n) / float64(u)
	}
	return 0
}

// jaccardSorted is jaccard for sets sorted by (freq, word), by a merge.
func jaccardSorted(a, b []string, freq map[string]int) float64 {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch c := cmp.Or(cmp.Compare(freq[a[i]], freq[b[j]]), cmp.Compare(a[i], b[j])); {
		case c == 0:
			n++
			i++
			j++
		case c < 0:
			i++
		default:
			j++
		}
	}
	if u := len(a) + len(b) - n; u > 0 {
		return float64(n) / float64(u)
	}
	return 0
}

// stopWords are the English words too common to say what a question is
// about. Read-only.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but of to in on for with by at from as is are be was were it its
		this that these those you your we our us i me my how what which who whom when where why would will can do
		does did not no nor if then than into over under about each per any all some more most less such should
		could may might must has have had been being there their them they he she his her so also only just up out
		very own same other another both either one s t`) {
		m[w] = true
	}
	return m
}()
