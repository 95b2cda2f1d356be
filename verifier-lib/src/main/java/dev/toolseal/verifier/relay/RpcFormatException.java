package dev.toolseal.verifier.relay;

/**
 * A line is not an acceptable JSON-RPC 2.0 message: {@link #code()} is the JSON-RPC error code
 * to answer with ({@code -32700} parse error, {@code -32600} invalid request).
 */
public final class RpcFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Not strict JSON, not UTF-8, or too long. */
  public static final int PARSE_ERROR = -32700;
  /** JSON, but not a JSON-RPC 2.0 message MCP allows. */
  public static final int INVALID_REQUEST = -32600;

  private final int code;

  RpcFormatException(int code, String message) {
    super(message);
    this.code = code;
  }

  RpcFormatException(int code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The JSON-RPC error code for this failure. */
  public int code() {
    return code;
  }
}
