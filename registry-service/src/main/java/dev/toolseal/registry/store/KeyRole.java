package dev.toolseal.registry.store;

import java.util.Locale;

/** What a bound key may sign: releases and yanks of its namespace, or reviews. */
public enum KeyRole {
    PUBLISHER, ASSESSOR;

    /** The stored and wire form, lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static KeyRole of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
