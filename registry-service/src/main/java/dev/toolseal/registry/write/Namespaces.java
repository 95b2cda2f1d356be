package dev.toolseal.registry.write;

import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import dev.toolseal.registry.store.KeyRole;
import java.util.regex.Pattern;

/**
 * The registry's namespace rules.
 *
 * <ul>
 *   <li>A publisher namespace is 1..200 characters of {@code [A-Za-z0-9._-]}, starting with a letter
 *       or digit (for example {@code io.github.acme}).
 *   <li>A server name is {@code <publisher namespace>/<name>} with exactly one {@code '/'} (as in
 *       the official MCP registry), the name of the same characters.
 *   <li>A version is 1..200 characters of {@code [A-Za-z0-9._+-]} (semantic versions fit).
 *   <li>An assessor namespace is {@code assessor:<name>} with a name of the same characters, so it
 *       can never be the namespace of a server name.
 * </ul>
 * Who may bind a namespace is {@link KeyWrites}' rule: an ownership proof that covers it, or first
 * come while {@code toolseal.namespaces.first-come} is on and no key of it was ever revoked.
 */
public final class Namespaces {

    /** Prefix of assessor namespaces. */
    public static final String ASSESSOR_PREFIX = "assessor:";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private Namespaces() {
    }

    /** The role a key bound to {@code namespace} gets; a problem if the namespace is malformed. */
    public static KeyRole roleOf(String namespace) {
        if (namespace.startsWith(ASSESSOR_PREFIX) && NAME.matcher(namespace.substring(ASSESSOR_PREFIX.length())).matches()) {
            return KeyRole.ASSESSOR;
        }
        if (NAME.matcher(namespace).matches()) {
            return KeyRole.PUBLISHER;
        }
        throw new ProblemException(ProblemType.INVALID_STATEMENT,
                "A namespace is [A-Za-z0-9][A-Za-z0-9._-]* (or assessor:<that>), at most 200 characters.");
    }

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._+-]{1,200}");

    /** The publisher namespace of {@code serverName}; a problem if the name does not have one. */
    public static String ofServer(String serverName) {
        int slash = serverName.indexOf('/');
        if (slash <= 0 || !NAME.matcher(serverName.substring(0, slash)).matches()
                || !NAME.matcher(serverName.substring(slash + 1)).matches()) {
            throw new ProblemException(ProblemType.INVALID_STATEMENT,
                    "A server name is <namespace>/<name>, both of [A-Za-z0-9._-] characters.");
        }
        return serverName.substring(0, slash);
    }

    /** Checks a release version; a problem if it does not fit the rule. */
    public static String version(String version) {
        if (!VERSION.matcher(version).matches()) {
            throw new ProblemException(ProblemType.INVALID_STATEMENT,
                    "A version is 1..200 characters of [A-Za-z0-9._+-].");
        }
        return version;
    }
}
