package dev.toolseal.tlog.witness;

import dev.toolseal.tlog.note.CosignatureSigner;
import dev.toolseal.tlog.note.KeyFormatException;
import dev.toolseal.tlog.note.NoteVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code tlog-witness} command.
 *
 * <pre>
 * tlog-witness keygen --name NAME --key FILE      new key file (0600); prints the verifier key
 * tlog-witness vkey --key FILE                    prints the verifier key of a key file
 * tlog-witness --key FILE --log VKEY [--log VKEY ...] --state DIR --listen HOST:PORT
 * </pre>
 *
 * Serving prints {@code listening HOST:PORT} on stdout once the port is bound (port 0 picks a
 * free one), then one line per refused request on stderr, until the process is stopped. Exit
 * codes: 0 ok, 1 internal, 2 usage, 4 IO.
 */
public final class WitnessMain {
  static final int OK = 0;
  static final int INTERNAL = 1;
  static final int USAGE = 2;
  static final int IO = 4;

  private static final String USAGE_TEXT = """
      usage: tlog-witness keygen --name NAME --key FILE
             tlog-witness vkey --key FILE
             tlog-witness --key FILE --log VKEY [--log VKEY ...] --state DIR --listen HOST:PORT
      """;

  private WitnessMain() {}

  public static void main(String[] args) {
    // bound how long one client may hold a connection (JDK server settings, read at start)
    System.setProperty("sun.net.httpserver.maxReqTime", "30");
    System.setProperty("sun.net.httpserver.maxRspTime", "30");
    System.setProperty("sun.net.httpserver.idleInterval", "60");
    CountDownLatch forever = new CountDownLatch(1);
    int code = run(System.out, System.err, args, forever);
    System.exit(code);
  }

  /**
   * Runs the command. Serving returns once {@code stop} is counted down (never, from
   * {@link #main}), closing the server.
   */
  static int run(PrintStream out, PrintStream err, String[] args, CountDownLatch stop) {
    try {
      if (args.length > 0 && args[0].equals("keygen")) {
        Map<String, List<String>> o = options(args, 1, List.of("--name", "--key"));
        CosignatureSigner s = WitnessKeyFile.generate(Path.of(one(o, "--key")), one(o, "--name"),
            new SecureRandom(), Clock.systemUTC());
        out.println(s.verifier().verifierKey());
        return OK;
      }
      if (args.length > 0 && args[0].equals("vkey")) {
        Map<String, List<String>> o = options(args, 1, List.of("--key"));
        out.println(WitnessKeyFile.read(Path.of(one(o, "--key")), Clock.systemUTC()).verifier()
            .verifierKey());
        return OK;
      }
      return serve(out, err, options(args, 0, List.of("--key", "--log", "--state", "--listen")),
          stop);
    } catch (UsageException e) {
      err.println("tlog-witness: " + e.getMessage());
      err.print(USAGE_TEXT);
      return USAGE;
    } catch (IOException e) {
      err.println("tlog-witness: " + e.getMessage());
      return IO;
    } catch (RuntimeException e) {
      err.println("tlog-witness: internal error: " + e);
      return INTERNAL;
    }
  }

  private static int serve(PrintStream out, PrintStream err, Map<String, List<String>> o,
      CountDownLatch stop) throws UsageException, IOException {
    CosignatureSigner signer = WitnessKeyFile.read(Path.of(one(o, "--key")), Clock.systemUTC());
    List<NoteVerifier> logs = new ArrayList<>();
    for (String vkey : o.getOrDefault("--log", List.of())) {
      try {
        logs.add(NoteVerifier.parse(vkey));
      } catch (KeyFormatException e) {
        throw new UsageException("--log is not an Ed25519 note verifier key: " + e.getMessage());
      }
    }
    if (logs.isEmpty()) {
      throw new UsageException("at least one --log is required");
    }
    InetSocketAddress listen = address(one(o, "--listen"));
    Witness witness = Witness.open(signer, logs, FileStateStore.open(Path.of(one(o, "--state"))));
    try (WitnessServer server = WitnessServer.start(witness, listen, err::println)) {
      InetSocketAddress bound = server.address();
      err.println("witness " + witness.verifier().verifierKey() + " for "
          + logs.stream().map(NoteVerifier::name).toList());
      out.println("listening " + bound.getHostString() + ":" + bound.getPort());
      out.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return OK;
  }

  static InetSocketAddress address(String hostPort) throws UsageException {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new UsageException("--listen must be HOST:PORT");
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new UsageException("--listen port is not a number");
    }
    if (port < 0 || port > 65535) {
      throw new UsageException("--listen port out of range");
    }
    return new InetSocketAddress(host, port);
  }

  /** Options from {@code args[from..]}: each a known name followed by a value. */
  private static Map<String, List<String>> options(String[] args, int from, List<String> known)
      throws UsageException {
    Map<String, List<String>> o = new HashMap<>();
    for (int i = from; i < args.length; i += 2) {
      if (!known.contains(args[i])) {
        throw new UsageException("unknown argument " + args[i]);
      }
      if (i + 1 == args.length) {
        throw new UsageException(args[i] + " needs a value");
      }
      o.computeIfAbsent(args[i], k -> new ArrayList<>()).add(args[i + 1]);
    }
    return o;
  }

  private static String one(Map<String, List<String>> o, String name) throws UsageException {
    List<String> v = o.getOrDefault(name, List.of());
    if (v.size() != 1) {
      throw new UsageException(name + " is required once");
    }
    return v.get(0);
  }

  /** A command line that cannot be run. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
