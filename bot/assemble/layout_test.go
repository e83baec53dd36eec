package assemble

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/prepcord/prepcord/"

// root is the module's folder, two levels up from bot/assemble.
var root = filepath.Join("..", "..")

// productionFiles returns the non-test Go files under dir, recursively.
func productionFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// imports returns the import paths of a Go file.
func imports(t *testing.T, path string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		out = append(out, p)
	}
	return out
}

// TestFeaturesImportNoOtherFeature keeps the layout's rule: a feature
// package under bot/feature imports the runtime, its part of the store and
// the pure packages, never another feature; and the runtime imports no
// feature. Features combine only through the runtime's interfaces, here in
// assemble.
func TestFeaturesImportNoOtherFeature(t *testing.T) {
	features, err := os.ReadDir(filepath.Join(root, "bot", "feature"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, fd := range features {
		if !fd.IsDir() {
			continue
		}
		n++
		own := module + "bot/feature/" + fd.Name()
		for _, file := range productionFiles(t, filepath.Join(root, "bot", "feature", fd.Name())) {
			for _, imp := range imports(t, file) {
				if strings.HasPrefix(imp, module+"bot/feature/") && imp != own && !strings.HasPrefix(imp, own+"/") {
					t.Errorf("%s imports %s: a feature never imports another; combine them through the runtime's interfaces in bot/assemble", file, imp)
				}
				if imp == module+"bot/assemble" || imp == module+"bot/bottest" {
					t.Errorf("%s imports %s", file, imp)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no feature packages under bot/feature")
	}
	runtime, err := filepath.Glob(filepath.Join(root, "bot", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range runtime {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		for _, imp := range imports(t, file) {
			if strings.HasPrefix(imp, module+"bot/feature/") || imp == module+"bot/assemble" {
				t.Errorf("%s (the runtime) imports %s", file, imp)
			}
		}
	}
}

// TestWebImportsNoFeature: the web companion reaches the features only
// through the runtime's capability interfaces (bot.RoundsKeeper,
// bot.ReviewPoster), which cmd/prepcord wires; it never imports a feature
// or the assembly.
func TestWebImportsNoFeature(t *testing.T) {
	files := productionFiles(t, filepath.Join(root, "web"))
	if len(files) == 0 {
		t.Fatal("no production files under web")
	}
	for _, file := range files {
		for _, imp := range imports(t, file) {
			if strings.HasPrefix(imp, module+"bot/feature/") || imp == module+"bot/assemble" || imp == module+"bot/bottest" {
				t.Errorf("%s imports %s: the web companion calls features through the runtime's interfaces", file, imp)
			}
		}
	}
}

// maxFileLines is the size past which a production file is split.
const maxFileLines = 600

// TestProductionFilesStayShort keeps every production file readable in one
// sitting, except the loopback Discord, which is test support.
func TestProductionFilesStayShort(t *testing.T) {
	for _, dir := range []string{"bot", "store", "data", "cmd", "internal", "errs", "web"} {
		for _, file := range productionFiles(t, filepath.Join(root, dir)) {
			if strings.Contains(filepath.ToSlash(file), "bot/discordtest/") {
				continue
			}
			raw, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(string(raw), "\n"); n > maxFileLines {
				t.Errorf("%s has %d lines; split it (at most %d)", file, n, maxFileLines)
			}
		}
	}
}

// maxStoreMethods bounds each store type: the store is split by aggregate
// so that each feature receives only what it uses.
const maxStoreMethods = 40

// TestStoreTypesStaySmall counts the exported methods of each store type.
func TestStoreTypesStaySmall(t *testing.T) {
	counts := map[string]int{}
	for _, file := range productionFiles(t, filepath.Join(root, "store")) {
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() {
				continue
			}
			typ := fn.Recv.List[0].Type
			if star, ok := typ.(*ast.StarExpr); ok {
				typ = star.X
			}
			if id, ok := typ.(*ast.Ident); ok {
				counts[id.Name]++
			}
		}
	}
	if len(counts) < 2 {
		t.Fatalf("found methods on %d store types", len(counts))
	}
	for typ, n := range counts {
		if n > maxStoreMethods {
			t.Errorf("store.%s has %d exported methods; split it (at most %d)", typ, n, maxStoreMethods)
		}
	}
}
