package dev.toolseal.registry.ownership;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The production rule (no first come: every binding needs a proof) against the {@link ProofWorld}. */
public class ProvenNamespacesProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("toolseal.namespaces.first-come", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ProofWorld.class));
    }
}
