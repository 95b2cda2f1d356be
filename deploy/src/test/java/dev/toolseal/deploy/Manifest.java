package dev.toolseal.deploy;

import java.nio.file.Path;
import java.util.Map;

/** One Kubernetes object and the file it came from. */
record Manifest(Path file, Object doc) {

    String kind() {
        return Yaml.text(doc, "kind").orElse("");
    }

    String name() {
        return Yaml.text(doc, "metadata", "name").orElse("");
    }

    /** Labels of the pod template (workloads) or of the object. */
    Map<?, ?> podLabels() {
        Map<?, ?> template = Yaml.map(doc, "spec", "template", "metadata", "labels");
        return template.isEmpty() ? Yaml.map(doc, "metadata", "labels") : template;
    }

    /** Whether every entry of {@code selector} is among {@link #podLabels()}. */
    boolean selectedBy(Map<?, ?> selector) {
        return !selector.isEmpty() && podLabels().entrySet().containsAll(selector.entrySet());
    }
}
