package main

import (
	"errors"
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The deployment files, from this package's folder.
const (
	composeFile     = "../../deploy/docker-compose.yml"
	statefulSetFile = "../../deploy/kubernetes/statefulset.yaml"
)

// TestSettingsListEveryVariableRead: the settings list, which the
// deployment tests check names against, holds every variable the
// configuration reads and every one .env.example sets.
func TestSettingsListEveryVariableRead(t *testing.T) {
	var read []string
	if _, err := loadConfig(func(k string) string { read = append(read, k); return "" }); err != nil {
		t.Fatal(err)
	}
	if len(read) < 10 {
		t.Fatalf("loadConfig read only %v", read)
	}
	b, err := os.ReadFile("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, _, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(line, "#") {
			read = append(read, k)
		}
	}
	for _, k := range read {
		if !slices.Contains(settings(), k) {
			t.Errorf("%s is read or set in .env.example but missing from settings()", k)
		}
	}
}

type composeService struct {
	Image string `yaml:"image"`
	Build struct {
		Context    string `yaml:"context"`
		Dockerfile string `yaml:"dockerfile"`
	} `yaml:"build"`
	Environment map[string]string `yaml:"environment"`
	DependsOn   map[string]struct {
		Condition string `yaml:"condition"`
	} `yaml:"depends_on"`
	Healthcheck struct {
		Test []string `yaml:"test"`
	} `yaml:"healthcheck"`
	Volumes []string `yaml:"volumes"`
	Ports   []string `yaml:"ports"`
}

// composeVar is a variable compose fills in: ${NAME}, ${NAME:?message}, ${NAME:-default}.
var composeVar = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)(?:[:]?[-?][^}]*)?\}`)

// TestComposeWiring: prepcord is built from the repository's Dockerfile and
// waits for a healthy PostgreSQL 15 whose data is in a volume; its
// DATABASE_URL names the db service with the database's user and name; its
// settings are prepcord's and load; the published port is HTTP_ADDR's.
func TestComposeWiring(t *testing.T) {
	b, err := os.ReadFile(composeFile)
	if err != nil {
		t.Fatal(err)
	}
	var compose struct {
		Services map[string]composeService `yaml:"services"`
		Volumes  map[string]any            `yaml:"volumes"`
	}
	if err := yaml.Unmarshal(b, &compose); err != nil {
		t.Fatal(err)
	}
	db, bot := compose.Services["db"], compose.Services["prepcord"]
	if db.Image != "postgres:15" {
		t.Errorf("db image %q, want postgres:15", db.Image)
	}
	if len(db.Healthcheck.Test) == 0 || !strings.Contains(strings.Join(db.Healthcheck.Test, " "), "pg_isready") {
		t.Errorf("db healthcheck %v, want pg_isready", db.Healthcheck.Test)
	}
	dataVolume := ""
	for _, v := range db.Volumes {
		if name, target, _ := strings.Cut(v, ":"); target == "/var/lib/postgresql/data" {
			dataVolume = name
		}
	}
	if _, ok := compose.Volumes[dataVolume]; !ok || dataVolume == "" {
		t.Errorf("db volumes %v: want a named volume, declared under volumes, at /var/lib/postgresql/data", db.Volumes)
	}
	if dockerfile := filepath.Join(filepath.Dir(composeFile), bot.Build.Context, bot.Build.Dockerfile); !fileExists(dockerfile) || filepath.Clean(dockerfile) != filepath.Clean("../../Dockerfile") {
		t.Errorf("prepcord is built from %s, want the repository's Dockerfile", dockerfile)
	}
	if c := bot.DependsOn["db"].Condition; c != "service_healthy" {
		t.Errorf("prepcord depends on db with condition %q, want service_healthy", c)
	}

	env := map[string]string{}
	for k, v := range bot.Environment {
		if !slices.Contains(settings(), k) {
			t.Errorf("prepcord's environment sets %s, which prepcord does not read", k)
		}
		env[k] = composeVar.ReplaceAllString(v, "Pw0rd")
	}
	u, err := url.Parse(env["DATABASE_URL"])
	if err != nil {
		t.Fatalf("DATABASE_URL: %v", err)
	}
	if _, ok := compose.Services[u.Hostname()]; u.Hostname() != "db" || !ok {
		t.Errorf("DATABASE_URL's host is %q, want the db service", u.Hostname())
	}
	if pw, _ := u.User.Password(); u.User.Username() != db.Environment["POSTGRES_USER"] ||
		pw != composeVar.ReplaceAllString(db.Environment["POSTGRES_PASSWORD"], "Pw0rd") ||
		strings.TrimPrefix(u.Path, "/") != db.Environment["POSTGRES_DB"] {
		t.Errorf("DATABASE_URL's user, password or database is not the db service's")
	}
	cfg, err := loadConfig(func(k string) string { return env[k] })
	if err != nil {
		t.Fatalf("prepcord's environment does not load: %v", err)
	}
	port := httpPort(t, cfg.HTTPAddr)
	if len(bot.Ports) != 1 || !strings.HasSuffix(bot.Ports[0], ":"+port) {
		t.Errorf("ports %v: want HTTP_ADDR's port %s published", bot.Ports, port)
	}
}

type k8sEnv struct {
	Name      string `yaml:"name"`
	Value     string `yaml:"value"`
	ValueFrom *struct {
		SecretKeyRef *struct{ Name, Key string } `yaml:"secretKeyRef"`
		FieldRef     *struct {
			FieldPath string `yaml:"fieldPath"`
		} `yaml:"fieldRef"`
	} `yaml:"valueFrom"`
}

type k8sProbe struct {
	HTTPGet *struct {
		Path string    `yaml:"path"`
		Port yaml.Node `yaml:"port"` // a number or a port's name
	} `yaml:"httpGet"`
}

type k8sContainer struct {
	Name  string `yaml:"name"`
	Ports []struct {
		Name          string `yaml:"name"`
		ContainerPort int    `yaml:"containerPort"`
	} `yaml:"ports"`
	Env            []k8sEnv  `yaml:"env"`
	ReadinessProbe *k8sProbe `yaml:"readinessProbe"`
	LivenessProbe  *k8sProbe `yaml:"livenessProbe"`
}

type k8sObject struct {
	Kind     string `yaml:"kind"`
	Metadata struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Spec struct {
		// Service
		ClusterIP string         `yaml:"clusterIP"`
		Selector  map[string]any `yaml:"selector"` // a StatefulSet's has matchLabels

		// StatefulSet
		ServiceName string `yaml:"serviceName"`
		Replicas    int    `yaml:"replicas"`
		Template    struct {
			Metadata struct {
				Labels map[string]string `yaml:"labels"`
			} `yaml:"metadata"`
			Spec struct {
				Containers []k8sContainer `yaml:"containers"`
			} `yaml:"spec"`
		} `yaml:"template"`
	} `yaml:"spec"`
}

// TestStatefulSetWiring: each pod runs the shard of its index, SHARD_COUNT
// is the number of pods, the pods' rate shares add up to at most Discord's
// global limit, the token and the database come from a Secret, the probes
// ask prepcord's health path on HTTP_ADDR's port, a headless Service
// governs the set, and every pod's settings load.
func TestStatefulSetWiring(t *testing.T) {
	f, err := os.Open(statefulSetFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var svc, set *k8sObject
	dec := yaml.NewDecoder(f)
	for {
		var o k8sObject
		if err := dec.Decode(&o); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		switch o.Kind {
		case "Service":
			svc = &o
		case "StatefulSet":
			set = &o
		}
	}
	if svc == nil || set == nil {
		t.Fatalf("want a Service and a StatefulSet in %s", statefulSetFile)
	}
	if svc.Spec.ClusterIP != "None" || set.Spec.ServiceName != svc.Metadata.Name {
		t.Errorf("the StatefulSet's serviceName %q must name a headless Service (%q, clusterIP %q)", set.Spec.ServiceName, svc.Metadata.Name, svc.Spec.ClusterIP)
	}
	for k, v := range svc.Spec.Selector {
		if s, _ := v.(string); set.Spec.Template.Metadata.Labels[k] != s {
			t.Errorf("the Service selects %s=%s, which the pods do not carry", k, v)
		}
	}
	if len(set.Spec.Template.Spec.Containers) != 1 {
		t.Fatalf("want one container, got %d", len(set.Spec.Template.Spec.Containers))
	}
	c := set.Spec.Template.Spec.Containers[0]
	replicas := set.Spec.Replicas
	if replicas < 1 {
		t.Fatalf("replicas %d", replicas)
	}

	plain := map[string]string{}
	for _, e := range c.Env {
		if !slices.Contains(settings(), e.Name) {
			t.Errorf("the pods set %s, which prepcord does not read", e.Name)
		}
		switch {
		case e.ValueFrom == nil:
			plain[e.Name] = e.Value
		case e.ValueFrom.SecretKeyRef != nil:
			if e.Name != "DISCORD_TOKEN" && e.Name != "DATABASE_URL" {
				t.Errorf("%s comes from a Secret", e.Name)
			}
		case e.ValueFrom.FieldRef != nil:
			if e.Name != "SHARD_IDS" || e.ValueFrom.FieldRef.FieldPath != "metadata.labels['apps.kubernetes.io/pod-index']" {
				t.Errorf("%s comes from the pod's %s; only SHARD_IDS should, from its index", e.Name, e.ValueFrom.FieldRef.FieldPath)
			}
			plain[e.Name] = "" // filled in per pod below
		}
	}
	for _, name := range []string{"DISCORD_TOKEN", "DATABASE_URL"} {
		if i := slices.IndexFunc(c.Env, func(e k8sEnv) bool { return e.Name == name }); i < 0 || c.Env[i].ValueFrom == nil || c.Env[i].ValueFrom.SecretKeyRef == nil {
			t.Errorf("%s must come from a Secret", name)
		}
	}
	if _, ok := plain["SHARD_IDS"]; !ok {
		t.Errorf("SHARD_IDS must come from the pod's index")
	}
	if n, err := strconv.Atoi(plain["SHARD_COUNT"]); err != nil || n != replicas {
		t.Errorf("SHARD_COUNT %q, want the number of replicas, %d", plain["SHARD_COUNT"], replicas)
	}
	share, err := globalRate(plain["DISCORD_GLOBAL_RATE"])
	if err != nil || plain["DISCORD_GLOBAL_RATE"] == "" {
		t.Errorf("DISCORD_GLOBAL_RATE %q: %v", plain["DISCORD_GLOBAL_RATE"], err)
	}
	if share*float64(replicas) > 50 {
		t.Errorf("DISCORD_GLOBAL_RATE %v × %d replicas = %v requests/s, more than Discord's 50", share, replicas, share*float64(replicas))
	}

	// Every pod's settings load, with the Secret's values filled in.
	var cfg *Config
	for pod := range replicas {
		env := map[string]string{"DISCORD_TOKEN": "token", "DATABASE_URL": "postgres://prepcord:Pw0rd@postgres:5432/prepcord"}
		for k, v := range plain {
			env[k] = v
		}
		env["SHARD_IDS"] = strconv.Itoa(pod)
		if cfg, err = loadConfig(func(k string) string { return env[k] }); err != nil {
			t.Fatalf("pod %d's settings do not load: %v", pod, err)
		}
	}
	port := httpPort(t, cfg.HTTPAddr)
	for name, p := range map[string]*k8sProbe{"readinessProbe": c.ReadinessProbe, "livenessProbe": c.LivenessProbe} {
		if p == nil || p.HTTPGet == nil {
			t.Errorf("%s: want an httpGet probe", name)
			continue
		}
		if p.HTTPGet.Path != healthPath {
			t.Errorf("%s asks %s, prepcord answers health checks at %s", name, p.HTTPGet.Path, healthPath)
		}
		probePort := p.HTTPGet.Port.Value
		for _, cp := range c.Ports {
			if cp.Name == probePort {
				probePort = strconv.Itoa(cp.ContainerPort)
			}
		}
		if probePort != port {
			t.Errorf("%s asks port %s, HTTP_ADDR listens on %s", name, probePort, port)
		}
	}
}

// httpPort is the port of HTTP_ADDR, which must be set and reachable from
// outside the container (not a loopback address).
func httpPort(t *testing.T, addr string) string {
	t.Helper()
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatalf("HTTP_ADDR %q: %v", addr, err)
	}
	if ip := net.ParseIP(host); host == "localhost" || ip != nil && ip.IsLoopback() {
		t.Errorf("HTTP_ADDR %q listens only inside the container", addr)
	}
	return port
}

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}
