package dev.toolseal.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Loads YAML documents (SnakeYAML, safe constructor) and walks them without casts. */
final class Yaml {

    private Yaml() {
    }

    /** Every document of a (multi-document) YAML file; empty documents are skipped. */
    static List<Object> load(Path file) throws IOException, YAMLException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml(new SafeConstructor(options));
        List<Object> documents = new ArrayList<>();
        for (Object document : yaml.loadAll(Files.readString(file, StandardCharsets.UTF_8))) {
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    /** The value at {@code keys} below {@code node}, if every step is a mapping holding the key. */
    static Optional<Object> at(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return Optional.empty();
            }
            current = map.get(key);
        }
        return Optional.ofNullable(current);
    }

    /** The mapping at {@code keys}, or an empty one. */
    static Map<?, ?> map(Object node, String... keys) {
        return at(node, keys).filter(Map.class::isInstance).map(m -> (Map<?, ?>) m).orElse(Map.of());
    }

    /** The sequence at {@code keys}, or an empty one. */
    static List<?> list(Object node, String... keys) {
        return at(node, keys).filter(List.class::isInstance).map(l -> (List<?>) l).orElse(List.of());
    }

    /** The scalar at {@code keys} as text (numbers and booleans too). */
    static Optional<String> text(Object node, String... keys) {
        return at(node, keys).filter(v -> !(v instanceof Map) && !(v instanceof List)).map(String::valueOf);
    }
}
