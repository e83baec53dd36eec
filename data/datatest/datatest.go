// Package datatest generates question banks for prepcord's tests and
// benchmarks.
package datatest

import (
	"fmt"
	"strings"

	"github.com/prepcord/prepcord/data"
)

// Bank makes n valid questions spread over companies (one company in each
// `companies` is TikTok; every company has questions at every difficulty),
// roles, categories and rounds, each with a solution of typical length.
func Bank(n, companies int) []data.Question {
	cats := []string{"Coding & Algorithms", "System Design", "SQL & Data", "Behavioral & Leadership", "Machine Learning"}
	roles := []string{"Software Engineer", "Data Scientist", "Machine Learning Engineer", "Product Manager"}
	rounds := []string{"Phone Screen", "Technical Screen", "Onsite", "Hiring Manager"}
	qs := make([]data.Question, n)
	for i := range qs {
		company := fmt.Sprintf("Company %03d", i%companies)
		if i%companies == 0 {
			company = "TikTok"
		}
		qs[i] = data.Question{
			ID: fmt.Sprintf("gen-%05d", i), Title: fmt.Sprintf("Generated question %d about caching and queues", i),
			Company: company, Roles: []string{roles[i%len(roles)], roles[(i/7)%len(roles)]}, Category: cats[i%len(cats)],
			Difficulty: data.Difficulties[(i/companies)%3], Round: rounds[i%len(rounds)], Tags: []string{"gen", fmt.Sprintf("t%d", i%50)},
			Prompt:   fmt.Sprintf("Explain how you would approach problem %d with a latency budget of %d ms.", i, 10+i%90),
			Overview: "Generated.", Solution: strings.Repeat("A model answer paragraph. ", 20), Related: []string{},
			Source: "test", Added: "2026-11-01",
		}
		if qs[i].Roles[0] == qs[i].Roles[1] {
			qs[i].Roles = qs[i].Roles[:1]
		}
	}
	return qs
}
