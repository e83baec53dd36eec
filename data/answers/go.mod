// The bank's answers are not part of prepcord's build: each answer_test.go
// here compiles only together with its question's solution, which
// TestAnswersRun (data/answers_test.go) writes into a temporary module. This
// go.mod keeps `go build ./...`, `go vet ./...` and `go test ./...` out of
// the folder.
module github.com/prepcord/prepcord/data/answers

go 1.26
