package features_test

import (
	"fmt"
	"go/ast"
	"go/build"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// floor is the group of the shared engine: the files every family may use.
const floor = "floor"

// fileGroups classifies every non-test file of the package, as a family of
// signals (named after its file) or as the floor. The layout rule, which
// TestLayout holds:
//
//   - a family file uses nothing declared in another family's files;
//   - a floor file uses nothing declared in any family's files, except that
//     the registry (registryFile), which lists the checks, calls each
//     family's constructor: that is how a family joins the feature set.
//
// A new file must be added here, in the group it belongs to.
var fileGroups = map[string]string{
	// Families: the files of one family of signals use each other freely.
	"adinject.go":    "adinject",
	"aifiller.go":    "aifiller",
	"boilerplate.go": "boilerplate",
	"hidden.go":      "hidden",
	"lexical.go":     "lexical",
	"sourcing.go":    "sourcing",
	"stuffing.go":    "stuffing",
	"rotation.go":    "stuffing", // rotated-phrase stuffing: the stuffing family
	"template.go":    "template",
	"textstats.go":   "textstats",

	// The floor.
	"features.go":   floor,
	"registry.go":   floor,
	"document.go":   floor,
	"lexicon.go":    floor,
	"quote.go":      floor,
	"facts.go":      floor,
	"language.go":   floor,
	"hash.go":       floor,
	"lexiconset.go": floor,
	"words.go":      floor,
	"sentences.go":  floor,
	"specifics.go":  floor,
	"domains.go":    floor,
	"lines.go":      floor,
	"textmap.go":    floor,
	"locate.go":     floor,
}

// registryFile is the floor file that lists the checks: it may call a
// family's constructor (a function of no arguments returning a Check), and
// use nothing else of a family.
const registryFile = "registry.go"

// modulePath is the path of the module the package belongs to.
const modulePath = "github.com/newsqual/newsqual"

// TestLayoutFilesClassified checks that fileGroups lists exactly the
// package's non-test Go files, so that a new file is classified when it is
// added and the table does not keep a file that is gone.
func TestLayoutFilesClassified(t *testing.T) {
	names := sourceFiles(t)
	for _, name := range names {
		if _, ok := fileGroups[name]; !ok {
			t.Errorf("%s is in neither a family nor the floor: add it to fileGroups in layout_test.go", name)
		}
	}
	for name := range fileGroups {
		if !slices.Contains(names, name) {
			t.Errorf("%s is listed in fileGroups in layout_test.go but does not exist", name)
		}
	}
}

// TestLayout checks the layout rule (see fileGroups): every identifier a
// file uses is resolved by the type checker to the file that declares it,
// and a use that crosses from a family to another family, or from the floor
// to a family, fails the test.
func TestLayout(t *testing.T) {
	fset, pkg, info := checkPackage(t)
	names := qualifiedNames(pkg)

	type use struct {
		at   token.Position
		name string
		decl token.Position
	}
	var uses []use
	for id, obj := range info.Uses {
		if obj.Pkg() != pkg || !obj.Pos().IsValid() {
			continue // declared elsewhere, or built in
		}
		at, decl := fset.Position(id.Pos()), fset.Position(obj.Pos())
		if at.Filename == decl.Filename {
			continue
		}
		if filepath.Base(at.Filename) == registryFile && isConstructor(pkg, obj) {
			continue // the registry calling a family's constructor
		}
		name, ok := names[obj]
		if !ok {
			name = obj.Name()
		}
		uses = append(uses, use{at, name, decl})
	}
	slices.SortFunc(uses, func(a, b use) int {
		if c := strings.Compare(a.at.Filename, b.at.Filename); c != 0 {
			return c
		}
		return a.at.Offset - b.at.Offset
	})

	for _, u := range uses {
		user, owner := filepath.Base(u.at.Filename), filepath.Base(u.decl.Filename)
		from, to := fileGroups[user], fileGroups[owner]
		if from == "" || to == "" {
			continue // unclassified: TestLayoutFilesClassified reports it
		}
		switch {
		case to == floor || from == to:
			// Allowed: anyone may use the floor, and a family its own files.
		case from == floor:
			t.Errorf("%s:%d: floor file uses %s from family %s (%s:%d); the floor must not depend on a family",
				user, u.at.Line, u.name, to, owner, u.decl.Line)
		default:
			t.Errorf("%s:%d: family %s uses %s from family %s (%s:%d); a family may use only its own files and the floor, where code two families share belongs",
				user, u.at.Line, from, u.name, to, owner, u.decl.Line)
		}
	}
}

// TestLayoutImports checks that the package depends, directly or through
// other packages, on no package of the module outside internal/: the root
// package, the model, training, evaluation, the server, the commands and the
// sources all build on features, never the other way round.
func TestLayoutImports(t *testing.T) {
	_, pkg, _ := checkPackage(t)
	// via maps each package reached to the package that imports it, to
	// name the chain that reaches a forbidden one.
	via := map[*types.Package]*types.Package{pkg: nil}
	queue := []*types.Package{pkg}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, imp := range p.Imports() {
			if _, seen := via[imp]; seen {
				continue
			}
			via[imp] = p
			queue = append(queue, imp)
			if allowedImport(imp.Path()) {
				continue
			}
			chain := []string{imp.Path()}
			for q := p; q != nil; q = via[q] {
				chain = append(chain, q.Path())
			}
			slices.Reverse(chain)
			t.Errorf("features depends on %s (%s); it may use only the standard library, third-party modules and %s/internal/...",
				imp.Path(), strings.Join(chain, " -> "), modulePath)
		}
	}
}

// isConstructor reports whether obj is a package-level function of no
// arguments that returns a Check.
func isConstructor(pkg *types.Package, obj types.Object) bool {
	fn, ok := obj.(*types.Func)
	if !ok || fn.Parent() != pkg.Scope() {
		return false
	}
	sig := fn.Signature()
	check := pkg.Scope().Lookup("Check")
	return check != nil && sig.Params().Len() == 0 && sig.Results().Len() == 1 &&
		types.Identical(sig.Results().At(0).Type(), check.Type())
}

// allowedImport reports whether features may depend on the package at path:
// any package outside the module, and the module's internal packages.
func allowedImport(path string) bool {
	if path != modulePath && !strings.HasPrefix(path, modulePath+"/") {
		return true
	}
	return strings.HasPrefix(path, modulePath+"/internal/")
}

// sourceFiles returns the names of the package's non-test Go files, sorted.
func sourceFiles(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() && strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") {
			names = append(names, name)
		}
	}
	return names
}

// checked is the package type-checked once for all the layout tests.
var checked struct {
	once sync.Once
	fset *token.FileSet
	pkg  *types.Package
	info *types.Info
	err  error
}

// checkPackage parses the package's non-test files that the current build
// includes and type-checks them. Imports are type-checked from source,
// which needs nothing beyond the Go tool and the module cache.
func checkPackage(t *testing.T) (*token.FileSet, *types.Package, *types.Info) {
	t.Helper()
	names := sourceFiles(t)
	checked.once.Do(func() {
		fset := token.NewFileSet()
		var files []*ast.File
		for _, name := range names {
			ok, err := build.Default.MatchFile(".", name)
			if err != nil {
				checked.err = err
				return
			}
			if !ok {
				continue // excluded by a build constraint
			}
			f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
			if err != nil {
				checked.err = err
				return
			}
			files = append(files, f)
		}
		conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
		info := &types.Info{Uses: make(map[*ast.Ident]types.Object)}
		pkg, err := conf.Check(modulePath+"/features", fset, files, info)
		if err != nil {
			checked.err = fmt.Errorf("type-checking the package: %w", err)
			return
		}
		checked.fset, checked.pkg, checked.info = fset, pkg, info
	})
	if checked.err != nil {
		t.Fatal(checked.err)
	}
	return checked.fset, checked.pkg, checked.info
}

// qualifiedNames names the methods and struct fields of the package's
// named types as Type.Method and Type.field, so that a failure says which
// type's member is meant.
func qualifiedNames(pkg *types.Package) map[types.Object]string {
	names := make(map[types.Object]string)
	scope := pkg.Scope()
	for _, n := range scope.Names() {
		tn, ok := scope.Lookup(n).(*types.TypeName)
		if !ok {
			continue
		}
		named, ok := tn.Type().(*types.Named)
		if !ok {
			continue
		}
		for m := range named.Methods() {
			names[m] = n + "." + m.Name()
		}
		switch u := named.Underlying().(type) {
		case *types.Struct:
			for f := range u.Fields() {
				names[f] = n + "." + f.Name()
			}
		case *types.Interface:
			for m := range u.ExplicitMethods() {
				names[m] = n + "." + m.Name()
			}
		}
	}
	return names
}
