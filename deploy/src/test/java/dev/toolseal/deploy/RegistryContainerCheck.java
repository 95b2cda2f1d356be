package dev.toolseal.deploy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's container in a workload: real property variables, the registry's port, liveness
 * and readiness probes on its health paths, non-root, no privilege escalation, read-only root
 * file system with a writable /tmp.
 */
final class RegistryContainerCheck {

    private final Context cx;
    private final Manifest workload;
    private final Object pod;
    private final Object container;

    RegistryContainerCheck(Context cx, Manifest workload, Object pod, Object container) {
        this.cx = cx;
        this.workload = workload;
        this.pod = pod;
        this.container = container;
    }

    void check(Collection<String> envNames) {
        cx.registryEnv(workload.file(), envNames);
        Map<String, String> ports = ports(container);
        String http = String.valueOf(cx.facts().httpPort());
        if (!ports.containsValue(http) || ports.values().stream().anyMatch(p -> !p.equals(http))) {
            cx.add(workload.file(), Rule.PORT, "containerPort " + ports.values() + ", the registry listens on " + http);
        }
        probe("livenessProbe", RegistryFacts.LIVE, true, ports);
        probe("readinessProbe", RegistryFacts.READY, true, ports);
        probe("startupProbe", null, false, ports);
        security();
    }

    private void probe(String kind, String expected, boolean required, Map<String, String> ports) {
        Optional<Object> probe = Yaml.at(container, kind);
        if (probe.isEmpty()) {
            if (required) {
                cx.add(workload.file(), Rule.PROBE_PATH, "no " + kind);
            }
            return;
        }
        cx.healthPath(workload.file(), Yaml.text(probe.get(), "httpGet", "path").orElse(""), expected);
        String port = Yaml.text(probe.get(), "httpGet", "port").orElse("");
        String resolved = ports.getOrDefault(port, port);
        if (!resolved.equals(String.valueOf(cx.facts().httpPort()))) {
            cx.add(workload.file(), Rule.PORT, kind + " port " + port);
        }
    }

    private void security() {
        boolean nonRoot = flag("runAsNonRoot").orElse(false);
        Optional<String> uid = Yaml.text(container, "securityContext", "runAsUser")
                .or(() -> Yaml.text(pod, "securityContext", "runAsUser"));
        if (!nonRoot || uid.filter("0"::equals).isPresent()) {
            cx.add(workload.file(), Rule.INSECURE, "runAsNonRoot is not set, or runAsUser is 0");
        }
        if (!Yaml.text(container, "securityContext", "allowPrivilegeEscalation").orElse("true").equals("false")) {
            cx.add(workload.file(), Rule.INSECURE, "allowPrivilegeEscalation is not false");
        }
        if (!Yaml.text(container, "securityContext", "readOnlyRootFilesystem").orElse("false").equals("true")) {
            cx.add(workload.file(), Rule.INSECURE, "readOnlyRootFilesystem is not true");
        } else if (Yaml.list(container, "volumeMounts").stream()
                .noneMatch(v -> Yaml.text(v, "mountPath").filter("/tmp"::equals).isPresent())) {
            cx.add(workload.file(), Rule.INSECURE, "read-only root file system without a writable /tmp");
        }
    }

    private Optional<Boolean> flag(String name) {
        return Yaml.text(container, "securityContext", name).or(() -> Yaml.text(pod, "securityContext", name))
                .map(Boolean::parseBoolean);
    }

    /** Port name (or the number itself) to containerPort, as text. */
    static Map<String, String> ports(Object container) {
        Map<String, String> ports = new LinkedHashMap<>();
        for (Object port : Yaml.list(container, "ports")) {
            String number = Yaml.text(port, "containerPort").orElse("");
            ports.put(Yaml.text(port, "name").orElse(number), number);
        }
        return ports;
    }

    /** The ports of every container of a workload. */
    static Map<String, String> containerPorts(Manifest workload) {
        Map<String, String> ports = new LinkedHashMap<>();
        Yaml.list(workload.doc(), "spec", "template", "spec", "containers").forEach(c -> ports.putAll(ports(c)));
        return ports;
    }
}
