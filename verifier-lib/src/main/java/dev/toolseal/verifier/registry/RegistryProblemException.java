package dev.toolseal.verifier.registry;

import java.io.IOException;
import java.util.Optional;

/**
 * The registry answered with an error status. When the body was RFC 9457 problem JSON its
 * {@code type} URI is kept, so callers can switch on the stable type (for example
 * {@code https://toolseal.dev/problems/namespace-taken}) rather than on text.
 */
public final class RegistryProblemException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Base of the registry's problem type URIs. */
  public static final String TYPE_BASE = "https://toolseal.dev/problems/";

  private final int status;
  private final String type;
  private final String detail;

  public RegistryProblemException(int status, String type, String detail) {
    super("registry answered " + status + (type == null ? "" : " " + type)
        + (detail == null || detail.isEmpty() ? "" : ": " + detail));
    this.status = status;
    this.type = type;
    this.detail = detail == null ? "" : detail;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The problem's {@code type} URI, if the body was problem JSON with one. */
  public Optional<String> type() {
    return Optional.ofNullable(type);
  }

  /** The last path segment of a ToolSeal problem type ({@code replay}), if it is one. */
  public Optional<String> slug() {
    return type().filter(t -> t.startsWith(TYPE_BASE)).map(t -> t.substring(TYPE_BASE.length()));
  }

  /** The problem's {@code detail}, or empty. */
  public String detail() {
    return detail;
  }
}
