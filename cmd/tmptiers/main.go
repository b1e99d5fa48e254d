package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/seams-tool/seams/graph/tiers"
)

func main() {
	var m struct {
		Packages []struct{ Path string }
		Imports  []struct{ From, To string }
	}
	data, _ := os.ReadFile(os.Args[1])
	json.Unmarshal(data, &m)
	var ps []string
	for _, p := range m.Packages {
		ps = append(ps, p.Path)
	}
	var im []tiers.Import
	for _, e := range m.Imports {
		im = append(im, tiers.Import{From: e.From, To: e.To})
	}
	ls := tiers.Detect(ps, im)
	for _, l := range ls {
		var names []string
		for _, s := range l.Slices {
			names = append(names, s.Name)
		}
		fmt.Printf("%s (%d): %v\n", l.Dir, len(l.Slices), names[:min(len(names), 12)])
	}
	fmt.Println("aligned pairs:", len(tiers.Aligned(ls)))
}
