package report

import (
	"bytes"
	"fmt"
	"github.com/seams-tool/seams/report/schema"
	"strings"
)

// CheckFormats are the formats FormatCheck takes.
var CheckFormats = []string{"text", "json", "github", "markdown"}

// FormatCheck renders a check result: text for people, json for tools,
// github for workflow annotations, markdown for a job summary.
func FormatCheck(o *schema.Check, format string) ([]byte, error) {
	var b bytes.Buffer
	where := func(f schema.Finding) string {
		if f.Where == "" {
			return ""
		}
		if o.Prefix != "" && o.Prefix != "." {
			return o.Prefix + "/" + f.Where
		}
		return f.Where
	}
	switch format {
	case "json":
		return schema.Encode(o)
	case "text":
		for _, f := range o.Findings {
			mark := "regression"
			if f.Improved {
				mark = "improved"
			}
			if w := where(f); w != "" {
				fmt.Fprintf(&b, "%s: %s: %s\n", w, mark, f.Message)
			} else {
				fmt.Fprintf(&b, "%s: %s\n", mark, f.Message)
			}
		}
		for _, p := range o.Placed {
			fmt.Fprintf(&b, "new package %s placed in %s\n", p[0], orNone(p[1]))
		}
		if o.Regressions == 0 {
			fmt.Fprintf(&b, "seams check: no regressions against %s\n", o.Baseline)
		} else {
			fmt.Fprintf(&b, "seams check: %d regressions against %s\n", o.Regressions, o.Baseline)
		}
	case "github":
		for _, f := range o.Findings {
			level := "error"
			if f.Improved {
				level = "notice"
			}
			props := "title=seams " + string(f.Kind)
			if w := where(f); w != "" {
				file, line, _ := strings.Cut(w, ":")
				props = "file=" + ghProp(file) + ",line=" + ghProp(line) + "," + props
			}
			fmt.Fprintf(&b, "::%s %s::%s\n", level, props, ghData(f.Message))
		}
		if o.Regressions == 0 {
			fmt.Fprintf(&b, "seams check: no regressions against %s\n", o.Baseline)
		}
	case "markdown":
		fmt.Fprintf(&b, "### seams check\n\n")
		if o.Regressions == 0 {
			fmt.Fprintf(&b, "No regressions against `%s`.\n", mdCode(o.Baseline))
		} else {
			fmt.Fprintf(&b, "**%d regressions** against `%s`.\n", o.Regressions, mdCode(o.Baseline))
		}
		if len(o.Findings) > 0 {
			fmt.Fprintf(&b, "\n| | kind | where | finding |\n|---|---|---|---|\n")
			for _, f := range o.Findings {
				mark := "❌"
				if f.Improved {
					mark = "✅"
				}
				fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", mark, f.Kind, mdCell(where(f)), mdCell(f.Message))
			}
		}
		fmt.Fprintf(&b, "\nICP %.3f · modularity %.3f · %d cross-context imports · %d shared-write tables\n",
			o.Metrics.ICP, o.Metrics.Modularity.Fused, o.Metrics.CrossContextImports, o.Metrics.SharedWriteTables)
	default:
		return nil, fmt.Errorf("unknown format %q (known: %s)", format, strings.Join(CheckFormats, ", "))
	}
	return b.Bytes(), nil
}

func orNone(s string) string {
	if s == "" {
		return "no context (no coupling to one)"
	}
	return s
}

// ghData escapes a workflow command's message, as the runner expects.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProp escapes a workflow command's property value.
func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}

func mdCode(s string) string { return strings.ReplaceAll(s, "`", "'") }
