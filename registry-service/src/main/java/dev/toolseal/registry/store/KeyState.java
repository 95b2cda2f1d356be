package dev.toolseal.registry.store;

import java.util.Locale;

/** A bound key's state: the namespace's current key, replaced by a rotation, or revoked. */
public enum KeyState {
    CURRENT, ROTATED, REVOKED;

    /** The stored and wire form, lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static KeyState of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
