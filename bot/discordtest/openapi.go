package discordtest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// specValidator validates request bodies against Discord's OpenAPI description.
type specValidator struct {
	err   error
	doc   *openapi3.T
	paths [][]string // spec paths split into segments
	keys  []string
}

type specEntry struct {
	once sync.Once
	v    *specValidator
}

// specCache holds each spec file loaded once per process: the file is over a megabyte and
// every Server in a test binary would otherwise parse it again.
var specCache sync.Map // path -> *specEntry

// loadSpec returns the validator for a spec file, loading it on first use.
func loadSpec(path string) *specValidator {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	e, _ := specCache.LoadOrStore(abs, &specEntry{})
	entry := e.(*specEntry)
	entry.once.Do(func() {
		v := &specValidator{}
		loader := openapi3.NewLoader()
		loader.IsExternalRefsAllowed = false
		v.doc, v.err = loader.LoadFromFile(abs)
		if v.err == nil {
			for _, k := range v.doc.Paths.InMatchingOrder() {
				v.keys = append(v.keys, k)
				v.paths = append(v.paths, strings.Split(strings.Trim(k, "/"), "/"))
			}
		}
		entry.v = v
	})
	return entry.v
}

// DefaultSpecPath finds ../shared/discord-api-spec/openapi.json next to the module root
// (the directory holding go.mod, searched upward from the working directory). It returns
// "" when there is no such file; callers then skip validation.
func DefaultSpecPath() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(dir, "..", "shared", "discord-api-spec", "openapi.json")
			if _, err := os.Stat(p); err == nil {
				return filepath.Clean(p)
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// findPath maps a concrete /api/v9 path to the spec's path template, preferring literal
// segments (so /messages/@original matches its own entry).
func (v *specValidator) findPath(path string) string {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	best, bestScore := "", -1
	for i, sp := range v.paths {
		if len(sp) != len(segs) {
			continue
		}
		score := 0
		ok := true
		for j, s := range sp {
			switch {
			case strings.HasPrefix(s, "{"):
			case s == segs[j]:
				score++
			default:
				ok = false
			}
			if !ok {
				break
			}
		}
		if ok && score > bestScore {
			best, bestScore = v.keys[i], score
		}
	}
	return best
}

// validate checks a JSON body and returns a description of the mismatch, or "".
func (v *specValidator) validate(method, route, path string, raw []byte) string {
	if v == nil || v.err != nil {
		return ""
	}
	key := v.findPath(path)
	if key == "" {
		return "path not in the OpenAPI description: " + path
	}
	item := v.doc.Paths.Value(key)
	op := item.GetOperation(method)
	if op == nil {
		return "method not in the OpenAPI description: " + method + " " + key
	}
	if op.RequestBody == nil || op.RequestBody.Value == nil {
		return ""
	}
	mt := op.RequestBody.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return ""
	}
	var value any
	if err := json.Unmarshal(raw, &value); err != nil {
		return "invalid JSON: " + err.Error()
	}
	value = knownFalseAlarms(route, value)
	if err := mt.Schema.Value.VisitJSON(value, openapi3.EnableJSONSchema2020()); err != nil {
		return key + ": " + conciseSchemaError(err.Error())
	}
	return ""
}

// knownFalseAlarms rewrites what the spec gets wrong before validating: Discord documents
// and accepts default_member_permissions as a string of digits, the spec says integer.
func knownFalseAlarms(route string, value any) any {
	fix := func(cmd any) {
		o, ok := cmd.(map[string]any)
		if !ok {
			return
		}
		if s, ok := o["default_member_permissions"].(string); ok {
			var n json.Number = json.Number(s)
			if f, err := n.Float64(); err == nil {
				o["default_member_permissions"] = f
			}
		}
	}
	if strings.Contains(route, "/commands") {
		switch v := value.(type) {
		case []any:
			for _, c := range v {
				fix(c)
			}
		case map[string]any:
			fix(v)
		}
	}
	return value
}

// schemaReasonRE picks "at '/data/tts': got number, want null or boolean" out of
// kin-openapi's error text, which also dumps the schema and the value.
var schemaReasonRE = regexp.MustCompile(`at '([^']*)': ([^\n]*)`)

// conciseSchemaError reduces a validation error to its reasons. For anyOf bodies (the
// interaction callback) the branches whose type does not match are left out.
func conciseSchemaError(full string) string {
	var all, kept []string
	seen := map[string]bool{}
	for _, m := range schemaReasonRE.FindAllStringSubmatch(full, -1) {
		r := m[1] + ": " + strings.TrimSpace(m[2])
		if seen[r] {
			continue
		}
		seen[r] = true
		all = append(all, r)
		branchMiss := (m[1] == "/type" && strings.HasPrefix(m[2], "value must be")) || strings.HasSuffix(m[2], "got object, want null")
		if !branchMiss {
			kept = append(kept, r)
		}
	}
	if len(kept) == 0 {
		kept = all
	}
	if len(kept) == 0 {
		if len(full) > 500 {
			full = full[:500] + "…"
		}
		return full
	}
	return strings.Join(kept, "; ")
}
