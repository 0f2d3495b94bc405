// Renders the Starmap chart's templates with Go's own text/template, the engine Helm uses, and
// small stand-ins for the Sprig/Helm functions the chart calls (default, trunc, trimSuffix,
// contains, replace, quote, lower, nindent, toYaml, include). For machines without Helm: it
// checks the templates parse and run, and renders what the hand-kept manifests must equal.
// The stand-ins are approximations (toYaml quotes strings the way go-yaml does for the values
// this chart has), so `helm template` remains the reference where Helm is available.
//
//	render <chart dir> <values.json> <release> <namespace> <Chart.json>
//
// check.mjs beside this file prepares the JSON inputs and compares the output.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/template"
)

func empty(v interface{}) bool {
	switch t := v.(type) {
	case nil:
		return true
	case string:
		return t == ""
	case bool:
		return !t
	case json.Number:
		return t.String() == "0"
	case []interface{}:
		return len(t) == 0
	case map[string]interface{}:
		return len(t) == 0
	}
	return false
}

func needsQuote(s string) bool {
	if s == "" {
		return true
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return true
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "null", "~", "y", "n":
		return true
	}
	return strings.ContainsAny(s, ":#{}[],&*!|>'\"%@`") || strings.HasPrefix(s, "-") || strings.HasPrefix(s, " ")
}

func scalar(v interface{}) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case string:
		if needsQuote(t) {
			return strconv.Quote(t)
		}
		return t
	case json.Number:
		return t.String()
	case bool:
		return strconv.FormatBool(t)
	}
	panic(fmt.Sprintf("scalar %T", v))
}

// toYaml in go-yaml v2's layout: sorted keys, list items at the parent key's indentation.
func toYaml(v interface{}, indent string, out *strings.Builder) {
	switch t := v.(type) {
	case map[string]interface{}:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			val := t[k]
			switch c := val.(type) {
			case map[string]interface{}:
				if len(c) == 0 {
					fmt.Fprintf(out, "%s%s: {}\n", indent, k)
				} else {
					fmt.Fprintf(out, "%s%s:\n", indent, k)
					toYaml(c, indent+"  ", out)
				}
			case []interface{}:
				if len(c) == 0 {
					fmt.Fprintf(out, "%s%s: []\n", indent, k)
				} else {
					fmt.Fprintf(out, "%s%s:\n", indent, k)
					toYaml(c, indent, out)
				}
			default:
				fmt.Fprintf(out, "%s%s: %s\n", indent, k, scalar(val))
			}
		}
	case []interface{}:
		for _, item := range t {
			switch c := item.(type) {
			case map[string]interface{}:
				var sub strings.Builder
				toYaml(c, indent+"  ", &sub)
				s := sub.String()
				fmt.Fprintf(out, "%s- %s", indent, strings.TrimPrefix(s, indent+"  "))
			default:
				fmt.Fprintf(out, "%s- %s\n", indent, scalar(item))
			}
		}
	}
}

func main() {
	if len(os.Args) != 6 {
		fail("usage: render <chart dir> <values.json> <release> <namespace> <Chart.json>")
	}
	chartDir, release, namespace := os.Args[1], os.Args[3], os.Args[4]
	values := readJSON(os.Args[2])
	chartMeta := readJSON(os.Args[5])

	root := template.New("root")
	funcs := template.FuncMap{
		"default": func(d interface{}, v ...interface{}) interface{} {
			if len(v) == 0 || empty(v[0]) {
				return d
			}
			return v[0]
		},
		"trunc": func(n int, s string) string {
			if len(s) > n {
				return s[:n]
			}
			return s
		},
		"trimSuffix": func(suf, s string) string { return strings.TrimSuffix(s, suf) },
		"contains":   func(sub, s string) bool { return strings.Contains(s, sub) },
		"replace":    func(o, n, s string) string { return strings.ReplaceAll(s, o, n) },
		"quote":      func(v interface{}) string { return strconv.Quote(fmt.Sprint(v)) },
		"lower":      strings.ToLower,
		"nindent": func(n int, s string) string {
			pad := strings.Repeat(" ", n)
			return "\n" + pad + strings.ReplaceAll(s, "\n", "\n"+pad)
		},
		"toYaml": func(v interface{}) string {
			var b strings.Builder
			toYaml(v, "", &b)
			return strings.TrimSuffix(b.String(), "\n")
		},
		"include": func(name string, data interface{}) (string, error) {
			var b bytes.Buffer
			err := root.ExecuteTemplate(&b, name, data)
			return b.String(), err
		},
	}
	root.Funcs(funcs)
	files, err := filepath.Glob(filepath.Join(chartDir, "templates", "*"))
	if err != nil || len(files) == 0 {
		fail(fmt.Sprintf("no templates in %s", chartDir))
	}
	sort.Strings(files)
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			fail(err.Error())
		}
		if _, err := root.New(filepath.Base(f)).Parse(string(text)); err != nil {
			fail("parse: " + err.Error())
		}
	}
	data := map[string]interface{}{
		"Values":  values,
		"Chart":   map[string]interface{}{"Name": chartMeta["name"], "Version": chartMeta["version"], "AppVersion": chartMeta["appVersion"]},
		"Release": map[string]interface{}{"Name": release, "Namespace": namespace, "Service": "Helm"},
	}
	for _, f := range files {
		name := filepath.Base(f)
		if strings.HasPrefix(name, "_") {
			continue
		}
		var b bytes.Buffer
		if err := root.ExecuteTemplate(&b, name, data); err != nil {
			fail("render: " + err.Error())
		}
		if name == "NOTES.txt" {
			fmt.Fprintf(os.Stderr, "--- NOTES ---\n%s\n", b.String())
			continue
		}
		if strings.TrimSpace(b.String()) == "" {
			continue
		}
		fmt.Printf("---\n# Source: starmap/templates/%s\n%s\n", name, b.String())
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "render:", message)
	os.Exit(1)
}

// readJSON keeps numbers as json.Number so they print as written (31280, not 31280.0 or 3.128e+04).
func readJSON(file string) map[string]interface{} {
	raw, err := os.ReadFile(file)
	if err != nil {
		fail(err.Error())
	}
	var out map[string]interface{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&out); err != nil {
		fail(fmt.Sprintf("%s: %v", file, err))
	}
	return out
}
