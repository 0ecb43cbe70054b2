// Command tekton-oracle reports what Tekton's admission webhooks do with Tekton documents: the
// validating webhook's strict decoding (unknown fields rejected), the defaulting webhook's
// SetDefaults, and Validate, with a feature-flags config in the context. It is a test tool of
// signet (the differential tests ask it for Tekton's verdicts); it is not part of the package.
//
// Input (stdin), one of:
//
//	-in jsonl  one request a line: {"id":…, "featureFlags":{…}, "defaults":{…}, "doc":{…}}
//	-in yaml   a YAML (or JSON) stream of documents, judged under -flags FILE
//
// Output (stdout): one JSON verdict a line, in input order:
//
//	{"id":…, "apiVersion":…, "kind":…, "name":…, "judged":bool, "accepted":bool,
//	 "stage":"decode"|"validate"|"", "errors":[{"message","paths","details"}], "warnings":[…]}
//
// Documents that are not Tekton kinds the webhook validates are reported with judged=false.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/tektoncd/pipeline/pkg/apis/config"
	v1 "github.com/tektoncd/pipeline/pkg/apis/pipeline/v1"
	"github.com/tektoncd/pipeline/pkg/apis/pipeline/v1alpha1"
	"github.com/tektoncd/pipeline/pkg/apis/pipeline/v1beta1"
	"knative.dev/pkg/apis"
	kjson "knative.dev/pkg/webhook/json"
	"knative.dev/pkg/webhook/resourcesemantics"
	"sigs.k8s.io/yaml"
)

type request struct {
	ID           json.RawMessage   `json:"id,omitempty"`
	FeatureFlags map[string]string `json:"featureFlags,omitempty"`
	Defaults     map[string]string `json:"defaults,omitempty"`
	Doc          json.RawMessage   `json:"doc"`
}

type diagnostic struct {
	Message string   `json:"message"`
	Paths   []string `json:"paths,omitempty"`
	Details string   `json:"details,omitempty"`
}

type verdict struct {
	ID         json.RawMessage `json:"id,omitempty"`
	APIVersion string          `json:"apiVersion"`
	Kind       string          `json:"kind"`
	Name       string          `json:"name"`
	Judged     bool            `json:"judged"`
	Accepted   bool            `json:"accepted"`
	Stage      string          `json:"stage"`
	Errors     []diagnostic    `json:"errors"`
	Warnings   []diagnostic    `json:"warnings"`
	Defaulted  json.RawMessage `json:"defaulted,omitempty"`
}

// newObject returns an empty object of the type the webhook decodes for apiVersion/kind (the
// webhook's own type table, cmd/webhook/main.go), or nil.
func newObject(apiVersion, kind string) resourcesemantics.GenericCRD {
	switch apiVersion + "/" + kind {
	case "tekton.dev/v1/Task":
		return &v1.Task{}
	case "tekton.dev/v1/Pipeline":
		return &v1.Pipeline{}
	case "tekton.dev/v1/TaskRun":
		return &v1.TaskRun{}
	case "tekton.dev/v1/PipelineRun":
		return &v1.PipelineRun{}
	case "tekton.dev/v1beta1/Task":
		return &v1beta1.Task{}
	case "tekton.dev/v1beta1/Pipeline":
		return &v1beta1.Pipeline{}
	case "tekton.dev/v1beta1/TaskRun":
		return &v1beta1.TaskRun{}
	case "tekton.dev/v1beta1/PipelineRun":
		return &v1beta1.PipelineRun{}
	case "tekton.dev/v1beta1/StepAction":
		return &v1beta1.StepAction{}
	case "tekton.dev/v1beta1/CustomRun":
		return &v1beta1.CustomRun{}
	case "tekton.dev/v1alpha1/StepAction":
		return &v1alpha1.StepAction{}
	}
	return nil
}

type configCache map[string]*config.Config

// configFor builds the Config the webhook's config store would hold for these ConfigMap data.
func (c configCache) configFor(flags, defaults map[string]string) (*config.Config, error) {
	key, _ := json.Marshal([]any{flags, defaults})
	if cfg, ok := c[string(key)]; ok {
		return cfg, nil
	}
	cfg := config.FromContextOrDefaults(context.Background())
	if flags == nil {
		flags = map[string]string{}
	}
	ff, err := config.NewFeatureFlagsFromMap(flags)
	if err != nil {
		return nil, fmt.Errorf("feature flags: %w", err)
	}
	cfg.FeatureFlags = ff
	if defaults == nil {
		defaults = map[string]string{}
	}
	d, err := config.NewDefaultsFromMap(defaults)
	if err != nil {
		return nil, fmt.Errorf("defaults: %w", err)
	}
	cfg.Defaults = d
	c[string(key)] = cfg
	return cfg, nil
}

func diagnostics(fe *apis.FieldError) []diagnostic {
	out := []diagnostic{}
	if fe == nil {
		return out
	}
	for _, e := range fe.WrappedErrors() {
		paths := append([]string(nil), e.Paths...)
		sort.Strings(paths)
		out = append(out, diagnostic{Message: e.Message, Paths: paths, Details: e.Details})
	}
	return out
}

func judge(req request, cfgs configCache, withDefaulted bool) (v verdict) {
	v = verdict{ID: req.ID, Errors: []diagnostic{}, Warnings: []diagnostic{}}
	// A panic in Tekton's code fails the admission request (the API server gets no answer and the
	// webhook's failurePolicy is Fail), so the document is refused; the stage says why.
	defer func() {
		if r := recover(); r != nil {
			v.Accepted, v.Stage = false, "panic"
			v.Errors = append(v.Errors, diagnostic{Message: fmt.Sprintf("tekton panicked: %v", r)})
		}
	}()
	var head struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Metadata   struct {
			Name         string `json:"name"`
			GenerateName string `json:"generateName"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(req.Doc, &head); err != nil {
		v.Judged, v.Stage = true, "decode"
		v.Errors = append(v.Errors, diagnostic{Message: err.Error()})
		return v
	}
	v.APIVersion, v.Kind, v.Name = head.APIVersion, head.Kind, head.Metadata.Name
	if v.Name == "" {
		v.Name = head.Metadata.GenerateName
	}
	if newObject(head.APIVersion, head.Kind) == nil {
		return v
	}
	v.Judged = true
	if head.Metadata.Name == "" && head.Metadata.GenerateName != "" {
		doc, err := withGeneratedName(req.Doc, head.Metadata.GenerateName)
		if err != nil {
			v.Stage = "decode"
			v.Errors = append(v.Errors, diagnostic{Message: err.Error()})
			return v
		}
		req.Doc = doc
	}
	cfg, err := cfgs.configFor(req.FeatureFlags, req.Defaults)
	if err != nil {
		v.Stage = "config"
		v.Errors = append(v.Errors, diagnostic{Message: err.Error()})
		return v
	}
	ctx := apis.WithinCreate(config.ToContext(context.Background(), cfg))

	// The defaulting webhook: strict decode, SetDefaults; the patched object goes to validation.
	obj := newObject(head.APIVersion, head.Kind)
	if err := kjson.Decode(req.Doc, obj, true); err != nil {
		v.Stage = "decode"
		v.Errors = append(v.Errors, diagnostic{Message: err.Error()})
		return v
	}
	obj.SetDefaults(ctx)
	defaulted, err := json.Marshal(obj)
	if err != nil {
		v.Stage = "decode"
		v.Errors = append(v.Errors, diagnostic{Message: err.Error()})
		return v
	}
	// The validating webhook decodes the defaulted object strictly again, then validates.
	validated := newObject(head.APIVersion, head.Kind)
	if err := kjson.Decode(defaulted, validated, true); err != nil {
		v.Stage = "decode"
		v.Errors = append(v.Errors, diagnostic{Message: err.Error()})
		return v
	}
	if withDefaulted {
		v.Defaulted = defaulted
	}
	if fe := validated.Validate(ctx); fe != nil {
		v.Errors = diagnostics(fe.Filter(apis.ErrorLevel))
		v.Warnings = diagnostics(fe.Filter(apis.WarningLevel))
	}
	if len(v.Errors) > 0 {
		v.Stage = "validate"
	}
	v.Accepted = len(v.Errors) == 0
	return v
}

// withGeneratedName does what the API server does before any admission webhook sees an object
// created with metadata.generateName: it appends five random characters ("x" here, so verdicts
// are reproducible) to make the name.
func withGeneratedName(doc json.RawMessage, generateName string) (json.RawMessage, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(doc, &obj); err != nil {
		return nil, err
	}
	var meta map[string]json.RawMessage
	if err := json.Unmarshal(obj["metadata"], &meta); err != nil {
		return nil, err
	}
	name, _ := json.Marshal(generateName + "xxxxx")
	meta["name"] = name
	m, err := json.Marshal(meta)
	if err != nil {
		return nil, err
	}
	obj["metadata"] = m
	return json.Marshal(obj)
}

// readFlags reads a feature-flags file: Tekton's feature-flags ConfigMap (YAML or JSON) or its data map.
func readFlags(path string) (map[string]string, error) {
	if path == "" {
		return nil, nil
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cm struct {
		Kind string            `json:"kind"`
		Data map[string]string `json:"data"`
	}
	if err := yaml.Unmarshal(raw, &cm); err == nil && cm.Kind == "ConfigMap" {
		return cm.Data, nil
	}
	var m map[string]string
	if err := yaml.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("%s: not a ConfigMap or a map of strings: %w", path, err)
	}
	return m, nil
}

// yamlDocs splits a YAML stream on document separators and converts each document to JSON.
func yamlDocs(r io.Reader) ([]json.RawMessage, error) {
	all, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	var out []json.RawMessage
	for _, part := range splitYAML(string(all)) {
		if strings.TrimSpace(stripComments(part)) == "" {
			continue
		}
		j, err := yaml.YAMLToJSON([]byte(part))
		if err != nil {
			return nil, err
		}
		if bytes.Equal(bytes.TrimSpace(j), []byte("null")) {
			continue
		}
		out = append(out, j)
	}
	return out, nil
}

func splitYAML(s string) []string {
	var parts []string
	var cur []string
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "---") && strings.TrimSpace(strings.TrimPrefix(line, "---")) == "" {
			parts = append(parts, strings.Join(cur, "\n"))
			cur = nil
			continue
		}
		cur = append(cur, line)
	}
	return append(parts, strings.Join(cur, "\n"))
}

func stripComments(s string) string {
	var keep []string
	for _, line := range strings.Split(s, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

func main() {
	in := flag.String("in", "jsonl", "input format: jsonl (requests) or yaml (a stream of documents)")
	flagsFile := flag.String("flags", "", "feature-flags ConfigMap (YAML/JSON) for -in yaml")
	withDefaulted := flag.Bool("defaulted", false, "include the defaulted object in each verdict")
	flag.Parse()

	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer out.Flush()
	enc := json.NewEncoder(out)
	cfgs := configCache{}

	switch *in {
	case "yaml":
		flags, err := readFlags(*flagsFile)
		if err != nil {
			fmt.Fprintf(os.Stderr, "tekton-oracle: %v\n", err)
			os.Exit(2)
		}
		docs, err := yamlDocs(os.Stdin)
		if err != nil {
			fmt.Fprintf(os.Stderr, "tekton-oracle: reading YAML from stdin: %v\n", err)
			os.Exit(2)
		}
		for i, doc := range docs {
			id, _ := json.Marshal(i)
			_ = enc.Encode(judge(request{ID: id, FeatureFlags: flags, Doc: doc}, cfgs, *withDefaulted))
		}
	case "jsonl":
		sc := bufio.NewScanner(os.Stdin)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			line := bytes.TrimSpace(sc.Bytes())
			if len(line) == 0 {
				continue
			}
			var req request
			if err := json.Unmarshal(line, &req); err != nil {
				fmt.Fprintf(os.Stderr, "tekton-oracle: a request line is not JSON ({\"doc\":…}): %v\n", err)
				os.Exit(2)
			}
			_ = enc.Encode(judge(req, cfgs, *withDefaulted))
			// Flush per line so a caller can stream requests and read verdicts as they come.
			if err := out.Flush(); err != nil {
				os.Exit(1)
			}
		}
		if err := sc.Err(); err != nil {
			fmt.Fprintf(os.Stderr, "tekton-oracle: reading stdin: %v\n", err)
			os.Exit(2)
		}
	default:
		fmt.Fprintf(os.Stderr, "tekton-oracle: -in must be jsonl or yaml, got %q\n", *in)
		os.Exit(2)
	}
}
