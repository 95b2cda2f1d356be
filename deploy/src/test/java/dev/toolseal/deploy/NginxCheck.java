package dev.toolseal.deploy;

import dev.toolseal.deploy.NginxConf.Directive;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The caching proxy's nginx.conf: upstream servers are the compose file's registry services on
 * the registry's port; the checkpoint and tile paths are cached in a declared zone, never for
 * longer than the registry's own Cache-Control allows, and that header is not ignored.
 */
final class NginxCheck {

    static final String CHECKPOINT = "/log/checkpoint";
    static final String TILES = "/log/tile/";

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w|M|y)?");
    private static final Pattern ZONE = Pattern.compile("keys_zone=([^:]+):");

    private final Context cx;
    private final Path file;
    private final List<Directive> conf;

    private NginxCheck(Context cx, Path file, List<Directive> conf) {
        this.cx = cx;
        this.file = file;
        this.conf = conf;
    }

    /** Checks {@code conf}; {@code registryServices} are the upstream host names it may use. */
    static void check(Context cx, Path file, List<Directive> conf, Set<String> registryServices) {
        new NginxCheck(cx, file, conf).run(registryServices);
    }

    private void run(Set<String> registryServices) {
        for (Directive upstream : NginxConf.find(conf, "upstream")) {
            for (Directive server : upstream.children("server")) {
                String[] hostPort = server.args().isEmpty() ? new String[] {""} : server.args().get(0).split(":", 2);
                if (!registryServices.contains(hostPort[0])) {
                    cx.add(file, Rule.MISSING_REFERENCE, "upstream server " + hostPort[0] + " is no registry service");
                }
                if (hostPort.length < 2 || !hostPort[1].equals(String.valueOf(cx.facts().httpPort()))) {
                    cx.add(file, Rule.PORT, "upstream server " + server.args());
                }
            }
        }
        for (Directive ignore : NginxConf.find(conf, "proxy_ignore_headers")) {
            if (ignore.args().stream().anyMatch(a -> a.equalsIgnoreCase("Cache-Control") || a.equalsIgnoreCase("Expires"))) {
                cx.add(file, Rule.CACHE_TTL, "the registry's Cache-Control is ignored (line " + ignore.line() + ")");
            }
        }
        Map<String, Duration> ages = cx.facts().logCacheMaxAge();
        cached(CHECKPOINT, ages.get("CHECKPOINT_CACHE"));
        cached(TILES, min(ages.get("FULL_TILE_CACHE"), ages.get("PARTIAL_TILE_CACHE")));
    }

    /** The location serving {@code path} caches, in a declared zone, for at most {@code maxAge}. */
    private void cached(String path, Duration maxAge) {
        Optional<Directive> location = NginxConf.find(conf, "location").stream()
                .filter(l -> serves(l, path)).findFirst();
        if (location.isEmpty()) {
            cx.add(file, Rule.CACHE_TTL, "no location for " + path);
            return;
        }
        List<Directive> cache = location.get().children("proxy_cache");
        if (cache.isEmpty() || cache.get(0).args().equals(List.of("off"))) {
            cx.add(file, Rule.CACHE_TTL, path + " is not cached");
        } else if (!zones().contains(cache.get(0).args().get(0))) {
            cx.add(file, Rule.MISSING_REFERENCE, "cache zone " + cache.get(0).args());
        }
        for (Directive valid : location.get().children("proxy_cache_valid")) {
            Optional<Duration> ttl = valid.args().isEmpty() ? Optional.empty()
                    : duration(valid.args().get(valid.args().size() - 1));
            if (ttl.isEmpty() || maxAge == null || ttl.get().compareTo(maxAge) > 0) {
                cx.add(file, Rule.CACHE_TTL, path + " proxy_cache_valid " + valid.args() + " > " + maxAge);
            }
        }
    }

    private static boolean serves(Directive location, String path) {
        List<String> args = location.args();
        if (args.size() == 2 && args.get(0).equals("=")) {
            return args.get(1).equals(path);
        }
        if (args.size() == 2 && args.get(0).equals("^~")) {
            return path.startsWith(args.get(1));
        }
        return args.size() == 1 && !args.get(0).equals("/") && path.startsWith(args.get(0));
    }

    private Set<String> zones() {
        return NginxConf.find(conf, "proxy_cache_path").stream().flatMap(d -> d.args().stream())
                .map(ZONE::matcher).filter(Matcher::find).map(m -> m.group(1))
                .collect(java.util.stream.Collectors.toSet());
    }

    /** An nginx time value: a number with an optional unit (seconds if none). */
    static Optional<Duration> duration(String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return Optional.of(switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            case "M" -> Duration.ofDays(30 * n);
            case "y" -> Duration.ofDays(365 * n);
            default -> Duration.ofSeconds(n);
        });
    }

    private static Duration min(Duration a, Duration b) {
        return a == null || b == null ? null : a.compareTo(b) <= 0 ? a : b;
    }
}
