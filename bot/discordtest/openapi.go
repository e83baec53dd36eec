package discordtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// specValidator validates request bodies against Discord's OpenAPI description.
//
// Discord's description is OpenAPI 3.1, whose schemas are JSON Schema 2020-12. Each
// operation's request schema is compiled once, on first use, by santhosh-tekuri/jsonschema
// (the engine kin-openapi uses for its JSON Schema 2020 mode) and then reused: compiling per
// request, as kin-openapi's VisitJSON does, costs over 100 ms a body, which made every
// end-to-end test crawl.
type specValidator struct {
	err   error
	doc   map[string]any
	paths [][]string // spec paths split into segments
	keys  []string

	mu       sync.Mutex
	compiler *jsonschema.Compiler
	compiled map[string]*compiledOp // "METHOD key"
}

type compiledOp struct {
	schema *jsonschema.Schema // nil when the operation has no JSON body
	err    string             // why the operation cannot be validated
}

// specURL is the resource name the spec is registered under in the compiler.
const specURL = "file:///discord/openapi.json"

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
		v := &specValidator{compiled: map[string]*compiledOp{}}
		entry.v = v
		raw, err := os.ReadFile(abs)
		if err != nil {
			v.err = err
			return
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&v.doc); err != nil {
			v.err = err
			return
		}
		paths, _ := v.doc["paths"].(map[string]any)
		for k := range paths {
			v.keys = append(v.keys, k)
		}
		sort.Strings(v.keys)
		for _, k := range v.keys {
			v.paths = append(v.paths, strings.Split(strings.Trim(k, "/"), "/"))
		}
		v.compiler = jsonschema.NewCompiler()
		v.compiler.DefaultDraft(jsonschema.Draft2020)
		v.err = v.compiler.AddResource(specURL, v.doc)
	})
	return entry.v
}

// operation returns the compiled request schema of method on the spec path key.
func (v *specValidator) operation(method, key string) *compiledOp {
	v.mu.Lock()
	defer v.mu.Unlock()
	id := method + " " + key
	if op, ok := v.compiled[id]; ok {
		return op
	}
	op := &compiledOp{}
	v.compiled[id] = op
	item, _ := v.doc["paths"].(map[string]any)[key].(map[string]any)
	o, ok := item[strings.ToLower(method)].(map[string]any)
	if !ok {
		op.err = "method not in the OpenAPI description: " + method + " " + key
		return op
	}
	body, _ := o["requestBody"].(map[string]any)
	content, _ := body["content"].(map[string]any)
	if _, ok := content["application/json"].(map[string]any); !ok {
		return op
	}
	ptr := "/paths/" + pointerEscape(key) + "/" + strings.ToLower(method) + "/requestBody/content/application~1json/schema"
	sch, err := v.compiler.Compile(specURL + "#" + (&url.URL{Path: ptr}).EscapedPath())
	if err != nil {
		op.err = "cannot compile the request schema of " + id + ": " + err.Error()
		return op
	}
	op.schema = sch
	return op
}

func pointerEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
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
	op := v.operation(method, key)
	if op.err != "" {
		return op.err
	}
	if op.schema == nil {
		return ""
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var value any
	if err := dec.Decode(&value); err != nil {
		return "invalid JSON: " + err.Error()
	}
	value = knownFalseAlarms(route, value)
	if err := op.schema.Validate(value); err != nil {
		return key + ": " + conciseSchemaError(err)
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
			if _, err := strconv.ParseInt(s, 10, 64); err == nil {
				o["default_member_permissions"] = json.Number(s)
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

// conciseSchemaError reduces a validation error to its leaf reasons, one per instance
// location. For anyOf bodies (the interaction callback) the branches that fail only on
// their "type" discriminator are left out when another branch says more.
func conciseSchemaError(err error) string {
	var verr *jsonschema.ValidationError
	if !errors.As(err, &verr) {
		return err.Error()
	}
	var all, kept []string
	seen := map[string]bool{}
	var walk func(u *jsonschema.OutputUnit)
	walk = func(u *jsonschema.OutputUnit) {
		if len(u.Errors) == 0 && u.Error != nil {
			r := "at '" + u.InstanceLocation + "': " + u.Error.String()
			if !seen[r] {
				seen[r] = true
				all = append(all, r)
				if !strings.HasSuffix(u.InstanceLocation, "/type") {
					kept = append(kept, r)
				}
			}
		}
		for i := range u.Errors {
			walk(&u.Errors[i])
		}
	}
	walk(verr.DetailedOutput())
	if len(kept) == 0 {
		kept = all
	}
	if len(kept) > 8 {
		kept = append(kept[:8], fmt.Sprintf("(%d more)", len(kept)-8))
	}
	if len(kept) == 0 {
		return err.Error()
	}
	return strings.Join(kept, "; ")
}
