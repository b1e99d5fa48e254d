package analyze

import (
	"cmp"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/report/schema"
)

// TestGroundTruth scores seams on real repositories against the ground
// truths in testdata/groundtruth, which were written from each repository's
// own layout and docs before seams clustered it. It needs the repositories
// on disk, so it runs only when SEAMS_GROUNDTRUTH names them: name=dir
// pairs, or a directory holding a clone per ground truth (named after its
// file), separated by the path list separator, for example
//
//	SEAMS_GROUNDTRUTH=/tmp/real go test ./analyze -run GroundTruth -v -timeout 1h
//	SEAMS_GROUNDTRUTH=gogs=/tmp/gogs:navidrome=/tmp/navidrome go test ./analyze -run GroundTruth -v
//
// Per repository it logs the ARI of the fused result, of each layer alone
// and of each layer left out (weights 0), the largest context's share and
// the contexts' names, and fails when the fused result does not beat every
// layer alone. Each figure is the mean over SEAMS_GROUNDTRUTH_SEEDS seeds
// from 1 (default 1); SEAMS_GROUNDTRUTH_CACHE names a history cache to
// reuse. Only packages the ground truth names are scored.
//
// SEAMS_GROUNDTRUTH_SWEEP instead scores a list of weightings separated by
// semicolons ("vocabulary=2;imports=0.5,vocabulary=2") and logs each one's
// median and mean over the repositories: the way a default is chosen.
// SEAMS_GROUNDTRUTH_RESOLUTION sets the modularity resolution of every
// run, as --resolution would.
func TestGroundTruth(t *testing.T) {
	env := os.Getenv("SEAMS_GROUNDTRUTH")
	if env == "" {
		t.Skip("set SEAMS_GROUNDTRUTH to name=dir pairs or a directory of clones")
	}
	seeds := 1
	if s := os.Getenv("SEAMS_GROUNDTRUTH_SEEDS"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n > 0 {
			seeds = n
		}
	}
	type repoDir struct{ name, dir string }
	var repos []repoDir
	for _, spec := range filepath.SplitList(env) {
		if name, dir, ok := strings.Cut(spec, "="); ok {
			repos = append(repos, repoDir{name, dir})
			continue
		}
		truths, _ := filepath.Glob(filepath.Join("..", "testdata", "groundtruth", "*.tsv"))
		for _, f := range truths {
			name := strings.TrimSuffix(filepath.Base(f), ".tsv")
			if st, err := os.Stat(filepath.Join(spec, name)); err == nil && st.IsDir() {
				repos = append(repos, repoDir{name, filepath.Join(spec, name)})
			}
		}
	}
	var table []string
	var fusedAll []float64
	sweepARI := map[string][]float64{}
	for _, rd := range repos {
		t.Run(rd.name, func(t *testing.T) {
			truth := readLabels(t, filepath.Join("..", "testdata", "groundtruth", rd.name+".tsv"))
			// Mine once: the weights only enter where the signals are fused,
			// so every variant re-fuses and re-clusters the same analysis,
			// as a run with --weights would.
			cfg := testConfig(rd.dir)
			cfg.History.CacheDir = os.Getenv("SEAMS_GROUNDTRUTH_CACHE") // mined history, reused
			if r, err := strconv.ParseFloat(os.Getenv("SEAMS_GROUNDTRUTH_RESOLUTION"), 64); err == nil {
				cfg.Cluster.Resolution = r
			}
			an, err := Run(cfg)
			if err != nil {
				t.Fatal(err)
			}
			run := func(w graph.Weights) (mean float64, m *schema.Model) {
				for seed := uint64(1); seed <= uint64(seeds); seed++ {
					an.Config.Cluster.Seed, an.Config.Weights = seed, w
					an.fuse()
					an.findContexts()
					m = an.Model()
					mean += scoreAgainst(truth, m) / float64(seeds)
				}
				return mean, m
			}
			if sweep := os.Getenv("SEAMS_GROUNDTRUTH_SWEEP"); sweep != "" {
				for _, spec := range strings.Split(sweep, ";") {
					w, err := parseTestWeights(spec)
					if err != nil {
						t.Fatal(err)
					}
					ari, m := run(w)
					t.Logf("%-14s %-40s %.3f largest %d%% | %s", rd.name, spec, ari, largestShare(m), diagnose(truth, m))
					if os.Getenv("SEAMS_GROUNDTRUTH_MISSED") != "" {
						byCtx := map[string]map[string]int{}
						for _, p := range m.Packages {
							want, ok := truth[p.Path]
							if !ok {
								continue
							}
							got := cmp.Or(p.Context, "-")
							if p.Shared != "" {
								got = "shared"
							} else if p.Tooling != "" {
								got = "tooling"
							}
							if byCtx[got] == nil {
								byCtx[got] = map[string]int{}
							}
							byCtx[got][want]++
						}
						names := map[string]string{}
						for _, c := range m.Contexts {
							names[c.ID] = c.Name
						}
						for _, c := range slices.Sorted(maps.Keys(byCtx)) {
							t.Logf("  %-30s %v", cmp.Or(names[c], c), byCtx[c])
						}
						if err := dumpFeatures(an, truth, filepath.Join(os.Getenv("SEAMS_GROUNDTRUTH_MISSED"), rd.name+".tsv")); err != nil {
							t.Fatal(err)
						}
						for _, p := range m.Packages {
							if truth[p.Path] == "platform" && p.Shared == "" {
								t.Logf("  missed kernel %s (in %q, tooling %q, loc %d)", p.Path, p.Context, p.Tooling, p.LOC)
							}
							if truth[p.Path] != "platform" && truth[p.Path] != "" && p.Shared != "" {
								t.Logf("  extra kernel %s (truth %s): %s", p.Path, truth[p.Path], p.Shared)
							}
						}
					}
					sweepARI[spec] = append(sweepARI[spec], ari)
				}
				return
			}
			fused, m := run(graph.DefaultWeights())
			row := fmt.Sprintf("%-14s fused %.3f", rd.name, fused)
			best, bestName := 0.0, ""
			var bestModel *schema.Model
			for l, name := range schema.Layers {
				alone := graph.Weights{}
				alone[l] = 1
				a, ma := run(alone)
				q := an.Metrics.Modularity
				out := graph.DefaultWeights()
				out[l] = 0
				o, _ := run(out)
				row += fmt.Sprintf(" | %s alone %.3f (Q %.2f), left out %.3f", name, a, q, o)
				if a > best {
					best, bestName, bestModel = a, string(name), ma
				}
			}
			var names []string
			for _, c := range m.Contexts {
				names = append(names, c.Name)
			}
			if bestModel != nil {
				// Whether the margin over the best layer outlasts the choice
				// of packages: on a hundred labelled packages one package's
				// place moves the ARI by about 0.01.
				g := subsampleGap(truth, m, bestModel)
				row += fmt.Sprintf(" | fused - %s alone %+.3f, 90%% of subsamples %+.3f to %+.3f, fused ahead in %.0f%%", bestName, fused-best, g.Low, g.High, 100*g.Ahead)
			}
			row += fmt.Sprintf(" | largest %d%% | %s", largestShare(m), strings.Join(names, ", "))
			t.Log(row)
			table = append(table, row)
			fusedAll = append(fusedAll, fused)
			if fused <= best {
				t.Errorf("fused ARI %.3f does not beat %s alone (%.3f)", fused, bestName, best)
			}
		})
	}
	if len(fusedAll) > 0 {
		median, mean := medianMean(fusedAll)
		t.Logf("fused ARI over %d repositories: median %.3f, mean %.3f\n%s", len(fusedAll), median, mean, strings.Join(table, "\n"))
	}
	for _, spec := range slices.Sorted(maps.Keys(sweepARI)) {
		median, mean := medianMean(sweepARI[spec])
		t.Logf("%-40s median %.3f mean %.3f over %d", spec, median, mean, len(sweepARI[spec]))
	}
}

// largestShare is the percentage of the packages in the largest context.
func largestShare(m *schema.Model) int {
	largest := 0
	for _, c := range m.Contexts {
		largest = max(largest, len(c.Packages))
	}
	return 100 * largest / max(1, len(m.Packages))
}

func medianMean(xs []float64) (median, mean float64) {
	xs = slices.Sorted(slices.Values(xs))
	n := len(xs)
	for _, x := range xs {
		mean += x / float64(n)
	}
	return (xs[(n-1)/2] + xs[n/2]) / 2, mean
}

// parseTestWeights reads "imports=1,vocabulary=2": the layers not named
// keep their default weight.
func parseTestWeights(spec string) (graph.Weights, error) {
	w := graph.DefaultWeights()
	for _, part := range strings.Split(spec, ",") {
		name, val, _ := strings.Cut(part, "=")
		l := slices.Index(schema.Layers, schema.Layer(name))
		if l < 0 {
			return w, fmt.Errorf("unknown layer %q (known: %s)", name, schema.Join(schema.Layers))
		}
		v, err := strconv.ParseFloat(val, 64)
		if err != nil {
			return w, err
		}
		w[l] = v
	}
	return w, w.Validate()
}

// diagnose splits a result's distance from the truth into its parts: how
// much of the truth's kernel seams puts in its kernel and how much of its
// kernel the truth agrees with, the same for tooling, and the ARI over
// the packages both call domain packages.
func diagnose(truth map[string]string, m *schema.Model) string {
	var kernelBoth, kernelTruth, kernelSeams, toolBoth, toolTruth, toolSeams int
	var a, b []string
	for _, p := range m.Packages {
		want, ok := truth[p.Path]
		if !ok {
			continue
		}
		tk, sk := want == "platform", p.Shared != ""
		tt, st := want == "tooling", p.Tooling != ""
		kernelTruth, kernelSeams = kernelTruth+b2i(tk), kernelSeams+b2i(sk)
		kernelBoth += b2i(tk && sk)
		toolTruth, toolSeams = toolTruth+b2i(tt), toolSeams+b2i(st)
		toolBoth += b2i(tt && st)
		if !tk && !sk && !tt && !st && p.Context != "" {
			a, b = append(a, want), append(b, p.Context)
		}
	}
	// With the truth's kernel: what a perfect kernel rule would score.
	var x, y []string
	for _, p := range m.Packages {
		want, ok := truth[p.Path]
		if !ok {
			continue
		}
		got := seamsLabel(p)
		switch {
		case want == "platform":
			got = "shared"
		case p.Shared != "":
			got = "shared?" + p.Path // wrongly shared: on its own
		}
		x, y = append(x, want), append(y, got)
	}
	return fmt.Sprintf("kernel %d/%d of truth's, %d/%d of seams'; tooling %d/%d, %d/%d; domain ARI %.3f over %d; with the truth's kernel %.3f",
		kernelBoth, kernelTruth, kernelBoth, kernelSeams, toolBoth, toolTruth, toolBoth, toolSeams, ari(a, b), len(a), ari(x, y))
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// dumpFeatures writes, per package outside the kernel and tooling, the
// truth's label and the evidence a kernel rule could use, as TSV.
func dumpFeatures(a *Analysis, truth map[string]string, file string) error {
	part := a.Partition
	deps, importers := map[string][]string{}, map[string][]string{}
	for _, e := range a.Graph.Imports() {
		if e.From != e.To {
			deps[e.From] = append(deps[e.From], e.To)
			importers[e.To] = append(importers[e.To], e.From)
		}
	}
	layerOf := func(l graph.Layer) map[int]map[int]float64 {
		m := map[int]map[int]float64{}
		for _, e := range a.Graph.Layer(l) {
			for _, ab := range [][2]int{{e.A, e.B}, {e.B, e.A}} {
				if m[ab[0]] == nil {
					m[ab[0]] = map[int]float64{}
				}
				m[ab[0]][ab[1]] += e.W
			}
		}
		return m
	}
	vocab, coch, imps := layerOf(graph.Vocabulary), layerOf(graph.CoChange), layerOf(graph.Imports)
	var b strings.Builder
	b.WriteString("pkg\ttruth\tleaf\tnimp\tnctx\tvocOwn\tvocAll\tcoOwn\tcoAll\timpOwn\timpAll\tvocPC\tvocCtx\tloc\tterms\timpSay\timpTop\n")
	for i, nd := range a.Graph.Nodes() {
		p := nd.Path
		want, ok := truth[p]
		if !ok || part.Shared[p] != "" || part.Tooling[p] != "" || nd.Main {
			continue
		}
		leaf := true
		for _, d := range deps[p] {
			leaf = leaf && part.Shared[d] != ""
		}
		own, placed := part.Of[p]
		ctxs := map[int]bool{}
		nimp := 0
		for _, q := range importers[p] {
			if c, ok := part.Of[q]; ok && part.Shared[q] == "" && !part.Delivery[q] {
				ctxs[c] = true
				nimp++
			}
		}
		sums := func(m map[int]map[int]float64) (ownW, all float64) {
			for j, w := range m[i] {
				q := a.Graph.Path(j)
				if part.Shared[q] != "" {
					continue
				}
				all += w
				if c, ok := part.Of[q]; ok && placed && c == own {
					ownW += w
				}
			}
			return
		}
		vo, va := sums(vocab)
		// How evenly the package's vocabulary neighbours spread over the
		// contexts (weighted participation coefficient).
		perCtx := map[int]float64{}
		for j, w := range vocab[i] {
			q := a.Graph.Path(j)
			if c, ok := part.Of[q]; ok && part.Shared[q] == "" {
				perCtx[c] += w
			}
		}
		// 0 without vocabulary neighbours, like a package whose
		// neighbours all lie in one context.
		vocPC, tot := 0.0, 0.0
		for _, w := range perCtx {
			tot += w
		}
		if tot > 0 {
			vocPC = 1
			for _, w := range perCtx {
				vocPC -= (w / tot) * (w / tot)
			}
		}
		co, ca := sums(coch)
		io, ia := sums(imps)
		var terms []string
		for _, t := range a.Graph.Terms(p) {
			terms = append(terms, t.Word)
		}
		// How many of its importers speak of its own words (any of its
		// three heaviest among theirs), and how many distinct heaviest
		// words its importers have.
		say, tops := 0, map[string]bool{}
		for _, q := range importers[p] {
			if _, ok := part.Of[q]; !ok || part.Shared[q] != "" || part.Delivery[q] {
				continue
			}
			qt := a.Graph.Terms(q)
			if len(qt) > 0 {
				tops[qt[0].Word] = true
			}
			hit := false
			for k, t := range terms {
				if k < 3 && slices.ContainsFunc(qt, func(x graph.Term) bool { return x.Word == t }) {
					hit = true
				}
			}
			if hit {
				say++
			}
		}
		fmt.Fprintf(&b, "%s\t%s\t%v\t%d\t%d\t%.4g\t%.4g\t%.4g\t%.4g\t%.4g\t%.4g\t%.3f\t%d\t%d\t%s\t%d\t%d\n", p, want, leaf, nimp, len(ctxs), vo, va, co, ca, io, ia, vocPC, len(perCtx), nd.LOC, strings.Join(terms, ","), say, len(tops))
	}
	return os.WriteFile(file, []byte(b.String()), 0o644)
}
