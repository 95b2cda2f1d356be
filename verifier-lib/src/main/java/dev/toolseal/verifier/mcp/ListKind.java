package dev.toolseal.verifier.mcp;

import java.util.Optional;

/**
 * The four MCP list methods a snapshot records, with the names they use on the wire.
 *
 * <p>Resource templates have no list_changed notification of their own: the spec covers them
 * with {@code notifications/resources/list_changed}.
 */
public enum ListKind {
    TOOLS("tools/list", "tools", "tools", "notifications/tools/list_changed"),
    PROMPTS("prompts/list", "prompts", "prompts", "notifications/prompts/list_changed"),
    RESOURCES("resources/list", "resources", "resources", "notifications/resources/list_changed"),
    RESOURCE_TEMPLATES("resources/templates/list", "resourceTemplates", "resources",
            "notifications/resources/list_changed");

    private final String method;
    private final String itemsField;
    private final String capability;
    private final String listChangedMethod;

    ListKind(String method, String itemsField, String capability, String listChangedMethod) {
        this.method = method;
        this.itemsField = itemsField;
        this.capability = capability;
        this.listChangedMethod = listChangedMethod;
    }

    /** The JSON-RPC request method, e.g. {@code tools/list}. */
    public String method() {
        return method;
    }

    /** The result member holding the page's entries, e.g. {@code tools}. */
    public String itemsField() {
        return itemsField;
    }

    /** The server capability that must be declared in {@code initialize} for this list. */
    public String capability() {
        return capability;
    }

    /** The notification a server sends when this list changes. */
    public String listChangedMethod() {
        return listChangedMethod;
    }

    /** The kind whose request method is {@code method}, if any. */
    public static Optional<ListKind> ofMethod(String method) {
        for (ListKind kind : values()) {
            if (kind.method.equals(method)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
