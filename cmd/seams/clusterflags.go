package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/seams-tool/seams/analyze"
	"github.com/seams-tool/seams/analyze/config"
	"github.com/seams-tool/seams/graph"
)

// clusterFlags are the flags that tune how contexts are found.
type clusterFlags struct {
	seed       uint64
	restarts   int
	resolution float64
	weights    string
	shared     listFlag
}

func (c *clusterFlags) register(fs *flag.FlagSet) {
	fs.Uint64Var(&c.seed, "seed", 1, "first Louvain seed; restart r uses seed+r")
	fs.IntVar(&c.restarts, "restarts", 16, "Louvain runs; the best modularity wins and the others give each package's confidence")
	fs.Float64Var(&c.resolution, "resolution", 1, "Louvain resolution: above 1 finds smaller contexts, below 1 larger ones")
	fs.StringVar(&c.weights, "weights", "imports=1,data=1,cochange=1", "layer weights after normalization, as `name=w,...`")
	fs.Var(&c.shared, "shared", "pin packages matching `GLOB` to the shared kernel (repeatable; /** matches a subtree)")
}

func (c *clusterFlags) merge(cf *config.File, set map[string]bool) (analyze.ClusterConfig, error) {
	var cc analyze.ClusterConfig
	cc.Seed, cc.Restarts, cc.Resolution = c.seed, c.restarts, c.resolution
	if cf.Seed != nil && !set["seed"] {
		cc.Seed = *cf.Seed
	}
	if cf.Restarts != nil && !set["restarts"] {
		cc.Restarts = *cf.Restarts
	}
	if cf.Resolution != nil && !set["resolution"] {
		cc.Resolution = *cf.Resolution
	}
	if cc.Restarts < 1 {
		return cc, fmt.Errorf("-restarts: want at least 1, got %d", cc.Restarts)
	}
	if cc.Resolution <= 0 {
		return cc, fmt.Errorf("-resolution: want a number above 0, got %v", cc.Resolution)
	}
	w := map[string]float64{"imports": 1, "data": 1, "cochange": 1}
	for k, v := range cf.Weights {
		w[k] = v
	}
	if set["weights"] {
		parsed, err := parseWeights(c.weights)
		if err != nil {
			return cc, err
		}
		for k, v := range parsed {
			w[k] = v
		}
	}
	if w["imports"]+w["data"]+w["cochange"] == 0 {
		return cc, fmt.Errorf("-weights: at least one layer needs a weight above 0")
	}
	cc.Weights = graph.Weights{Imports: w["imports"], Data: w["data"], CoChange: w["cochange"]}
	cc.Shared = append(append([]string(nil), cf.Shared...), c.shared...)
	cc.Declared = cf.Contexts
	return cc, nil
}

func parseWeights(s string) (map[string]float64, error) {
	out := map[string]float64{}
	for _, part := range strings.Split(s, ",") {
		name, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		known := false
		for _, l := range config.Layers {
			known = known || l == name
		}
		if !ok || !known {
			return nil, fmt.Errorf("-weights: want name=number pairs with names imports, data, cochange; got %q", part)
		}
		v, err := strconv.ParseFloat(val, 64)
		if err != nil || v < 0 {
			return nil, fmt.Errorf("-weights: %s: want a number of at least 0, got %q", name, val)
		}
		out[name] = v
	}
	return out, nil
}
