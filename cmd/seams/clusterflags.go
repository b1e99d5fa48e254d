package main

import (
	"flag"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/seams-tool/seams/analyze"
	"github.com/seams-tool/seams/analyze/config"
	"github.com/seams-tool/seams/graph"
	"github.com/seams-tool/seams/report/schema"
)

// clusterFlags are the flags that tune how contexts are found.
type clusterFlags struct {
	seed       uint64
	restarts   int
	resolution float64
	weights    string
	shared     listFlag
}

func (c *clusterFlags) register(fs *flag.FlagSet, def analyze.Config) {
	fs.Uint64Var(&c.seed, "seed", def.Cluster.Seed, "first clustering seed; restart r uses seed+r")
	fs.IntVar(&c.restarts, "restarts", def.Cluster.Restarts, "clustering runs (Leiden); the best modularity wins and the others give each package's confidence")
	fs.Float64Var(&c.resolution, "resolution", def.Cluster.Resolution, "modularity resolution: above 1 finds smaller contexts, below 1 larger ones")
	var w []string
	for l, name := range schema.Layers {
		w = append(w, fmt.Sprintf("%s=%g", name, def.Weights[l]))
	}
	fs.StringVar(&c.weights, "weights", strings.Join(w, ","), "layer weights after normalization, as `name=w,...`")
	fs.Var(&c.shared, "shared", "pin packages matching `GLOB` to the shared kernel (repeatable; /** matches a subtree)")
}

// merge sets what the configuration file and the flags given say of the
// clustering; flags win.
func (c *clusterFlags) merge(cf *config.File, set map[string]bool, cfg *analyze.Config) error {
	o := &cfg.Cluster
	if cf.Seed != nil {
		o.Seed = *cf.Seed
	}
	if cf.Restarts != nil {
		o.Restarts = *cf.Restarts
	}
	if cf.Resolution != nil {
		o.Resolution = *cf.Resolution
	}
	if set["seed"] {
		o.Seed = c.seed
	}
	if set["restarts"] {
		o.Restarts = c.restarts
	}
	if set["resolution"] {
		o.Resolution = c.resolution
	}
	for l, name := range schema.Layers {
		if w, ok := cf.Weights[name]; ok {
			cfg.Weights[l] = w
		}
	}
	if set["weights"] {
		parsed, err := parseWeights(c.weights)
		if err != nil {
			return err
		}
		for l, name := range schema.Layers {
			if w, ok := parsed[name]; ok {
				cfg.Weights[l] = w
			}
		}
	}
	if cf.Tooling != nil {
		o.Tooling = cf.Tooling
	}
	if cf.Libraries != nil {
		o.Libraries = cf.Libraries
	}
	o.Shared = append(append([]string(nil), cf.Shared...), c.shared...)
	o.Declared = cf.Contexts
	if err := o.Validate(); err != nil {
		return fmt.Errorf("clustering: %v", err)
	}
	if err := cfg.Weights.Validate(); err != nil {
		return fmt.Errorf("-weights: %v", err)
	}
	return nil
}

func parseWeights(s string) (map[schema.Layer]float64, error) {
	out := map[schema.Layer]float64{}
	for _, part := range strings.Split(s, ",") {
		name, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		l, err := schema.Parse(schema.Layers, "layer", name)
		if !ok || err != nil {
			return nil, fmt.Errorf("-weights: want name=number pairs with names %s; got %q", schema.Join(schema.Layers), part)
		}
		v, err := strconv.ParseFloat(val, 64)
		if err != nil || math.IsNaN(v) || v < 0 || v > graph.MaxWeight {
			return nil, fmt.Errorf("-weights: %s: want a number in 0..%g, got %q", name, graph.MaxWeight, val)
		}
		out[l] = v
	}
	return out, nil
}
